#!/usr/bin/env bash
# scripts/backup.sh DIR: a consistent backup of DocSign's database and object store while it serves.
# The database first (pg_dump's snapshot, or SQLite's online backup), then every object through the service's own
# store client with a manifest of SHA-256s. Objects are write-once, so every object the dump names is already stored
# when the copy starts; objects written later are extra and harmless (the orphan sweep removes what nothing names).
# Which set-up: a running scripts/cluster.sh (its state folder, $DOCSIGN_CLUSTER_DIR) when there is one, else the
# service's configuration in the environment (DocSign__Database__Provider, ConnectionStrings__DocSign,
# DocSign__Storage__*), else scripts/run.sh's embedded defaults under ./data.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
OUT="${1:?usage: scripts/backup.sh DIR}"
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
[ -z "$(ls -A "$OUT")" ] || { log "$OUT is not empty; a backup goes into an empty folder"; exit 2; }
source "$ROOT/scripts/backup-lib.sh"
load_service_config
WEB="$(web_binary)"
STARTED=$(date +%s)
if [ "${DocSign__Database__Provider:-Sqlite}" = Postgres ]; then
  ensure_apt postgresql-client-15 >/dev/null 2>&1 || true
  ( libpq_env "$ConnectionStrings__DocSign"; pg_dump --format=custom --no-owner --file "$OUT/database.dump" )
  DB=postgres
else
  python3 - "$(sqlite_path)" "$OUT/docsign.db" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])
with dst: src.backup(dst)   # SQLite's online backup: a consistent copy while writers go on
PY
  DB=sqlite
fi
log "database copied ($DB)"
dotnet "$WEB" --export-objects "$OUT" | tee "$OUT/objects.log"
cat >"$OUT/backup.json" <<JSON
{"taken": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "database": "$DB", "storage": "${DocSign__Storage__Kind:-FileSystem}", "seconds": $(( $(date +%s) - STARTED ))}
JSON
echo "Backup in $OUT ($DB database, $(wc -l <"$OUT/manifest.tsv") objects) in $(( $(date +%s) - STARTED )) s"
