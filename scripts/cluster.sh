#!/usr/bin/env bash
# A DocSign cluster on loopback: three instances on one PostgreSQL and one S3 server (s3rver), behind HAProxy
# (Debian's package), with the sample PKI's OCSP/CRL/TSA. The proxy is the only address people use; each instance
# trusts X-Forwarded-For from the proxy's address only. Runs in the foreground until Ctrl+C, like scripts/run.sh.
#
#   scripts/cluster.sh                 start everything, print the address, serve until stopped
#   scripts/cluster.sh status          which parts answer
#   scripts/cluster.sh kill-node N     SIGKILL instance N (1-3): what a crashed machine does
#   scripts/cluster.sh start-node N    start instance N again
#   scripts/cluster.sh stop-s3|start-s3
#   scripts/cluster.sh restart-pg      PostgreSQL stopped (fast) and started again
#
# The control commands find the running cluster through its state folder ($DOCSIGN_CLUSTER_DIR, default
# .tmp/cluster). Knobs: DOCSIGN_CLUSTER_PORT (the proxy's port, default 5090), DOCSIGN_CLUSTER_NODES (3),
# DOCSIGN_CLUSTER_DEMO (1: demo offices and users, for scripts/soak.sh; 0 for an empty service).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

STATE="${DOCSIGN_CLUSTER_DIR:-$ROOT/.tmp/cluster}"
NODES="${DOCSIGN_CLUSTER_NODES:-3}"

state() { cat "$STATE/$1" 2>/dev/null; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
wait_http() { # url tries(×0.2 s)
  for _ in $(seq "${2:-300}"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}

# --- the parts, each started from the state folder's settings so that a control command can start it again ---
start_node() {
  local n=$1 port; port="$(state "node$n.port")"
  # shellcheck disable=SC1091
  ( set -a; source "$STATE/node.env"; set +a
    export DocSign__DataDirectory="$STATE/node$n"
    exec dotnet "$STATE/web/DocSign.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/DocSign.Web" \
      >>"$STATE/node$n.log" 2>&1 ) &
  echo $! >"$STATE/node$n.pid"
}
start_s3() {
  "$ROOT/tools/node/node_modules/.bin/s3rver" --address 127.0.0.1 --port "$(state s3.port)" --directory "$STATE/s3" --silent \
    >>"$STATE/s3.log" 2>&1 &
  echo $! >"$STATE/s3.pid"
  for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$(state s3.port)") 2>/dev/null && return 0; sleep 0.2; done
  log "s3rver did not listen"; return 1
}
pg() { PGBIN="$(state pgbin)"; run_pg pg_ctl -D "$(state pgdir)/data" -l "$(state pgdir)/server.log" "$@"; }
start_pg() { pg -w -o "-p $(state pg.port) -k $(state pgdir) -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null; }

case "${1:-start}" in
  status)
    echo "proxy   http://127.0.0.1:$(state proxy.port)  $(curl -fsS "http://127.0.0.1:$(state proxy.port)/health" 2>/dev/null || echo down)"
    for n in $(seq "$NODES"); do
      echo "node$n   127.0.0.1:$(state "node$n.port")  $(curl -fsS "http://127.0.0.1:$(state "node$n.port")/health" 2>/dev/null || echo down)"
    done
    alive "$(state s3.pid)" && echo "s3      up" || echo "s3      down"
    exit 0 ;;
  kill-node) kill -9 "$(state "node$2.pid")" 2>/dev/null || true; exit 0 ;;
  start-node)
    alive "$(state "node$2.pid")" && exit 0
    start_node "$2"; wait_http "http://127.0.0.1:$(state "node$2.port")/health" 600; exit $? ;;
  stop-s3) kill "$(state s3.pid)" 2>/dev/null || true; exit 0 ;;
  start-s3) alive "$(state s3.pid)" || start_s3; exit 0 ;;
  restart-pg) pg -m fast stop >/dev/null; start_pg; exit 0 ;;
  start) ;;
  *) echo "usage: scripts/cluster.sh [start|status|kill-node N|start-node N|stop-s3|start-s3|restart-pg]" >&2; exit 2 ;;
