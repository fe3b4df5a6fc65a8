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

trap stop_bench_services EXIT
[ -n "${DOCSIGN_TEST_POSTGRES:-}" ] || start_bench_postgres "$OUT"
ensure_pki_services "$OUT/pki.log"

dotnet build "$ROOT/bench/DocSign.LetterBench/DocSign.LetterBench.csproj" -c Release -nologo -v q >"$OUT/build.log" 2>&1 \
  || { tail -30 "$OUT/build.log" >&2; exit 1; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$BIN/DocSign.LetterBench.dll" "$DOCSIGN_TEST_POSTGRES" "${1:-5000}" "${2:-20}"
echo "load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
