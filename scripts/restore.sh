#!/usr/bin/env bash
# Point-in-time recovery (docs/operations.md): a new data directory from a base backup, replaying the
# archived WAL up to TARGET_TIME, then the file storages from the first file backup taken after it
# (files are never overwritten in place, so files of later records are harmless extras, whereas a file
# backup older than TARGET_TIME would miss the files uploaded in between).
# Usage: scripts/restore.sh BASE_BACKUP_DIR WAL_ARCHIVE_DIR DATA_DIR 'TARGET_TIME' FILES_TAR MEDIA_PARENT
#   Start PostgreSQL on DATA_DIR afterwards: it replays the WAL to TARGET_TIME and opens for writes.
#   FILES_TAR unpacks into MEDIA_PARENT (the folder holding MEDIA_ROOT and PRIVATE_MEDIA_ROOT).
# Run as the PostgreSQL server's user, into an empty DATA_DIR, with the server stopped.
set -euo pipefail
[ $# -eq 6 ] || { sed -n '2,10p' "$0"; exit 2; }
base=$1 wal=$2 data=$3 target=$4 files=$5 media_parent=$6
[ -z "$(ls -A "$data" 2>/dev/null)" ] || { echo "$data is not empty" >&2; exit 1; }
mkdir -p "$data" && chmod 700 "$data"
tar -xzf "$base/base.tar.gz" -C "$data"
touch "$data/recovery.signal"
cat >> "$data/postgresql.auto.conf" <<CONF
restore_command = 'cp "$wal/%f" "%p"'
recovery_target_time = '$target'
recovery_target_action = 'promote'
CONF
mkdir -p "$media_parent"
tar -xzf "$files" -C "$media_parent"
echo "restored: $data (replays to $target when started), files into $media_parent"
