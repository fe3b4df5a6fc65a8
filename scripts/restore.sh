#!/usr/bin/env bash
# scripts/restore.sh DIR: restores a backup made by scripts/backup.sh into an EMPTY set-up of the same kind (a private
# PostgreSQL or SQLite file, a fresh s3rver or folder), and proves the restored DocSign whole:
#   - every object's bytes match the backup's manifest as they are put back;
#   - the audit chain verifies (--verify-audit);
#   - every document version, issued letter and archive copy has its object with the SHA-256 the database records;
#   - every signed version is VALID by docsign verify (the configured trust anchors, or the sample root in the demo).
# The keys that never live in the database (data-protection key, audit key) come from the same configuration as
# backup.sh reads: an operator restores them from where he keeps them. Exit 0 only when every check holds.
# DOCSIGN_RESTORE_KEEP=1 keeps the restored set-up's folder (printed) instead of removing it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
IN="${1:?usage: scripts/restore.sh DIR}"; IN="$(cd "$IN" && pwd)"
[ -f "$IN/manifest.tsv" ] && [ -f "$IN/backup.json" ] || { log "$IN holds no backup made by scripts/backup.sh"; exit 2; }
source "$ROOT/scripts/backup-lib.sh"
load_service_config
WEB="$(web_binary)"
ensure_apt postgresql-15 python3 >/dev/null
ensure_node_tools
T="$(mktemp -d /tmp/docsign-restore.XXXXXX)"
S3PID=""
finish() {
  [ -n "$S3PID" ] && kill "$S3PID" 2>/dev/null || true
  stop_bench_services
  if [ "${DOCSIGN_RESTORE_KEEP:-0}" = 1 ]; then log "restored set-up kept in $T"; else rm -rf "$T"; fi
}
trap finish EXIT
STARTED=$(date +%s)

# --- an empty set-up of the backup's kind ---
if [ -f "$IN/database.dump" ]; then
  start_bench_postgres "$T"
  export DocSign__Database__Provider=Postgres
  export ConnectionStrings__DocSign="Host=127.0.0.1;Port=$PGPORT;Username=docsign;Database=postgres"
  ( libpq_env "$ConnectionStrings__DocSign"; pg_restore --no-owner --exit-on-error -d postgres "$IN/database.dump" )
else
  mkdir -p "$T/data"; cp "$IN/docsign.db" "$T/data/docsign.db"
  export DocSign__Database__Provider=Sqlite
  export ConnectionStrings__DocSign="Data Source=$T/data/docsign.db"
fi
export DocSign__DataDirectory="$T/data"
if grep -q '"storage": "S3"' "$IN/backup.json"; then
  S3PORT="$(free_port)"; mkdir -p "$T/s3"
  "$ROOT/tools/node/node_modules/.bin/s3rver" --address 127.0.0.1 --port "$S3PORT" --directory "$T/s3" --silent >"$T/s3.log" 2>&1 &
  S3PID=$!
  for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$S3PORT") 2>/dev/null && break; sleep 0.2; done
  export DocSign__Storage__Kind=S3 DocSign__Storage__S3__ServiceUrl="http://127.0.0.1:$S3PORT" \
         DocSign__Storage__S3__AccessKey=S3RVER DocSign__Storage__S3__SecretKey=S3RVER DocSign__Storage__S3__Bucket=docsign
else
  export DocSign__Storage__Kind=FileSystem DocSign__Storage__FileSystem__Root="$T/objects"
fi
log "restoring into $T"

fail=0
dotnet "$WEB" --import-objects "$IN" || fail=1
dotnet "$WEB" --verify-audit || fail=1
dotnet "$WEB" --check-restore "$T/signed" || fail=1

# --- every signed version, by the independent command-line verifier ---
anchors=()
for v in $(compgen -v | grep -E '^DocSign__Verification__TrustAnchors__[0-9]+$' || true); do anchors+=(--trust "${!v}"); done
[ "${DocSign__Verification__TrustSamplePki:-false}" = true ] && anchors+=(--trust "$ROOT/certs-sample/root-ca.pem" --trust "$ROOT/certs-sample/bsre/root.pem")
valid=0; total=0
for f in "$T"/signed/*.pdf; do
  [ -e "$f" ] || continue
  total=$((total + 1))
  if bash "$ROOT/scripts/docsign" verify "$f" "${anchors[@]}" >/dev/null 2>&1; then valid=$((valid + 1)); else log "NOT VALID: $(basename "$f")"; fail=1; fi
done
echo "Signed versions VALID: $valid of $total"
if [ "$fail" = 0 ]; then
  echo "Restore whole: objects match the manifest, audit chain intact, every record has its bytes, every signature VALID ($(( $(date +%s) - STARTED )) s)"
else
  echo "Restore NOT whole: see the lines above"; exit 1
fi