esac

# --- start ---
ensure_apt postgresql-15 haproxy python3 openssl
ensure_node_tools
rm -rf "$STATE"; mkdir -p "$STATE/s3"
stop_all() {
  for n in $(seq "$NODES"); do kill -TERM "$(state "node$n.pid")" 2>/dev/null || true; done
  # An instance whose database is going away may not leave on SIGTERM: a few seconds, then SIGKILL.
  for n in $(seq "$NODES"); do
    for _ in $(seq 20); do alive "$(state "node$n.pid")" || break; sleep 0.25; done
    kill -9 "$(state "node$n.pid")" 2>/dev/null || true
  done
  kill "$(state proxy.pid)" "$(state s3.pid)" "$(state bsre.pid)" 2>/dev/null || true
  [ -n "$PKI_PGID" ] && kill -TERM -- -"$PKI_PGID" 2>/dev/null || true
  [ -f "$(state pgdir)/data/postmaster.pid" ] && pg -m immediate stop >/dev/null 2>&1 || true
  [ -n "$(state pgdir)" ] && rm -rf "$(state pgdir)"
}
trap stop_all EXIT
trap 'exit 0' INT TERM

# PostgreSQL runs as the postgres user, who may not enter a private (0700) clone: its cluster lives under /tmp.
PGBIN_DIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
echo "$PGBIN_DIR" >"$STATE/pgbin"; free_port >"$STATE/pg.port"
mktemp -d /tmp/docsign-cluster-pg.XXXXXX >"$STATE/pgdir"; mkdir -p "$(state pgdir)/data"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$(state pgdir)"
PGBIN="$PGBIN_DIR" run_pg initdb -D "$(state pgdir)/data" -U docsign --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
  || { cat "$STATE/initdb.log" >&2; exit 1; }
start_pg
log "PostgreSQL on 127.0.0.1:$(state pg.port)"

free_port >"$STATE/s3.port"; start_s3
log "s3rver on 127.0.0.1:$(state s3.port)"
PKI_PGID=""
ensure_pki_services "$STATE/pki.log"

DEMO_MODE="${DOCSIGN_CLUSTER_DEMO:-1}"
log "building"
dotnet build src/DocSign.Web/DocSign.Web.csproj -c Release -nologo -v q -o "$STATE/web" >"$STATE/build.log" 2>&1 \
  || { tail -30 "$STATE/build.log" >&2; exit 1; }

# The BSrE emulator (the demo's Camat of Lumajang signs through it), as scripts/run.sh starts it.
if [ "$DEMO_MODE" = 1 ] && ! (exec 3<>/dev/tcp/127.0.0.1/18790) 2>/dev/null; then
  dotnet build tools/DocSign.BsreEmulator/DocSign.BsreEmulator.csproj -c Release -nologo -v q -o "$STATE/bsre" >>"$STATE/build.log" 2>&1 \
    || { tail -30 "$STATE/build.log" >&2; exit 1; }
  dotnet "$STATE/bsre/DocSign.BsreEmulator.dll" --pki "$ROOT/certs-sample/bsre" >"$STATE/bsre.log" 2>&1 &
  echo $! >"$STATE/bsre.pid"
fi

