#!/usr/bin/env python3
"""The measurement behind `scripts/bench.sh batch` (scripts/bench-batch-sign.sh starts the servers): the demo's Camat of
Lumajang signs N documents of about 1 MB through the BSrE emulator, N in one tanda tangan massal call
(POST /api/sign/batch: one BSrE v2 call carrying every file) and N more one by one (POST /api/documents/{id}/sign),
then a sample of the signed versions is fetched back as the auditor sees them and verified (POST /api/verify), so
that no figure is printed for output that does not verify VALID.

CPU is read from /proc/<pid>/stat (utime + stime) of the DocSign process and of the emulator process before and
after each phase. Standard library only, plus bench/soak.py's HTTP client."""
import argparse, hashlib, json, os, subprocess, sys, time

sys.dont_write_bytecode = True   # bench/__pycache__ is not ours to rewrite
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import Client, Stats, multipart, pct  # noqa: E402

OFFICE, YEAR, KIND = "lumajang", "2025", "laporan"
PASSPHRASE = "Contoh#Lumajang1"   # Bambang Setiadi's fictional BSrE passphrase (README, "Signing providers and BSrE")
SIGNER = "Bambang Setiadi"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of one process, in seconds (fields 14 and 15 of /proc/<pid>/stat; the name may hold spaces)."""
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return (int(rest[11]) + int(rest[12])) / TICK


def reset_peak_rss(pid):
    """Resets the process's peak RSS (VmHWM) to its current RSS (Linux: 5 to /proc/<pid>/clear_refs); False if refused."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f: f.write("5")
        return True
    except OSError:
        return False


def rss_mb(pid, field):
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"): return int(line.split()[1]) / 1024
    return float("nan")


class Bench:
    def __init__(self, args):
        self.args = args
        self.client = Client(args.url, Stats())

    def call(self, user, method, path, payload=None, form=None, timeout=120):
        data, ctype = None, None
        if payload is not None: data, ctype = json.dumps(payload).encode(), "application/json"
        if form is not None: data, ctype = multipart(form)
        return self.client.raw(method, path, self.client.token(user), data, ctype, timeout=timeout)

    def expect(self, what, status, body, wanted):
        if status not in wanted:
            sys.exit(f"bench: {what} answered {status}: {body[:600].decode(errors='replace')}")
        return json.loads(body) if body else None

    def pdf(self, seed):
        path = os.path.join(self.args.work, f"in-{seed}.pdf")
        env = dict(os.environ, MKPDF_SEED=str(1000 + seed))
        subprocess.run([sys.executable, self.args.mkpdf, path, str(self.args.mb)], env=env, check=True, stdout=subprocess.DEVNULL)
        with open(path, "rb") as f: data = f.read()
        os.remove(path)
        return data

    def put_to_camat(self, seed):
        """A document of the office put to its Camat: created by the staff, its final version uploaded by the Sekcam
        (as tests/DocSign.Bsre.Tests do; a kind without an SOP waits for the Camat once its latest version is final)."""
        draft = self.pdf(seed)
        doc = self.expect("create", *self.call(f"staf.{OFFICE}", "POST", "/api/documents", form={
            "office": OFFICE, "year": YEAR, "kind": KIND, "title": f"Laporan bench massal {seed}", "file": ("draft.pdf", draft)}), (201,))
        final = draft + f"% final {seed}\n".encode()
        v = self.expect("final version", *self.call(f"sekcam.{OFFICE}", "POST", f"/api/documents/{doc['id']}/versions", form={
            "stage": "final", "note": "Final", "file": ("final.pdf", final)}), (201,))
        if v.get("sha256") not in (None, hashlib.sha256(final).hexdigest()): sys.exit("bench: stored hash differs from the upload")
        return doc["id"], len(final)

    def sign_one(self, doc):
        t0 = time.perf_counter()
        st, body = self.call(f"camat.{OFFICE}", "POST", f"/api/documents/{doc}/sign", {"passphrase": PASSPHRASE}, timeout=300)
        took = time.perf_counter() - t0
        r = self.expect(f"sign {doc}", st, body, (200, 201))
        if r.get("verdict") != "VALID": sys.exit(f"bench: sign {doc}: verdict {r.get('verdict')}")
        return took, (doc, r["version"]["number"], r["version"]["sha256"])

    def sign_batch(self, docs):
        st, body = self.call(f"camat.{OFFICE}", "POST", "/api/sign/batch", {"documentIds": docs, "passphrase": PASSPHRASE}, timeout=900)
        r = self.expect("batch", st, body, (200,))
        bad = [i for i in r["items"] if i.get("status") != "signed" or i.get("verdict") != "VALID"]
        if r.get("signed") != len(docs) or bad:
            sys.exit(f"bench: the batch signed {r.get('signed')} of {len(docs)}; first failure: {json.dumps(bad[:1])[:600]}")
        return [(i["documentId"], i["version"]["number"], i["version"]["sha256"]) for i in r["items"]]

    def measured(self, fn):
        """Wall time, the CPU seconds DocSign and the emulator spent while fn ran, and DocSign's peak RSS meanwhile (MB)."""
        pids = (self.args.docsign_pid, self.args.emulator_pid)
        peak = reset_peak_rss(pids[0])
        rss = rss_mb(pids[0], "VmRSS")
        before = [cpu_seconds(p) for p in pids]
        t0 = time.perf_counter()
        result = fn()
        wall = time.perf_counter() - t0
        after = [cpu_seconds(p) for p in pids]
        return result, wall, after[0] - before[0], after[1] - before[1], (rss, rss_mb(pids[0], "VmHWM")) if peak else None

    def verify(self, signed):
        """The stored signed version, fetched as the office's auditor reads it, byte-exact and VALID by POST /api/verify,
        its last signature Bambang Setiadi's."""
        doc, number, sha = signed
        st, content = self.call(f"auditor.{OFFICE}", "GET", f"/api/documents/{doc}/versions/{number}/content")
        if st != 200 or hashlib.sha256(content).hexdigest() != sha: sys.exit(f"bench: {doc} v{number}: stored bytes not as acknowledged ({st})")
        report = self.expect(f"verify {doc} v{number}", *self.call(f"auditor.{OFFICE}", "POST", "/api/verify",
                                                                    form={"file": (f"v{number}.pdf", content)}), (200,))
        sigs = report.get("signatures") or []
        if report.get("verdict") != "VALID" or not sigs or (sigs[-1].get("signer") or {}).get("name") != SIGNER:
            sys.exit(f"bench: {doc} v{number}: verdict {report.get('verdict')}, signer {(sigs[-1].get('signer') or {}).get('name') if sigs else None}")
        return sigs[-1].get("level")


