#!/usr/bin/env bash
# Update and compile every translation catalogue (Vietnamese, English, Chinese), run by `make messages`.
# Apps with their own locale/ keep their strings there, with references relative to the app; everything
# else (base templates, core, accounts, reports, config) goes to the project catalogue borderzone/locale/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ADMIN="$(dirname "$PY")/django-admin"
LANGS=(-l vi -l en -l zh_Hans)
ignores=(--ignore=.venv --ignore=var --ignore=node_modules)
for locale in borderzone/*/locale; do
  app=$(dirname "$locale")
  (cd "$app" && "../../$ADMIN" makemessages "${LANGS[@]}" --no-obsolete >/dev/null)
  ignores+=("--ignore=$app/*")
done
DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev} "$PY" manage.py makemessages "${LANGS[@]}" --no-obsolete "${ignores[@]}" >/dev/null
DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev} "$PY" manage.py compilemessages --ignore=.venv >/dev/null
echo "Catalogues updated and compiled."