PROXY_PORT="${DOCSIGN_CLUSTER_PORT:-5090}"; echo "$PROXY_PORT" >"$STATE/proxy.port"
for n in $(seq "$NODES"); do free_port >"$STATE/node$n.port"; mkdir -p "$STATE/node$n"; done
# One set of settings for every instance: the same database, bucket, data-protection and audit-chain keys and
# public address.
(umask 077; head -c 32 /dev/urandom | base64 >"$STATE/dataprotection.key"; head -c 32 /dev/urandom | base64 >"$STATE/audit-chain.key")
DEMO="${DOCSIGN_CLUSTER_DEMO:-1}"
cat >"$STATE/node.env" <<EOF
ASPNETCORE_ENVIRONMENT="$([ "$DEMO" = 1 ] && echo Demo || echo Production)"
DocSign__Database__Provider="Postgres"
ConnectionStrings__DocSign="Host=127.0.0.1;Port=$(state pg.port);Username=docsign;Database=postgres;Maximum Pool Size=60;Timeout=5;Command Timeout=15"
DocSign__Storage__Kind="S3"
DocSign__Storage__S3__ServiceUrl="http://127.0.0.1:$(state s3.port)"
DocSign__Storage__S3__AccessKey="S3RVER"
DocSign__Storage__S3__SecretKey="S3RVER"
DocSign__Storage__S3__Bucket="docsign"
DocSign__DataProtection__Key="$(cat "$STATE/dataprotection.key")"
DocSign__Audit__ChainKey="$(cat "$STATE/audit-chain.key")"
DocSign__Network__TrustedProxies__0="127.0.0.1"
DocSign__PublicBaseUrl="http://127.0.0.1:$PROXY_PORT"
DocSign__Demo__Enabled="$([ "$DEMO" = 1 ] && echo true || echo false)"
DocSign__SamplePkiDirectory="$([ "$DEMO" = 1 ] && echo "$ROOT/certs-sample")"
DocSign__Verification__TrustSamplePki="$([ "$DEMO" = 1 ] && echo true || echo false)"
DocSign__Signing__TsaUrl="http://127.0.0.1:18782/tsa"
DocSign__Letters__Signing__TsaUrl="http://127.0.0.1:18782/tsa"
DocSign__Signing__Bsre__BaseUrl="http://127.0.0.1:18790/"
DocSign__Signing__Bsre__User="docsign"
DocSign__Signing__Bsre__Password="contoh-esign"
DocSign__Signing__Bsre__TrustAnchors__0="$([ "$DEMO" = 1 ] && echo "$ROOT/certs-sample/bsre/root.pem")"
DocSign__Verification__TrustAnchors__0="$([ "$DEMO" = 1 ] && echo "$ROOT/certs-sample/bsre/root.pem")"
DocSign__Demo__BsreNik__lumajang="$([ "$DEMO" = 1 ] && echo 9901011508710001)"
Logging__LogLevel__Default="Warning"
EOF
chmod 600 "$STATE/node.env"

# The first instance migrates the schema and seeds the demo alone; the others start once it answers.
start_node 1
wait_http "http://127.0.0.1:$(state node1.port)/health" 900 || { tail -40 "$STATE/node1.log" >&2; exit 1; }
for n in $(seq 2 "$NODES"); do start_node "$n"; done
for n in $(seq 2 "$NODES"); do
  wait_http "http://127.0.0.1:$(state "node$n.port")/health" 900 || { tail -40 "$STATE/node$n.log" >&2; exit 1; }
done

# HAProxy: round robin, health checks on /health, a dead instance out of rotation within a few seconds; the
# client's address passed on in X-Forwarded-For (which the instances believe from 127.0.0.1 only).
{
  cat <<EOF
global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    retries 2
    option redispatch
    option forwardfor
    option http-server-close
frontend docsign
    bind 127.0.0.1:$PROXY_PORT
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
EOF
  for n in $(seq "$NODES"); do echo "    server node$n 127.0.0.1:$(state "node$n.port") check"; done
} >"$STATE/haproxy.cfg"
haproxy -f "$STATE/haproxy.cfg" -db >>"$STATE/proxy.log" 2>&1 &
echo $! >"$STATE/proxy.pid"
wait_http "http://127.0.0.1:$PROXY_PORT/health" 100 || { cat "$STATE/proxy.log" >&2; exit 1; }

log "cluster: $NODES instances, PostgreSQL, s3rver, HAProxy; state in $STATE"
echo "DocSign cluster on http://127.0.0.1:$PROXY_PORT"
# In the foreground until stopped; a control command may kill and restart instances meanwhile.
while alive "$(state proxy.pid)"; do sleep 2; done
