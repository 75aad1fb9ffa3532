#!/usr/bin/env bash
# Starts Debian's clamd on a private unix socket with a signature database holding only the EICAR test
# signature (no internet for freshclam here), runs the command given, then stops clamd.
# Usage: scripts/clamd-test.sh <command...>   (the command sees CLAMAV_TEST_SOCKET)
set -euo pipefail
CLAMD=$(command -v clamd || echo /usr/sbin/clamd)
[ -x "$CLAMD" ] || { echo "clamd is not installed (apt-get install clamav-daemon)" >&2; exit 1; }
DIR=$(mktemp -d /tmp/bz-clamd.XXXXXX)
chmod 755 "$DIR"
pid=""
stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap stop EXIT
mkdir -p "$DIR/db"
# The EICAR test file's signature in ClamAV's hash format (MD5:size:name) and as a body signature (.ndb).
printf '44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n' > "$DIR/db/eicar.hdb"
printf 'Eicar-Signature:0:*:58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a\n' > "$DIR/db/eicar.ndb"
user=$(id -un)
cat > "$DIR/clamd.conf" <<CONF
LocalSocket $DIR/clamd.sock
DatabaseDirectory $DIR/db
Foreground yes
User $user
LogFile $DIR/clamd.log
PidFile $DIR/clamd.pid
StreamMaxLength 30M
CONF
"$CLAMD" --config-file="$DIR/clamd.conf" &
pid=$!
for _ in $(seq 1 60); do [ -S "$DIR/clamd.sock" ] && break; sleep 0.5; done
[ -S "$DIR/clamd.sock" ] || { echo "clamd did not start:"; cat "$DIR/clamd.log" 2>/dev/null; exit 1; }
CLAMAV_TEST_SOCKET="$DIR/clamd.sock" "$@"
