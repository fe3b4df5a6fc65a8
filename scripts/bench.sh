#!/usr/bin/env bash
# Benchmark (not a test): whole processes, side by side in one run, like with like, on 1, 10 and 100 MB PDFs made
# by bench/mkpdf.py:
#   signing:      `docsign sign` (B-B)            against poppler's `pdfsig -add-signature` (same key, same input;
#                 adbe.pkcs7.detached: poppler 22.12 refuses -etsi with -add-signature);
#   verification: `docsign verify --offline`      against `pdfsig -no-ocsp` (signature and certificate check against
#                 the same trusted sample root, no revocation fetch on either side), on the same docsign-signed file;
#   batch:        `docsign verify --dir` over 200 and 1,000 signed 1 MB files in one process against a loop of one
#                 `pdfsig -no-ocsp` per file (BENCH_BATCH="200 1000" sets the counts, BENCH_BATCH=0 skips it). The
#                 files are hard links to 20 distinct signed 1 MB files (distinct inputs, so distinct signatures):
#                 both tools read the same bytes from the page cache. Reach: at least 5x faster than the loop, at
#                 most 150 MB peak RSS.
# For every size each tool runs once unmeasured (page cache), then BENCH_RUNS times (default 7, at least 5),
# the tools interleaved run by run so that load from elsewhere falls on both alike; the table gives the median wall
# time, the median CPU time (user+sys: what the process itself spent, steadier than wall time on a busy machine) and
# the highest peak RSS of all runs. The docsign binary is the one scripts/docsign runs (Native AOT when the native
# toolchain is there), measured directly, without the bash wrapper.
# Needs: python3, poppler-utils (pdfsig), libnss3-tools (certutil, pk12util).
#
# The one entry point for every benchmark: `scripts/bench.sh [engine|web|letters|batch|all] [SIZES_MB...]` (default all):
#   engine   the engine against pdfsig (this file, below);
#   web      the service on PostgreSQL: dashboard and document page at 10,000 documents, letter numbers through the
#            API with 32 clients, POST /sign at B-LTA alone and with 20 Camats (scripts/bench-web.sh);
#   letters  letter numbers through the use case and surat pengantar letters drawn, sealed and stored per second
#            (scripts/bench-letters.sh, on a private PostgreSQL unless DOCSIGN_TEST_POSTGRES names one);
#   batch    tanda tangan massal: 50 documents of 1 MB signed through the BSrE emulator in one POST /api/sign/batch
#            against 50 one by one, on the demo set-up of scripts/run.sh (scripts/bench-batch-sign.sh).
# Each part prints a markdown table; every part starts what it needs on free ports and stops it again.
# Usage: scripts/bench.sh [PART] [SIZES_MB...]   (sizes default: 1 10 100; `scripts/bench.sh 1 10` is the engine part
# alone, as before); BENCH_STRUCTURE=0 skips the in-process structure figure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PART=engine
case "${1:-all}" in
  engine|web|letters|batch|all) PART="${1:-all}"; [ $# -gt 0 ] && shift ;;
  [0-9]*) PART=engine ;;
  *) echo "usage: scripts/bench.sh [engine|web|letters|batch|all] [SIZES_MB...]" >&2; exit 2 ;;
esac
if [ "$PART" = all ]; then
  started=$(date +%s)
  echo "## DocSign benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  # A part that fails is reported and the others still run.
  echo; echo "### Engine"; "$0" engine "$@" || echo "engine part FAILED (exit $?)"
  echo; echo "### Service"; "$ROOT/scripts/bench-web.sh" || echo "service part FAILED (exit $?)"
  echo; echo "### Letters"; "$ROOT/scripts/bench-letters.sh" || echo "letters part FAILED (exit $?)"
  echo; echo "### Tanda tangan massal"; "$ROOT/scripts/bench-batch-sign.sh" || echo "batch part FAILED (exit $?)"
  echo; echo "all parts took $(( $(date +%s) - started )) s"
  exit 0
