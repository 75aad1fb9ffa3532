#!/usr/bin/env bash
# Backups of everything BorderZone keeps (docs/operations.md, "Backups and point-in-time recovery"):
#   scripts/backup.sh base    a PostgreSQL base backup (pg_basebackup, tar, compressed) plus the file storages
#   scripts/backup.sh files   the file storages only (MEDIA_ROOT and PRIVATE_MEDIA_ROOT), e.g. hourly
# Together with WAL archiving (archive_command copying each segment to $BACKUP_DIR/wal) this allows
# restoring to any moment after the oldest base backup: scripts/restore.sh.
# Environment: BACKUP_DIR; PGHOST, PGPORT, PGUSER (a role with REPLICATION); MEDIA_ROOT, PRIVATE_MEDIA_ROOT.
set -euo pipefail
: "${BACKUP_DIR:?where backups go}" "${MEDIA_ROOT:?the public file storage}" "${PRIVATE_MEDIA_ROOT:?the private file storage}"
what=${1:-base}
stamp=$(date -u +%Y%m%dT%H%M%S%NZ)
mkdir -p "$BACKUP_DIR/base" "$BACKUP_DIR/files" "$BACKUP_DIR/wal"

backup_files() {
  # Both storages in one archive, each under its own name; a storage not created yet is recorded empty.
  local tmp="$BACKUP_DIR/files/.files-$stamp.tar.gz"
  local parts=()
  for root in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do mkdir -p "$root"; done
  parts=(-C "$(dirname "$MEDIA_ROOT")" "$(basename "$MEDIA_ROOT")"
         -C "$(dirname "$PRIVATE_MEDIA_ROOT")" "$(basename "$PRIVATE_MEDIA_ROOT")")
  tar -czf "$tmp" "${parts[@]}"
  mv "$tmp" "$BACKUP_DIR/files/files-$stamp.tar.gz"
  echo "files: $BACKUP_DIR/files/files-$stamp.tar.gz"
}

case "$what" in
  base)
    target="$BACKUP_DIR/base/$stamp"
    # -X fetch: the base backup carries the WAL it needs to be consistent on its own.
    pg_basebackup -D "$target" -Ft -z -X fetch --checkpoint=fast --label "borderzone-$stamp"
    echo "base: $target"
    backup_files
    ;;
  files) backup_files ;;
  *) echo "usage: $0 base|files" >&2; exit 2 ;;
esac
