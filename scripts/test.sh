#!/usr/bin/env bash
# Installs and starts everything the tests need (apt packages, a private PostgreSQL on loopback,
# s3rver from npm, the sample PKI's OCSP/CRL services), runs every test project, and ends with
# the line "N passed, N failed[, N skipped]". Exit 0 only when nothing failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_apt poppler-utils qpdf openssl python3 postgresql-15
ensure_node_tools

WORK="$ROOT/.tmp/test-run"
rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  if [ -n "${PGDATA_DIR:-}" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    run_pg pg_ctl -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# --- private PostgreSQL cluster on a loopback port (postgres refuses to run as root) ---
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
PGDATA_DIR="$WORK/pg"
PGPORT="$(free_port)"
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$PGBIN/$1" "${@:2}"; else "$PGBIN/$1" "${@:2}"; fi
}
mkdir -p "$PGDATA_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$PGDATA_DIR" && chmod 755 "$WORK" "$ROOT/.tmp"
run_pg initdb -D "$PGDATA_DIR" -U docsign --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1
run_pg pg_ctl -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
  -o "-p $PGPORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export DOCSIGN_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=docsign;Database=postgres;Pooling=true"
log "PostgreSQL on 127.0.0.1:$PGPORT"

# s3rver is started per test fixture (tests stop and restart it); they find it here.
export DOCSIGN_TEST_S3RVER="$ROOT/tools/node/node_modules/.bin/s3rver"

# --- sample PKI services (OCSP responder, CRL server) when the PKI exists ---
if [ -x "$ROOT/scripts/pki-services.sh" ] && [ -f "$ROOT/certs-sample/root-ca.pem" ]; then
  bash "$ROOT/scripts/pki-services.sh" >"$WORK/pki-services.log" 2>&1 &
  PIDS+=($!)
fi

log "building"
dotnet build DocSign.sln -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -50 "$WORK/build.log"; echo "0 passed, 1 failed"; exit 1; }

log "running tests"
set +e
dotnet test DocSign.sln -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$WORK/results" 2>&1 | tee "$WORK/test.log" \
  | grep -E "^\s*(Failed|Skipped) |Passed!|Failed!|error|Error Message|Test Run Aborted|crashed" 
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
read -r passed failed skipped < <(grep -E "(Passed|Failed)! +- +Failed:" "$WORK/test.log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; log "test run failed outside any test (see $WORK/test.log)"; fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
