#!/usr/bin/env bash
# Installs and starts everything the tests need (apt packages, a private PostgreSQL on loopback,
# s3rver from npm, the sample PKI's OCSP/CRL services), runs every test project, and ends with
# the line "N passed, N failed[, N skipped]". Exit 0 only when nothing failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_apt poppler-utils qpdf openssl python3 postgresql-15 libnss3-tools
ensure_node_tools

WORK="$ROOT/.tmp/test-run"
rm -rf "$WORK"; mkdir -p "$WORK"
PIDS=()
cleanup() {
  if [ -n "${PKI_PGID:-}" ]; then kill -CONT -- -"$PKI_PGID" 2>/dev/null || true; kill -TERM -- -"$PKI_PGID" 2>/dev/null || true; fi
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
  # Its own session (process group), so that cleanup stops the python server it runs, not just the shell.
  setsid bash "$ROOT/scripts/pki-services.sh" </dev/null >"$WORK/pki-services.log" 2>&1 &
  PKI_PGID=$!
fi

log "building"
dotnet build DocSign.sln -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -50 "$WORK/build.log"; echo "0 passed, 1 failed"; exit 1; }

log "running tests"
set +e
dotnet test DocSign.sln -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$WORK/results" 2>&1 | tee "$WORK/test.log" \
  | grep -E "^ *(Failed|Skipped) |Error Message|Test Run Aborted|crashed|exited with error"
status=${PIPESTATUS[0]}
set -e

# Count from the TRX files (one per test project): console summaries change format between SDKs.
# A test project that wrote no TRX (its host crashed) counts as a failure.
read -r passed failed skipped missing < <(python3 - "$WORK/results" DocSign.sln <<'PY'
import glob, os, re, sys, xml.etree.ElementTree as ET
results, sln = sys.argv[1], sys.argv[2]
projects = re.findall(r'"(tests[/\\][^"]+\.Tests\.csproj)"', open(sln).read())
p = f = s = 0
for trx in glob.glob(os.path.join(results, "*.trx")):
    c = ET.parse(trx).getroot().find("{*}ResultSummary/{*}Counters")
    if c is None: f += 1; continue
    g = lambda k: int(c.get(k, "0"))
    p += g("passed"); f += g("failed") + g("error") + g("timeout") + g("aborted")
    s += g("total") - g("executed")
trx_count = len(glob.glob(os.path.join(results, "*.trx")))
print(p, f, s, max(0, len(projects) - trx_count))
PY
)
if [ "$missing" -gt 0 ]; then failed=$((failed + missing)); log "$missing test project(s) wrote no results (see $WORK/test.log)"; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; log "test run failed outside any test (see $WORK/test.log)"; fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
