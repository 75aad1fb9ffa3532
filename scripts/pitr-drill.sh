#!/usr/bin/env bash
# Restore drill (docs/operations.md): starts its own PostgreSQL cluster (initdb on a free port, in a
# temporary folder, as the postgres OS user; the shared server is never touched), archives its WAL,
# loads records with files in both storages, takes a base backup with scripts/backup.sh, changes data,
# notes a moment, destroys data after it, restores to that moment with scripts/restore.sh into a second
# cluster, and checks that every record and every file (content digest) is back. Exit 0 only then.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: rerun as the postgres user, from a copy of the scripts it can read
  # wherever this clone lives (a folder under /root is closed to other users).
  copy=$(mktemp -d /tmp/bz-drill-scripts.XXXXXX)
  cp "$HERE/pitr-drill.sh" "$HERE/backup.sh" "$HERE/restore.sh" "$copy/"
  chown -R postgres "$copy"
  status=0
  runuser -u postgres -- "$copy/pitr-drill.sh" "$@" || status=$?
  rm -rf "$copy"
  exit "$status"
fi
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
export PATH="$PGBIN:$PATH"
WORK=$(mktemp -d /tmp/bz-drill.XXXXXX)
chmod 700 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT_A=$(free_port); PORT_B=$(free_port)
stop_all() {
  pg_ctl -D "$WORK/a" -m immediate stop >/dev/null 2>&1 || true
  pg_ctl -D "$WORK/b" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop_all EXIT
step() { printf '[drill %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

step "cluster A on port $PORT_A in $WORK"
initdb -D "$WORK/a" -A trust -U postgres >/dev/null
mkdir -p "$WORK/backup/wal"
cat >> "$WORK/a/postgresql.conf" <<CONF
port = $PORT_A
listen_addresses = ''
unix_socket_directories = '$WORK'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f "$WORK/backup/wal/%f" && cp "%p" "$WORK/backup/wal/%f"'
archive_timeout = 0
max_wal_senders = 3
CONF
pg_ctl -D "$WORK/a" -l "$WORK/a.log" -w start >/dev/null
export PGHOST=$WORK PGUSER=postgres PGPORT=$PORT_A
psqla() { psql -X -q -v ON_ERROR_STOP=1 -p "$PORT_A" -d borderzone -At "$@"; }
createdb -p "$PORT_A" borderzone

export MEDIA_ROOT=$WORK/site/media PRIVATE_MEDIA_ROOT=$WORK/site/media-private BACKUP_DIR=$WORK/backup
mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"
psqla -c "CREATE TABLE record (id serial PRIMARY KEY, title text NOT NULL, storage text NOT NULL, path text NOT NULL, sha256 text NOT NULL, at timestamptz DEFAULT clock_timestamp())"
add_records() {  # $1 first id, $2 last id: a record each, its file in the public or private storage
  python3 - "$1" "$2" "$WORK/site" > "$WORK/insert.sql" <<'PY'
import hashlib, os, secrets, sys
first, last, site = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for i in range(first, last + 1):
    storage = "media-private" if i % 2 == 0 else "media"
    path = f"docs/{i // 100}/file-{i}.pdf"
    data = f"%PDF-1.4\nrecord {i} {secrets.token_hex(8)}\n%%EOF\n".encode()
    os.makedirs(os.path.dirname(os.path.join(site, storage, path)), exist_ok=True)
    with open(os.path.join(site, storage, path), "wb") as f:
        f.write(data)
    print(f"INSERT INTO record (title, storage, path, sha256) VALUES ('Văn bản {i}', '{storage}', '{path}', '{hashlib.sha256(data).hexdigest()}');")
PY
  psqla -f "$WORK/insert.sql"
}

step "load 1000 records with their files"
add_records 1 1000
step "base backup (scripts/backup.sh base)"
"$HERE/backup.sh" base >/dev/null
BASE=$(ls -d "$BACKUP_DIR"/base/* | tail -n 1)

step "changes after the backup: 500 more records, 10 renamed"
add_records 1001 1500
psqla -c "UPDATE record SET title = title || ' (sửa)' WHERE id <= 10"
psqla -c "SELECT pg_switch_wal()" >/dev/null
sleep 1
TARGET=$(psqla -c "SELECT clock_timestamp()")
EXPECTED=$(psqla -c "SELECT count(*) || ':' || md5(string_agg(id || title || path || sha256, ',' ORDER BY id)) FROM record")
sleep 1
"$HERE/backup.sh" files >/dev/null
FILES=$(ls "$BACKUP_DIR"/files/files-*.tar.gz | tail -n 1)

step "the accident after $TARGET: every record deleted, a file removed"
psqla -c "DELETE FROM record"
rm -f "$MEDIA_ROOT/docs/0/file-1.pdf"
psqla -c "SELECT pg_switch_wal()" >/dev/null
for _ in $(seq 1 30); do  # wait until the last segment is archived
  ready=$(find "$WORK/a/pg_wal/archive_status" -name '*.ready' | wc -l)
  [ "$ready" -eq 0 ] && break; sleep 0.5
done
pg_ctl -D "$WORK/a" -m fast -w stop >/dev/null

step "restore to $TARGET into cluster B (scripts/restore.sh)"
rm -rf "$WORK/site"
"$HERE/restore.sh" "$BASE" "$BACKUP_DIR/wal" "$WORK/b" "$TARGET" "$FILES" "$WORK/site" >/dev/null
cat >> "$WORK/b/postgresql.auto.conf" <<CONF
port = $PORT_B
archive_mode = off
CONF
pg_ctl -D "$WORK/b" -l "$WORK/b.log" -w -t 120 start >/dev/null
for _ in $(seq 1 120); do
  [ "$(psql -X -p "$PORT_B" -d borderzone -At -c 'SELECT pg_is_in_recovery()')" = f ] && break; sleep 0.5
done
GOT=$(psql -X -p "$PORT_B" -d borderzone -At -c "SELECT count(*) || ':' || md5(string_agg(id || title || path || sha256, ',' ORDER BY id)) FROM record")
step "records: expected $EXPECTED, restored $GOT"
[ "$GOT" = "$EXPECTED" ] || { echo "DRILL FAILED: records differ"; tail -20 "$WORK/b.log"; exit 1; }
missing=$(psql -X -p "$PORT_B" -d borderzone -At -F '|' -c "SELECT storage, path, sha256 FROM record ORDER BY id" \
  | python3 -c '
import hashlib, os, sys
site, missing = sys.argv[1], 0
for line in sys.stdin:
    storage, path, digest = line.rstrip("\n").split("|")
    file = os.path.join(site, storage, path)
    if not os.path.isfile(file) or hashlib.sha256(open(file, "rb").read()).hexdigest() != digest:
        missing += 1
        print(f"missing or changed: {storage}/{path}", file=sys.stderr)
print(missing)' "$WORK/site")
step "files: $(echo "$GOT" | cut -d: -f1) checked, $missing missing or changed"
[ "$missing" -eq 0 ] || { echo "DRILL FAILED: files missing"; exit 1; }
step "DRILL PASSED: every record and file is back as of $TARGET"