fi
[ "$PART" = web ] && exec "$ROOT/scripts/bench-web.sh"
[ "$PART" = letters ] && exec "$ROOT/scripts/bench-letters.sh"
[ "$PART" = batch ] && exec "$ROOT/scripts/bench-batch-sign.sh"

ensure_apt poppler-utils libnss3-tools python3

SIZES=("$@")
[ $# -eq 0 ] && SIZES=(1 10 100)
RUNS="${BENCH_RUNS:-7}"
[ "$RUNS" -ge 5 ] || { echo "bench: BENCH_RUNS must be at least 5 (a median of fewer runs says little)" >&2; exit 3; }
WORK="$ROOT/.tmp/bench"
mkdir -p "$WORK"
MKPDF="$ROOT/bench/mkpdf.py"
[ -f "$MKPDF" ] || { echo "bench: $MKPDF not found" >&2; exit 1; }

log "building the CLI as scripts/docsign does"
"$ROOT/scripts/docsign" --help >/dev/null
BUILD="$(cat "$ROOT/.tmp/cli/.build" 2>/dev/null || echo unknown)"
if [ -f "$ROOT/.tmp/cli/docsign.dll" ] && [ ! -f "$ROOT/.tmp/cli/libcoreclr.so" ]; then DOCSIGN=(dotnet "$ROOT/.tmp/cli/docsign.dll")
else DOCSIGN=("$ROOT/.tmp/cli/docsign"); fi
[ "$BUILD" = "native AOT" ] || log "docsign build is '$BUILD', not native AOT: see .tmp/cli-build.log"

P12="$ROOT/certs-sample/camat-kanigaran.p12"
ANCHOR="$ROOT/certs-sample/root-ca.pem"
export DOCSIGN_BENCH_PASS=sample

# pdfsig reads keys from an NSS database: the same PKCS#12 there, and the same root trusted.
NSS="$WORK/nss"
rm -rf "$NSS"; mkdir -p "$NSS"
certutil -N -d "sql:$NSS" --empty-password
pk12util -i "$P12" -d "sql:$NSS" -W sample -K "" >/dev/null
certutil -A -d "sql:$NSS" -n sample-root -t "CT,C,C" -a -i "$ANCHOR"
NICK="$(certutil -K -d "sql:$NSS" | sed -n -E 's/^<[ 0-9]+> +[a-z]+ +[0-9a-f]+ +(.*)$/\1/p' | head -1)"

for mb in "${SIZES[@]}"; do
  IN="$WORK/in-${mb}mb.pdf"
  [ -f "$IN" ] || python3 "$MKPDF" "$IN" "$mb" >/dev/null
  SIGNED="$WORK/signed-${mb}mb.pdf"
  rm -f "$SIGNED"
  "${DOCSIGN[@]}" sign "$IN" -o "$SIGNED" --p12 "$P12" --passphrase-env DOCSIGN_BENCH_PASS --offline >/dev/null
done

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# The runner: python's os.wait4 gives each child's own CPU time and peak RSS; wall time around fork..wait.
python3 - "$WORK" "$RUNS" "$NICK" "$P12" "$ANCHOR" "${SIZES[*]}" "${DOCSIGN[@]}" <<'PY'
import os, statistics, subprocess, sys, time

work, runs, nick, p12, anchor, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6].split()
docsign = sys.argv[7:]
nss = "sql:" + os.path.join(work, "nss")
devnull = open(os.devnull, "wb")

def run(cmd, ok=(0,)):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in ok:
        sys.stderr.write(f"bench: {' '.join(cmd)} exited {p.returncode}\n{err.decode(errors='replace')}\n")
        sys.exit(1)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0

