#!/usr/bin/env bash
# Service benchmark (not a test): starts a private PostgreSQL and DocSign on free loopback ports (the sample PKI's
# OCSP/CRL/TSA too, unless they already answer), seeds 10,000 documents across the four demo offices, and measures
# the dashboard (GET /) and the document page (GET /dokumen/{id}) as a person signed in through the Masuk form,
# letter numbers through the API with 32 clients at once, and POST /sign of a 1 MB document at B-LTA against the
# sample PKI, alone and with 20 Camats signing at once (bench/DocSign.Bench.Web). Prints a markdown table (p50, p95).
# Knobs: BENCH_DOCUMENTS (10000), BENCH_SIGNERS (20), BENCH_SIGN_RUNS (10), BENCH_CONCURRENT_ROUNDS (2),
# BENCH_PAGE_REQUESTS (200), BENCH_NUMBER_CLIENTS (32), BENCH_NUMBERS_SECONDS (15), BENCH_WEB_PARTS (pages,numbers,sign).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_apt postgresql-15 python3

WORK="$(mktemp -d /tmp/docsign-bench-web.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  # DocSign did not always leave on SIGTERM (its shutdown waited on work against the database stopped below), and
  # each run left a server behind: give it a few seconds, then end it.
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] || continue
    for _ in $(seq 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$p" 2>/dev/null || true
  done
  stop_bench_services
  rm -rf "$WORK"
}
trap cleanup EXIT

start_bench_postgres "$WORK"
ensure_pki_services "$WORK/pki.log"

log "building"
dotnet build src/DocSign.Web -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 1; }
dotnet build bench/DocSign.Bench.Web -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 1; }

# --- DocSign on PostgreSQL, as an operator would configure it for the demo PKI ---
PORT="$(free_port)"
# "Demo": every other environment refuses the demo accounts and the sample PKI this benchmark signs with.
export ASPNETCORE_ENVIRONMENT=Demo
export DocSign__Database__Provider=Postgres
export ConnectionStrings__DocSign="Host=127.0.0.1;Port=$PGPORT;Username=docsign;Database=postgres;Maximum Pool Size=100"
export DocSign__DataDirectory="$WORK/data"
export DocSign__Demo__Enabled=true
export DocSign__SamplePkiDirectory="$ROOT/certs-sample"
export DocSign__Verification__TrustAnchors__0="$ROOT/certs-sample/root-ca.pem"
export DocSign__Signing__TsaUrl="http://127.0.0.1:18782/tsa"
export DocSign__PublicBaseUrl="http://127.0.0.1:$PORT"
export Logging__LogLevel__Default=Warning
# Every bench Camat asks for a token from this one loopback address within a minute (41 with the defaults); the
# per-address limit (30/min) is meant for people, and refused the bench with 429 when it ran faster than that.
export DocSign__Auth__TokenRequestsPerMinute=1000
export DocSign__Letters__DailyReservationsPerUser=0   # the benchmark takes thousands of numbers with one clerk
dotnet src/DocSign.Web/bin/Release/net10.0/DocSign.Web.dll --urls "http://127.0.0.1:$PORT" >"$WORK/docsign.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { tail -40 "$WORK/docsign.log" >&2; exit 1; }
log "DocSign on 127.0.0.1:$PORT"

BENCH_URL="http://127.0.0.1:$PORT" stdbuf -oL dotnet bench/DocSign.Bench.Web/bin/Release/net10.0/DocSign.Bench.Web.dll \
  || { log "benchmark failed; server log:"; tail -40 "$WORK/docsign.log" >&2; exit 1; }
echo
echo "(2 cores shared; $(nproc) CPUs seen, load average $(cut -d' ' -f1-3 /proc/loadavg))"
