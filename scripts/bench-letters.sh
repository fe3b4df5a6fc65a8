#!/usr/bin/env bash
# Benchmark (not a test): letter numbers allocated per second by 32 concurrent clients on PostgreSQL (through the
# use case, pooled connections; the figure through the API is scripts/bench-web.sh's), and surat pengantar letters
# drawn, sealed and stored per second. Prints a markdown table.
# PostgreSQL: DOCSIGN_TEST_POSTGRES (an admin connection string) if set, otherwise a private one on a free port,
# stopped and removed at the end. The sample PKI's TSA on 127.0.0.1:18782 is started too unless it already answers.
# Usage: scripts/bench-letters.sh [NUMBERS=5000] [LETTERS=20]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_apt postgresql-15 python3
OUT="$ROOT/.tmp/letterbench"
BIN="$ROOT/bench/DocSign.LetterBench/bin/Release/net10.0"
mkdir -p "$OUT"

PKI_PGID=""
PGROOT=""
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$PGBIN/$1" "${@:2}"); else "$PGBIN/$1" "${@:2}"; fi
}
cleanup() {
  if [ -n "$PKI_PGID" ]; then kill -TERM -- -"$PKI_PGID" 2>/dev/null || true; fi
  if [ -n "$PGROOT" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then run_pg pg_ctl -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true; fi
  [ -n "$PGROOT" ] && rm -rf "$PGROOT"
}
trap cleanup EXIT

if [ -z "${DOCSIGN_TEST_POSTGRES:-}" ]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$PGBIN" ] || { log "no PostgreSQL binaries under /usr/lib/postgresql"; exit 1; }
  PGPORT="$(free_port)"
  PGROOT="$(mktemp -d /tmp/docsign-bench-pg.XXXXXX)"
  mkdir -p "$PGROOT/data"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$PGROOT"
  run_pg initdb -D "$PGROOT/data" -U docsign --auth=trust -E UTF8 --locale=C.UTF-8 >"$OUT/initdb.log" 2>&1 || { cat "$OUT/initdb.log" >&2; exit 1; }
  run_pg pg_ctl -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null || { cat "$PGROOT/server.log" >&2; exit 1; }
  DOCSIGN_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=docsign;Database=postgres;Pooling=true"
  log "PostgreSQL on 127.0.0.1:$PGPORT"
fi
if ! python3 -c 'import socket; [socket.create_connection(("127.0.0.1",p),1).close() for p in (18780,18781,18782)]' 2>/dev/null; then
  setsid bash "$ROOT/scripts/pki-services.sh" </dev/null >"$OUT/pki.log" 2>&1 &
  PKI_PGID=$!
  for _ in $(seq 100); do python3 -c 'import socket; [socket.create_connection(("127.0.0.1",p),1).close() for p in (18780,18781,18782)]' 2>/dev/null && break; sleep 0.2; done
fi

dotnet build "$ROOT/bench/DocSign.LetterBench/DocSign.LetterBench.csproj" -c Release -nologo -v q >"$OUT/build.log" 2>&1 \
  || { tail -30 "$OUT/build.log" >&2; exit 1; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$BIN/DocSign.LetterBench.dll" "$DOCSIGN_TEST_POSTGRES" "${1:-5000}" "${2:-20}"
echo "load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
