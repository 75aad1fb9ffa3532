#!/usr/bin/env bash
# pip-audit of the pinned packages (requirements.lock, requirements-dev.lock) against PyPI's advisory data.
# Fails on a known vulnerability. When the advisory service cannot be reached (no internet, or a package
# mirror that serves no advisories), it says so and does not fail: nothing could be checked.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
total=$(grep -cE '^[A-Za-z0-9_.-]+==' requirements.lock requirements-dev.lock | awk -F: '{s+=$2} END {print s}')
timeout 600 .venv/bin/pip-audit --disable-pip --no-deps -r requirements.lock -r requirements-dev.lock \
  --progress-spinner off >"$out" 2>&1
rc=$?
unaudited=$(grep -c "could not be audited" "$out" || true)
if grep -qiE "ConnectionError|Max retries exceeded|Name or service not known|timed out" "$out" || [ "$unaudited" -ge "$total" ]; then
  echo "pip-audit: the advisory service is unreachable from here ($unaudited of $total packages could not be"
  echo "looked up); no vulnerability check was possible. Run scripts/audit-deps.sh where PyPI is reachable."
  exit 0
fi
if [ "$rc" -ne 0 ]; then
  grep -v "could not be audited" "$out"
  echo "pip-audit found known vulnerabilities (above): upgrade and make lock."; exit 1
fi
echo "pip-audit: no known vulnerabilities in the $((total - unaudited)) of $total packages whose advisory data was reachable."
if [ "$unaudited" -gt 0 ]; then
  echo "pip-audit: the advisory service did not answer for $unaudited packages (unreachable here); they were not checked."
fi
