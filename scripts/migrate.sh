#!/usr/bin/env bash
# Migrations run as the owner role; the application connects as a role that owns no table (issue 14).
# Usage (production): DATABASE_URL=<app role URL> DATABASE_OWNER_URL=<owner role URL> scripts/migrate.sh
# Without DATABASE_OWNER_URL (development, SQLite) it is a plain `migrate`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
if [ -z "${DATABASE_OWNER_URL:-}" ]; then exec "$PY" manage.py migrate --no-input; fi
: "${DATABASE_URL:?DATABASE_URL names the application role's connection}"
app_role=$("$PY" -c 'import sys, dj_database_url; print(dj_database_url.parse(sys.argv[1])["USER"])' "$DATABASE_URL")
DATABASE_URL="$DATABASE_OWNER_URL" "$PY" manage.py migrate --no-input
DATABASE_URL="$DATABASE_OWNER_URL" "$PY" manage.py grant_app_role --role "$app_role"
