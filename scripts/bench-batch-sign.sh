#!/usr/bin/env bash
# Tanda tangan massal benchmark (not a test; issue 20): DocSign as scripts/run.sh starts it (Release build, SQLite and
# the file-system store in a temporary folder, the Demo environment, the sample PKI's services and TSA, the BSrE
# emulator) on free loopback ports; the demo's Camat of Lumajang signs BENCH_SIGN_COUNT (50, the batch limit)
# documents of BENCH_SIGN_MB (1) MB in one POST /api/sign/batch and as many again one by one
# (POST /api/documents/{id}/sign), and bench/batch_sign.py prints a markdown table: total wall time, per-document
# time (the batch's is total/N: one request), p95 of the one-by-one requests, and the CPU per document of DocSign and
# of the emulator (/proc/<pid>/stat), and DocSign's peak RSS during each (VmHWM, reset before each). BENCH_SIGN_VERIFY
# (10, at least 5) signed versions are fetched back and verified VALID afterwards, so no figure stands for broken output.
# Everything it starts is stopped again, also when it fails.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_apt python3 curl
[ "${BENCH_SIGN_COUNT:-50}" -ge 1 ] && [ "${BENCH_SIGN_COUNT:-50}" -le 50 ] \
  || { log "BENCH_SIGN_COUNT must be 1..50 (the batch limit)"; exit 2; }

WORK="$(mktemp -d /tmp/docsign-bench-batch.XXXXXX)"
OUT="$ROOT/.tmp/bench-batch"   # builds (kept between runs, apart from run.sh's .tmp/web so a running demo is not touched)
mkdir -p "$OUT"
WEB_PID=""; BSRE_PID=""; PY_PID=""
stop_pid() {   # TERM, up to 5 s to leave, then KILL
  [ -n "$1" ] || return 0
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 25); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  stop_pid "$PY_PID"; stop_pid "$WEB_PID"; stop_pid "$BSRE_PID"
  stop_bench_services
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# status URL: the HTTP status URL answers with (000 while nothing listens)
status() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" || true; }
answers() { [ "$(status "$1")" != 000 ]; }
# wait_for URL PID LOG [STATUS]: poll until URL answers (with STATUS, when given), or fail when the process died or
# after 120 s
wait_for() {
  local s
  for _ in $(seq 600); do
    s="$(status "$1")"
    [ "$s" != 000 ] && [ -z "${4:-}" -o "$s" = "${4:-}" ] && return 0
    kill -0 "$2" 2>/dev/null || { log "the process behind $1 exited:"; tail -30 "$3" >&2; exit 1; }
    sleep 0.2
  done
  log "$1 did not answer${4:+ $4} in 120 s:"; tail -30 "$3" >&2; exit 1
}

log "building DocSign and the BSrE emulator (Release, into $OUT)"
dotnet build src/DocSign.Web/DocSign.Web.csproj -c Release -nologo -v q -o "$OUT/web" >"$OUT/web-build.log" 2>&1 \
  || { tail -30 "$OUT/web-build.log" >&2; exit 1; }
dotnet build tools/DocSign.BsreEmulator/DocSign.BsreEmulator.csproj -c Release -nologo -v q -o "$OUT/bsre" >"$OUT/bsre-build.log" 2>&1 \
  || { tail -30 "$OUT/bsre-build.log" >&2; exit 1; }

# The sample PKI's OCSP, CRL and TSA on 18780-18782 (the addresses its certificates name), unless they already answer.
ensure_pki_services "$WORK/pki.log"
pki_services_answer || { log "the sample PKI's services do not answer"; cat "$WORK/pki.log" >&2; exit 1; }

# The emulator: its API on a free port; its OCSP/TSA/CA address is the one its certificates name (18791) when free,
# otherwise a free port (DocSign reads the B-LT data the emulator embeds and does not call them).
BSRE_PORT="$(free_port)"
SERVICES_PORT=18791
answers "http://127.0.0.1:$SERVICES_PORT/" && SERVICES_PORT="$(free_port)"
dotnet "$OUT/bsre/DocSign.BsreEmulator.dll" --pki "$ROOT/certs-sample/bsre" --api "http://127.0.0.1:$BSRE_PORT" \
  --services "http://127.0.0.1:$SERVICES_PORT" >"$WORK/bsre.log" 2>&1 &
BSRE_PID=$!
wait_for "http://127.0.0.1:$BSRE_PORT/" "$BSRE_PID" "$WORK/bsre.log"
log "BSrE emulator on 127.0.0.1:$BSRE_PORT (pid $BSRE_PID)"

# DocSign with run.sh's demo settings, on a free port, its data in $WORK.
PORT="$(free_port)"
export ASPNETCORE_ENVIRONMENT=Demo
export DocSign__DataDirectory="$WORK/data"
export DocSign__SamplePkiDirectory="$ROOT/certs-sample"
export DocSign__Demo__Enabled=true
export DocSign__Verification__TrustSamplePki=true
export DocSign__DataProtection__Key="$(head -c 32 /dev/urandom | base64)"
export DocSign__PublicBaseUrl="http://127.0.0.1:$PORT"
export DocSign__Signing__TsaUrl="http://127.0.0.1:18782/tsa"
export DocSign__Letters__Signing__TsaUrl="http://127.0.0.1:18782/tsa"
export DocSign__Signing__Bsre__BaseUrl="http://127.0.0.1:$BSRE_PORT/"
export DocSign__Signing__Bsre__User=docsign
export DocSign__Signing__Bsre__Password=contoh-esign
export DocSign__Signing__Bsre__TrustAnchors__0="$ROOT/certs-sample/bsre/root.pem"
export DocSign__Verification__TrustAnchors__0="$ROOT/certs-sample/bsre/root.pem"
export DocSign__Demo__BsreNik__lumajang=9901011508710001
# Bench-only: logs at Warning (as the web bench), and the per-minute limits on tokens and /api/verify meant for people.
export Logging__LogLevel__Default=Warning
export DocSign__Auth__TokenRequestsPerMinute=1000
export DocSign__Auth__VerifyPerMinute=1000
dotnet "$OUT/web/DocSign.Web.dll" --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/src/DocSign.Web" >"$WORK/docsign.log" 2>&1 &
WEB_PID=$!
wait_for "http://127.0.0.1:$PORT/health" "$WEB_PID" "$WORK/docsign.log" 200
log "DocSign on 127.0.0.1:$PORT (pid $WEB_PID)"

# In the background and waited for, so that a TERM or Ctrl-C reaches the trap at once (bash runs traps only after a
# foreground command ends) and the cleanup stops the driver too.
python3 "$ROOT/bench/batch_sign.py" --url "http://127.0.0.1:$PORT" --work "$WORK" --mkpdf "$ROOT/bench/mkpdf.py" \
  --docsign-pid "$WEB_PID" --emulator-pid "$BSRE_PID" --count "${BENCH_SIGN_COUNT:-50}" --mb "${BENCH_SIGN_MB:-1}" \
  --verify "${BENCH_SIGN_VERIFY:-10}" &
PY_PID=$!
wait "$PY_PID" \
  || { log "benchmark failed; DocSign's log:"; tail -40 "$WORK/docsign.log" >&2; log "emulator's log:"; tail -20 "$WORK/bsre.log" >&2; exit 1; }
echo "machine: $(nproc) cores seen, shared; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
