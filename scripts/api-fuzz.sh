#!/usr/bin/env bash
# Schemathesis against the local OpenAPI schema (/api/v1/openapi.json), as an anonymous caller (the
# reads) and as a signed-in specialist (every operation, writes included); fails on any 5xx.
# Usage: DATABASE_URL=postgres://.../a_throwaway_db scripts/api-fuzz.sh
# The database gets the demo data and whatever the fuzzer writes: give it one made for this run.
# FUZZ_EXAMPLES (default 8) bounds the generated cases per operation and phase, keeping the run to a
# few minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?give the throwaway database to fuzz against}"
PY=.venv/bin/python
EXAMPLES=${FUZZ_EXAMPLES:-8}
export DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=false ALLOWED_HOSTS=127.0.0.1
WORK=$(mktemp -d)
server=""
stop() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap stop EXIT

$PY manage.py migrate --no-input -v 0
$PY manage.py load_demo >/dev/null
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A session of the demo specialist, and a CSRF token sent as cookie and header (the API's writes check it).
SESSION=$($PY - <<'PYEOF'
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username="chuyenvien"))
print(client.cookies["sessionid"].value)
PYEOF
)
CSRF=$($PY -c 'import secrets, string; print("".join(secrets.choice(string.ascii_letters) for _ in range(32)))')

.venv/bin/gunicorn config.wsgi -w 2 --threads 2 -b "127.0.0.1:$PORT" --log-level warning \
  --error-logfile "$WORK/server.log" &
server=$!
SCHEMA="http://127.0.0.1:$PORT/api/v1/openapi.json"
common=(--wait-for-schema 60 -c not_a_server_error --max-examples "$EXAMPLES" -w 2
  --phases examples,coverage,fuzzing --continue-on-failure --no-color)
status=0
cd "$WORK"  # schemathesis keeps its example database in the working directory
echo "--- anonymous caller: every read"
"$OLDPWD/.venv/bin/schemathesis" run "$SCHEMA" "${common[@]}" --include-method GET || status=1
echo "--- signed-in specialist: every operation"
"$OLDPWD/.venv/bin/schemathesis" run "$SCHEMA" "${common[@]}" \
  -H "Cookie: sessionid=$SESSION; csrftoken=$CSRF" -H "X-CSRFToken: $CSRF" || status=1
if [ "$status" -ne 0 ]; then
  echo "Server errors found; the server's log:"; tail -n 200 "$WORK/server.log"
fi
exit "$status"
