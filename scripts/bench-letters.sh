#!/usr/bin/env bash
# Benchmark (not a test): letter numbers allocated per second by 32 concurrent clients on PostgreSQL (through the
# use case, pooled connections; target >= 1000/s on 2 cores), and surat pengantar letters drawn, sealed and stored
# per second. Prints a markdown table.
# Needs: PostgreSQL (DOCSIGN_TEST_POSTGRES, an admin connection string; scripts/test.sh starts one) and the sample
# PKI's TSA on 127.0.0.1:18782 (scripts/pki-services.sh).
# Usage: scripts/bench-letters.sh [NUMBERS=5000] [LETTERS=20]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
: "${DOCSIGN_TEST_POSTGRES:?set DOCSIGN_TEST_POSTGRES to a PostgreSQL admin connection string}"
OUT="$ROOT/.tmp/letterbench"
BIN="$ROOT/bench/DocSign.LetterBench/bin/Release/net10.0"
mkdir -p "$OUT"
dotnet build "$ROOT/bench/DocSign.LetterBench/DocSign.LetterBench.csproj" -c Release -nologo -v q >"$OUT/build.log" 2>&1 \
  || { echo "bench-letters: build failed, see $OUT/build.log" >&2; exit 1; }
dotnet "$BIN/DocSign.LetterBench.dll" "$DOCSIGN_TEST_POSTGRES" "${1:-5000}" "${2:-20}"
