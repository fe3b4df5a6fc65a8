# Shared helpers for the repo's scripts. Sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[docsign] %s\n' "$*" >&2; }

# apt packages the project needs; installs only what is missing.
ensure_apt() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_node_tools() {
  if [ ! -x "$ROOT/tools/node/node_modules/.bin/s3rver" ] || [ ! -f "$ROOT/tools/node/node_modules/pdfjs-dist/package.json" ]; then
    log "installing node tools: s3rver for tests, pdfjs-dist for the viewer (npm ci in tools/node)"
    (cd "$ROOT/tools/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# A TCP port nobody listens on right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