def sample(items, k):
    """k items spread evenly over the list, first and last included."""
    if k >= len(items): return list(items)
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)] if k > 1 else [items[0]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True); ap.add_argument("--work", required=True); ap.add_argument("--mkpdf", required=True)
    ap.add_argument("--docsign-pid", type=int, required=True); ap.add_argument("--emulator-pid", type=int, required=True)
    ap.add_argument("--count", type=int, default=50); ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--verify", type=int, default=10, help="signed versions verified afterwards, half from each way (at least 5)")
    args = ap.parse_args()
    if not 1 <= args.count <= 50: sys.exit("bench: --count must be 1..50 (the batch limit)")
    b = Bench(args)

    warm = 3   # unmeasured: one document alone and a batch of two, so neither way pays the first calls' JIT and caches
    started = time.perf_counter()
    docs, sizes = [], []
    for seed in range(2 * args.count + warm):
        doc, size = b.put_to_camat(seed); docs.append(doc); sizes.append(size)
    print(f"[bench] {len(docs)} documents put to the Camat of Lumajang in {time.perf_counter() - started:.1f} s "
          f"(mean size {sum(sizes) / len(sizes) / 1048576:.2f} MiB)", file=sys.stderr)
    b.sign_one(docs[0]); b.sign_batch(docs[1:3])
    batch_docs, single_docs = docs[warm:warm + args.count], docs[warm + args.count:]

    load0 = open("/proc/loadavg").read().split()[:3]
    batch_signed, batch_wall, batch_cpu, batch_emu, batch_rss = b.measured(lambda: b.sign_batch(batch_docs))
    print(f"[bench] batch of {args.count}: {batch_wall:.2f} s", file=sys.stderr)
    singles, single_wall, single_cpu, single_emu, single_rss = b.measured(lambda: [b.sign_one(d) for d in single_docs])
    times = [t for t, _ in singles]
    single_signed = [s for _, s in singles]
    load1 = open("/proc/loadavg").read().split()[:3]
    print(f"[bench] one by one, {args.count}: {single_wall:.2f} s", file=sys.stderr)

    k = max(5, args.verify)
    checked = sample(batch_signed, (k + 1) // 2) + sample(single_signed, k // 2)
    levels = sorted({b.verify(s) for s in checked})

    n = args.count
    print(f"\n| {n} documents of {sum(sizes) / len(sizes) / 1048576:.1f} MB, Camat of Lumajang through the BSrE emulator (API v2) "
          "| total wall time | per document: mean / p95 | DocSign CPU per document | emulator CPU per document | DocSign RSS: at start → peak |")
    print("|---|---|---|---|---|---|")
    mb = lambda v: "n/a" if v is None else f"{v[0]:.0f} → {v[1]:.0f} MB"
    print(f"| one batch: `POST /api/sign/batch`, one BSrE call with {n} files | {batch_wall:.2f} s "
          f"| {batch_wall / n * 1000:.0f} ms / {batch_wall / n * 1000:.0f} ms (total/{n}: one request) "
          f"| {batch_cpu / n * 1000:.0f} ms | {batch_emu / n * 1000:.0f} ms | {mb(batch_rss)} |")
    print(f"| one by one: {n} × `POST /api/documents/{{id}}/sign` | {single_wall:.2f} s "
          f"| {sum(times) / n * 1000:.0f} ms / **{pct(times, 0.95) * 1000:.0f} ms** (request times) "
          f"| {single_cpu / n * 1000:.0f} ms | {single_emu / n * 1000:.0f} ms | {mb(single_rss)} |")
    print(f"\none by one took {single_wall / batch_wall:.2f}× the batch's wall time and "
          f"{(single_cpu / batch_cpu) if batch_cpu else float('nan'):.2f}× its DocSign CPU")
    print(f"every one of the {2 * n} signatures answered VALID; {len(checked)} signed versions (first, last and between, of both ways) "
          f"fetched back byte-exact and verified VALID by POST /api/verify, signer {SIGNER}, level {', '.join(l or '?' for l in levels)}")
    print("RSS: the process's resident memory when the phase began and its highest during it (VmHWM, reset at the start); "
          "the .NET GC returns large buffers lazily on a machine with free memory, so this is what was held, not what was needed")
    print(f"unmeasured first: {warm} documents (one alone, a batch of two); load average {' '.join(load0)} before, {' '.join(load1)} after")


if __name__ == "__main__":
    main()
