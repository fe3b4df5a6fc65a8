#!/usr/bin/env bash
# Fresh machine to a running DocSign on http://127.0.0.1:${DOCSIGN_PORT:-5080}, on embedded defaults:
# SQLite and a file-system object store under ./data/, jobs in-process, the sample PKI, demo offices and users.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
PORT="${DOCSIGN_PORT:-5080}"
mkdir -p data .tmp
ensure_node_tools   # pdfjs-dist: the in-browser PDF viewer DocSign serves itself
log "building"
dotnet build src/DocSign.Web/DocSign.Web.csproj -c Release -nologo -v q -o .tmp/web >.tmp/web-build.log 2>&1 || { cat .tmp/web-build.log; exit 1; }
# The demo: its own environment name ("Demo"), because every environment but Demo and Development refuses demo
# accounts and the sample PKI (whose private keys are in this repository). Both are asked for explicitly here.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}"
export DocSign__DataDirectory="${DocSign__DataDirectory:-$ROOT/data}"
export DocSign__SamplePkiDirectory="${DocSign__SamplePkiDirectory:-$ROOT/certs-sample}"
export DocSign__Demo__Enabled="${DocSign__Demo__Enabled:-true}"
export DocSign__Verification__TrustSamplePki="${DocSign__Verification__TrustSamplePki:-true}"
# The demo's key that encrypts the sign-in keys in the database: kept outside the data folder (never beside the DB).
if [ -z "${DocSign__DataProtection__Key:-}" ]; then
  [ -s .tmp/demo-dataprotection.key ] || (umask 077; head -c 32 /dev/urandom | base64 > .tmp/demo-dataprotection.key)
  export DocSign__DataProtection__Key="$(cat .tmp/demo-dataprotection.key)"
fi
# QR codes and links carry the address people reach this demo at: the port it serves on, unless told otherwise.
export DocSign__PublicBaseUrl="${DocSign__PublicBaseUrl:-http://127.0.0.1:$PORT}"
log "DEMO mode: demo offices and users (password docsign-demo) and the sample PKI are switched on; not for production"

# The sample PKI's OCSP, CRL and TSA (the addresses its certificates name), so that demo signatures
# verify VALID out of the box. Skipped when something already serves those ports.
PKI_PGID=""
if [ "${DOCSIGN_PKI_SERVICES:-1}" = 1 ] && [ -f "$DocSign__SamplePkiDirectory/root-ca.pem" ] \
   && ! (exec 3<>/dev/tcp/127.0.0.1/18780) 2>/dev/null; then
  ensure_apt openssl python3
  setsid bash "$ROOT/scripts/pki-services.sh" </dev/null >.tmp/pki-services.log 2>&1 &
  PKI_PGID=$!
  log "sample PKI services (OCSP, CRL, TSA) on 127.0.0.1:18780-18782"
fi
# The sample TSA, so that the Camat's signatures reach B-LTA and letters B-T (renewed to B-LTA in the archive),
# as a real office's would with its TSA. Without it every demo signature would be B-B, "tanpa stempel waktu".
if [ "${DOCSIGN_PKI_SERVICES:-1}" = 1 ]; then
  export DocSign__Signing__TsaUrl="${DocSign__Signing__TsaUrl:-http://127.0.0.1:18782/tsa}"
  export DocSign__Letters__Signing__TsaUrl="${DocSign__Letters__Signing__TsaUrl:-http://127.0.0.1:18782/tsa}"
fi
# The BSrE ECS emulator (fictional CONTOH PKI): the demo Camat of Lumajang, Bambang Setiadi, signs through it with NIK
# 9901011508710001 and passphrase Contoh#Lumajang1 (README, "Tanda tangan lewat BSrE"). DOCSIGN_BSRE=0 leaves it out.
BSRE_PID=""
if [ "${DOCSIGN_BSRE:-1}" = 1 ]; then
  dotnet build tools/DocSign.BsreEmulator/DocSign.BsreEmulator.csproj -c Release -nologo -v q -o .tmp/bsre-emulator >.tmp/bsre-build.log 2>&1 \
    || { cat .tmp/bsre-build.log; exit 1; }
  if ! (exec 3<>/dev/tcp/127.0.0.1/18790) 2>/dev/null; then
    dotnet .tmp/bsre-emulator/DocSign.BsreEmulator.dll --pki "$ROOT/certs-sample/bsre" >.tmp/bsre-emulator.log 2>&1 &
    BSRE_PID=$!
  fi
  export DocSign__Signing__Bsre__BaseUrl="${DocSign__Signing__Bsre__BaseUrl:-http://127.0.0.1:18790/}"
  export DocSign__Signing__Bsre__User="${DocSign__Signing__Bsre__User:-docsign}"
  export DocSign__Signing__Bsre__Password="${DocSign__Signing__Bsre__Password:-contoh-esign}"
  export DocSign__Signing__Bsre__TrustAnchors__0="${DocSign__Signing__Bsre__TrustAnchors__0:-$ROOT/certs-sample/bsre/root.pem}"
  export DocSign__Verification__TrustAnchors__0="${DocSign__Verification__TrustAnchors__0:-$ROOT/certs-sample/bsre/root.pem}"
  export DocSign__Demo__BsreNik__lumajang="${DocSign__Demo__BsreNik__lumajang:-9901011508710001}"
  log "BSrE emulator on 127.0.0.1:18790 (CONTOH PKI); Camat Lumajang signs through it (NIK 9901011508710001, passphrase Contoh#Lumajang1)"
fi
stop() {
  [ -n "${WEB_PID:-}" ] && kill -TERM "$WEB_PID" 2>/dev/null || true
  [ -n "$BSRE_PID" ] && kill -TERM "$BSRE_PID" 2>/dev/null || true
  [ -n "$PKI_PGID" ] && kill -TERM -- -"$PKI_PGID" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 0' INT TERM

log "serving on http://127.0.0.1:$PORT"
dotnet .tmp/web/DocSign.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/src/DocSign.Web" &
WEB_PID=$!
wait "$WEB_PID"