def cases(mb):
    inp, signed = f"{work}/in-{mb}mb.pdf", f"{work}/signed-{mb}mb.pdf"
    out_d, out_p = f"{work}/out-docsign.pdf", f"{work}/out-pdfsig.pdf"
    def sign_docsign():
        if os.path.exists(out_d): os.remove(out_d)
        # --offline: pdfsig asks nobody about its signer either
        return run(docsign + ["sign", inp, "-o", out_d, "--p12", p12, "--passphrase-env", "DOCSIGN_BENCH_PASS", "--offline"])
    def sign_pdfsig():
        if os.path.exists(out_p): os.remove(out_p)
        return run(["pdfsig", inp, out_p, "-add-signature", "-nssdir", nss, "-nick", nick])
    # docsign verify --offline: exit 2 (INDETERMINATE: no revocation data, none fetched) is the expected answer here.
    verify_docsign = lambda: run(docsign + ["verify", signed, "--trust", anchor, "--offline"], ok=(2,))
    verify_pdfsig = lambda: run(["pdfsig", "-no-ocsp", "-nssdir", nss, signed])
    return ("sign", sign_docsign, sign_pdfsig), ("verify", verify_docsign, verify_pdfsig)

results = {}
for mb in sizes:
    for what, mine, theirs in cases(mb):
        mine(); theirs()                      # unmeasured: page cache, first-run costs
        a, b = [], []
        for i in range(runs):
            # interleaved, the order alternating, so that a burst of load elsewhere hits both tools alike
            if i % 2 == 0: a.append(mine()); b.append(theirs())
            else: b.append(theirs()); a.append(mine())
        results[(what, mb)] = (a, b)

def check_outputs():
    # the figures mean nothing unless both signed files verify and docsign really checked the signature
    for f in (f"{work}/out-docsign.pdf", f"{work}/out-pdfsig.pdf"):
        r = subprocess.run(["pdfsig", "-no-ocsp", "-nssdir", nss, f], capture_output=True, text=True)
        if "Signature is Valid." not in r.stdout: sys.stderr.write(f"  WARNING: {f} did not verify with pdfsig\n")
    r = subprocess.run(docsign + ["verify", f"{work}/signed-{sizes[-1]}mb.pdf", "--trust", anchor, "--offline", "--json"], capture_output=True, text=True)
    if '"subIndication": "TRY_LATER"' not in r.stdout and '"indication": "INDETERMINATE"' not in r.stdout:
        sys.stderr.write("  WARNING: docsign verify --offline did not give the expected INDETERMINATE (no revocation data) result\n")
check_outputs()

med = lambda xs, k: statistics.median(x[k] for x in xs)
peak = lambda xs: max(x[2] for x in xs)
reach = {"sign": 0.5, "verify": 0.7}
label = {"sign": ("`docsign sign`", "`pdfsig -add-signature`"), "verify": ("`docsign verify --offline`", "`pdfsig -no-ocsp`")}
ok = True
for what in ("sign", "verify"):
    mine_l, theirs_l = label[what]
    print(f"\n| size | {mine_l}: wall, CPU, peak RSS | {theirs_l}: wall, CPU, peak RSS | wall ratio (reach ≤ {reach[what]:.1f}) | CPU ratio |")
    print("|---|---|---|---|---|")
    for mb in sizes:
        a, b = results[(what, mb)]
        wr, cr = med(a, 0) / med(b, 0), med(a, 1) / med(b, 1)
        met = wr <= reach[what] and peak(a) <= 150
        ok &= met
        print(f"| {mb} MB | {med(a,0):.3f} s, {med(a,1):.3f} s, {peak(a):.0f} MB | {med(b,0):.3f} s, {med(b,1):.3f} s, {peak(b):.0f} MB "
              f"| **{wr:.2f}**{'' if met else ' (not met)'} | {cr:.2f} |")
print(f"\nmedian of {runs} interleaved runs per tool and size; peak RSS is the highest of those runs (reach ≤ 150 MB)")
print("all reaches met" if ok else "NOT all reaches met")
PY

