#!/usr/bin/env bash
# Fresh machine to a running DocSign on http://127.0.0.1:${DOCSIGN_PORT:-5080}, on embedded defaults:
# SQLite and a file-system object store under ./data/, jobs in-process, the sample PKI, demo offices and users.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
PORT="${DOCSIGN_PORT:-5080}"
mkdir -p data .tmp
log "building"
dotnet build src/DocSign.Web/DocSign.Web.csproj -c Release -nologo -v q -o .tmp/web >.tmp/web-build.log 2>&1 || { cat .tmp/web-build.log; exit 1; }
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export DocSign__DataDirectory="${DocSign__DataDirectory:-$ROOT/data}"
export DocSign__SamplePkiDirectory="${DocSign__SamplePkiDirectory:-$ROOT/certs-sample}"
log "serving on http://127.0.0.1:$PORT"
exec dotnet .tmp/web/DocSign.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/src/DocSign.Web"
