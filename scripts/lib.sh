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

# --- for the benchmarks: a private PostgreSQL and the sample PKI's services, each stopped by stop_bench_services ---
PGBIN=""; PGROOT=""; PKI_PGID=""
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$PGBIN/$1" "${@:2}"); else "$PGBIN/$1" "${@:2}"; fi
}
# A private cluster outside the clone (as root, initdb runs as the postgres user, who cannot enter a 0700 clone) on a
# free loopback port; sets PGROOT, PGPORT and DOCSIGN_TEST_POSTGRES. $1: where initdb's log goes.
start_bench_postgres() {
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$PGBIN" ] || { log "no PostgreSQL binaries under /usr/lib/postgresql"; exit 1; }
  PGPORT="$(free_port)"
  PGROOT="$(mktemp -d /tmp/docsign-bench-pg.XXXXXX)"
  mkdir -p "$PGROOT/data"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$PGROOT"
  run_pg initdb -D "$PGROOT/data" -U docsign --auth=trust -E UTF8 --locale=C.UTF-8 >"$1/initdb.log" 2>&1 || { cat "$1/initdb.log" >&2; exit 1; }
  run_pg pg_ctl -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null || { cat "$PGROOT/server.log" >&2; exit 1; }
  DOCSIGN_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=docsign;Database=postgres;Pooling=true"
  log "PostgreSQL on 127.0.0.1:$PGPORT"
}
pki_services_answer() { python3 -c 'import socket; [socket.create_connection(("127.0.0.1",p),1).close() for p in (18780,18781,18782)]' 2>/dev/null; }
# The sample PKI's services (its certificates name ports 18780-18782), unless something already answers there.
# $1: the services' log file.
ensure_pki_services() {
  pki_services_answer && return 0
  setsid bash "$ROOT/scripts/pki-services.sh" </dev/null >"$1" 2>&1 &
  PKI_PGID=$!
  for _ in $(seq 100); do pki_services_answer && break; sleep 0.2; done
}
stop_bench_services() {
  if [ -n "$PKI_PGID" ]; then kill -TERM -- -"$PKI_PGID" 2>/dev/null || true; fi
  if [ -n "$PGROOT" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then run_pg pg_ctl -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ -n "$PGROOT" ]; then rm -rf "$PGROOT"; fi
}