BATCH=(${BENCH_BATCH:-200 1000})
if [ "${BATCH[0]}" != 0 ]; then
  # 20 distinct signed 1 MB files, each linked under as many names as a batch needs
  for i in $(seq -w 1 20); do
    [ -f "$WORK/batch-src-$i.pdf" ] && continue
    MKPDF_SEED="$i" python3 "$MKPDF" "$WORK/batch-in.pdf" 1 >/dev/null
    "${DOCSIGN[@]}" sign "$WORK/batch-in.pdf" -o "$WORK/batch-src-$i.pdf" --p12 "$P12" --passphrase-env DOCSIGN_BENCH_PASS --offline >/dev/null
  done
  for n in "${BATCH[@]}"; do
    D="$WORK/batch-$n"
    if [ "$(ls "$D" 2>/dev/null | wc -l)" != "$n" ]; then
      rm -rf "$D"; mkdir -p "$D"
      for k in $(seq 1 "$n"); do ln "$WORK/batch-src-$(printf %02d $(( (k - 1) % 20 + 1 ))).pdf" "$D/surat-$(printf %04d "$k").pdf"; done
    fi
  done
  LOAD_BATCH="$(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$WORK" "$ANCHOR" "${BATCH[*]}" "${DOCSIGN[@]}" <<'PY'
import os, subprocess, sys, time
work, anchor, counts, docsign = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]
nss = "sql:" + os.path.join(work, "nss")
devnull = open(os.devnull, "wb")

def run(cmd, ok):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.stderr.write(f"bench: {' '.join(cmd[:4])}... exited {code}\n{err.decode(errors='replace')[:2000]}\n"); sys.exit(1)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0

print("\n| files (1 MB each) | `docsign verify --dir` (one process): wall, CPU, peak RSS | `pdfsig -no-ocsp` loop: wall, CPU, peak RSS | speed-up (reach ≥ 5) |")
print("|---|---|---|---|")
ok = True
for n in counts:
    d = f"{work}/batch-{n}"
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    # offline: every file INDETERMINATE (no revocation data), exit 2 expected
    summary = f"{work}/batch-{n}-summary.csv"
    mine = run(docsign + ["verify", "--dir", d, "--trust", anchor, "--offline", "--summary", summary], ok=(2,))
    lines = open(summary, encoding="utf-8").read().splitlines()
    if len(lines) != len(files) + 1: sys.stderr.write(f"  WARNING: the summary has {len(lines) - 1} lines for {len(files)} files\n")
    t0 = time.perf_counter(); cpu = 0.0; rss = 0.0
    for f in files:
        _, c, r = run(["pdfsig", "-no-ocsp", "-nssdir", nss, f], ok=(0,))
        cpu += c; rss = max(rss, r)
    theirs = (time.perf_counter() - t0, cpu, rss)
    speed = theirs[0] / mine[0]
    met = speed >= 5 and mine[2] <= 150
    ok &= met
    print(f"| {n} | {mine[0]:.2f} s, {mine[1]:.2f} s, {mine[2]:.0f} MB | {theirs[0]:.2f} s, {theirs[1]:.2f} s, {theirs[2]:.0f} MB "
          f"| **{speed:.1f}×**{'' if met else ' (not met)'} |")
print("\none run each (a batch is long enough to average itself); pdfsig's peak RSS is that of its largest single run")
print("batch reaches met" if ok else "batch reaches NOT met")
PY
  echo "batch: load average before $LOAD_BATCH, after $(cut -d' ' -f1-3 /proc/loadavg)"
fi
echo "docsign build: $BUILD ($(file -b "${DOCSIGN[0]}" | cut -d, -f1-2))"
echo "machine: $(nproc) cores; load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg) (other work inflates wall times, CPU times much less)"

if [ "${BENCH_STRUCTURE:-1}" != 0 ]; then
  # PDF structure (issue: PDF core): xref, trailers, every object header and the page tree of the same files,
  # in-process, streams not loaded. Reach: under 50 ms at 100 MB.
  log "building the PDF structure benchmark"
  dotnet build "$ROOT/bench/DocSign.Bench/DocSign.Bench.csproj" -c Release -nologo -v q -o "$WORK/pdfbench" >"$WORK/pdfbench-build.log" 2>&1 \
    || { tail -30 "$WORK/pdfbench-build.log"; exit 1; }
  echo
  for mb in "${SIZES[@]}"; do
    dotnet "$WORK/pdfbench/DocSign.Bench.dll" pdf-structure "$WORK/in-${mb}mb.pdf"
  done
  echo "structure reach: under 50 ms at 100 MB without loading the streams"
fi
