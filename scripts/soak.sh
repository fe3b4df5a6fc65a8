#!/usr/bin/env bash
# Soak against a running cluster (scripts/cluster.sh in another terminal): USERS people walk LKjIPs of the four demo
# offices through their SOPs (upload, steps, signing at B-LTA, cover letters, numbers, dispatch) through the proxy
# for MINUTES while an instance is killed with SIGKILL and started again, the S3 server is stopped for 20 s,
# PostgreSQL is restarted and a second instance is killed. Then it checks that nothing acknowledged was lost:
# every version byte-exact, every signed version VALID (docsign verify), every register gap- and duplicate-free,
# one cover letter per signature, no stuck job, the audit chain intact; and prints requests, errors by kind,
# p50/p95 and throughput per phase. Exit 0 only when every check holds.
# Knobs: SOAK_MINUTES (3), SOAK_USERS (6), SOAK_PDF_BYTES (200000), DOCSIGN_CLUSTER_DIR (.tmp/cluster).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
STATE="${DOCSIGN_CLUSTER_DIR:-$ROOT/.tmp/cluster}"
[ -f "$STATE/proxy.port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$(cat "$STATE/proxy.port")/health" \
  || { log "no cluster answers (start scripts/cluster.sh first; state folder $STATE)"; exit 2; }
WORK="$(mktemp -d /tmp/docsign-soak.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
bash "$ROOT/scripts/docsign" --help >/dev/null 2>&1 || true   # build the CLI once, before the clock starts
python3 "$ROOT/bench/soak.py" --url "http://127.0.0.1:$(cat "$STATE/proxy.port")" --root "$ROOT" --state "$STATE" --work "$WORK" \
  --minutes "${SOAK_MINUTES:-3}" --users "${SOAK_USERS:-6}" --size "${SOAK_PDF_BYTES:-200000}"
