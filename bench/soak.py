#!/usr/bin/env python3
"""The soak behind scripts/soak.sh: people walk documents through their SOPs against a running cluster
(scripts/cluster.sh) while a fault thread kills and restarts parts of it; then every promise is checked.

A worker acts like a clerk who presses again when the screen says "try later": each round it reads the document's
state from the server and does the next action, so a request that failed (or succeeded without an answer) is never
counted as done. Only an acknowledged write (2xx with the stored SHA-256) is recorded, and the checks afterwards
demand every recorded write back, byte for byte.
Standard library only: it runs wherever scripts/cluster.sh runs."""
import argparse, base64, hashlib, json, os, random, subprocess, sys, threading, time, urllib.error, urllib.request, uuid
from collections import defaultdict

OFFICES = ["kanigaran", "candipuro", "lumajang", "pronojiwo"]
PASSWORD = "docsign-demo"
PASSPHRASE = "sample"
# The demo's Camat of Lumajang signs through the BSrE emulator with his own (fictional) passphrase.
PASSPHRASES = {"lumajang": "Contoh#Lumajang1"}
# The demo SOPs of these offices make the cover letter at a step of their own (its holder numbers it); the others
# number on signing (the office's letter setting, switched on when the soak starts), so a Hangfire job makes theirs.
LETTER_STEP_OFFICES = ("kanigaran", "candipuro")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "steady"
        self.by_phase = defaultdict(lambda: {"requests": 0, "lat": [], "errors": defaultdict(int), "started": time.time(), "ended": None, "load_start": os.getloadavg()[0]})

    def set_phase(self, name):
        with self.lock:
            old = self.by_phase[self.phase]
            old["ended"] = time.time()
            old["load_end"] = os.getloadavg()[0]
            self.phase = name
            self.by_phase[name]["started"] = time.time()
            self.by_phase[name]["load_start"] = os.getloadavg()[0]

    def record(self, seconds, kind):
        with self.lock:
            p = self.by_phase[self.phase]
            p["requests"] += 1
            p["lat"].append(seconds)
            if kind: p["errors"][kind] += 1


class Client:
    def __init__(self, base, stats):
        self.base, self.stats = base, stats
        self.tokens, self.tlock = {}, threading.Lock()

    def token(self, user):
        with self.tlock:
            if user in self.tokens: return self.tokens[user]
        for attempt in range(60):
            status, body = self.raw("POST", "/api/auth/token", None, json.dumps({"username": user, "password": PASSWORD}).encode(), "application/json")
            if status == 200:
                t = json.loads(body)["token"]
                with self.tlock: self.tokens[user] = t
                return t
            time.sleep(min(5, 0.5 * (attempt + 1)))
        raise RuntimeError(f"no token for {user}")

    def raw(self, method, path, token, data=None, ctype=None, timeout=60):
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if token: req.add_header("Authorization", "Bearer " + token)
        if ctype: req.add_header("Content-Type", ctype)
        started = time.time()
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                body = r.read()
                self.stats.record(time.time() - started, None)
                return r.status, body
        except urllib.error.HTTPError as e:
            body = e.read()
            kind = f"{e.code}" if e.code >= 500 or e.code == 429 else None
            self.stats.record(time.time() - started, kind)
            return e.code, body
        except Exception as e:  # connection refused/reset, timeout: the proxy or the node went away mid-request
            self.stats.record(time.time() - started, "connection: " + type(e).__name__)
            return 0, str(e).encode()

    def call(self, user, method, path, payload=None, form=None):
        token = self.token(user)
        data, ctype = None, None
        if payload is not None: data, ctype = json.dumps(payload).encode(), "application/json"
        if form is not None: data, ctype = multipart(form)
        status, body = self.raw(method, path, token, data, ctype)
        if status == 401:
            with self.tlock: self.tokens.pop(user, None)
        return status, body


def multipart(fields):
    boundary = uuid.uuid4().hex
    out = []
    for name, value in fields.items():
        if isinstance(value, tuple):
            filename, content = value
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode() + content + b"\r\n")
        else:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


def make_pdf(label, size):
    """A small valid PDF with one page of text and padding in a comment-free stream to reach `size` bytes."""
    text = f"BT /F1 18 Tf 72 760 Td (LKjIP uji soak {label}) Tj ET".encode()
    pad = os.urandom(max(0, size - 1200))
    pad_stream = base64.b16encode(pad)[: max(0, size - 1200)]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /P 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length %d >>\nstream\n" % len(pad_stream) + pad_stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out)); out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets: out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


class Ledger:
    """What the service acknowledged: the promises the checks hold it to."""
    def __init__(self):
        self.lock = threading.Lock()
        self.docs = {}          # id -> {"office", "versions": {n: sha256}, "signed": [n]}
        self.completed = 0

    def version(self, doc, office, number, sha):
        with self.lock:
            d = self.docs.setdefault(doc, {"office": office, "versions": {}, "signed": []})
            d["versions"][number] = sha

    def signed(self, doc, number):
        with self.lock: self.docs[doc]["signed"].append(number)

    def letter(self, doc):
        with self.lock: self.docs[doc]["letter"] = True

    def owed_letter(self, doc):
        """A signed document is owed exactly one cover letter when the service makes it (numbering on signing) or
        when its making was acknowledged at the SOP step; a walk cut off before that step owes none yet."""
        d = self.docs[doc]
        return bool(d["signed"]) and (d["office"] not in LETTER_STEP_OFFICES or d.get("letter", False))


def walk(client, ledger, office, label, size, clock, stop):
    """One document from its order to dispatch of its cover letter; returns when done, the soak ends, or it is stuck."""
    staff = f"staf.{office}"
    pdf = make_pdf(label, size)
    doc = None
    while doc is None:
        if stop.is_set(): return
        st, body = client.call(staff, "POST", "/api/documents", form={"office": office, "year": "2026", "kind": "lkjip", "title": f"LKjIP soak {label}", "file": ("draft.pdf", pdf)})
        if st == 201:
            d = json.loads(body); doc = d["id"]
            v = d["versions"][0]; ledger.version(doc, office, v["number"], v["sha256"])
            if v["sha256"] != hashlib.sha256(pdf).hexdigest(): raise RuntimeError(f"{doc}: stored hash differs from the upload")
        else: time.sleep(1)
    signed = False
    for _ in range(400):
        if stop.is_set() or clock.over(): return
        st, body = client.call(f"camat.{office}", "GET", f"/api/documents/{doc}/workflow")
        if st != 200: time.sleep(1); continue
        wf = json.loads(body)
        cur = wf.get("currentStepId")
        if not cur: break   # the SOP has run to its end
        step = next(s for s in wf["steps"] if s["id"] == cur)
        actions = step.get("actions", [])
        holders = step.get("holders", {})
        user = ([f"{r}.{office}" for r in holders.get("officeRoles", [])] + holders.get("users", []))[0]
        # The drafting step needs a draft uploaded at that step (the file given at creation does not count).
        if "upload-draft" in actions:
            if upload(client, ledger, doc, office, user, "draft", pdf) is None: time.sleep(1); continue
        if "correct" in actions and not step.get("_uploaded"):
            if upload(client, ledger, doc, office, user, "corrected", pdf) is None: time.sleep(1); continue
            # The final version goes up with the correction: a review step between correction and submission
            # (Pronojiwo's Inspektorat) reviews the version that is then submitted, so none may come after it.
            if upload(client, ledger, doc, office, user, "final", pdf) is None: time.sleep(1); continue
        # A SOP with a letter step: its holder makes the cover letter there (numbered and sealed at once), and the
        # step that sends it waits for the dispatch. Making it again is harmless (one letter per document).
        if ("cover-letter" in actions or "numbering" in actions) and signed:
            st, _ = client.call(user, "POST", f"/api/documents/{doc}/cover-letter")
            if st not in (200, 201): time.sleep(1); continue
            ledger.letter(doc)
        if "send" in actions and signed and not dispatch(client, doc, office, user): time.sleep(1); continue
        if "submit" in actions:
            st, body = client.call(f"camat.{office}", "GET", f"/api/documents/{doc}")
            if st != 200: time.sleep(1); continue
            latest = json.loads(body)["versions"][-1]
            if latest["stage"] != "final" and upload(client, ledger, doc, office, user, "final", pdf) is None: time.sleep(1); continue
            st, _ = client.call(user, "POST", f"/api/documents/{doc}/submit")
            if st != 200: time.sleep(1)
            continue
        if "sign" in actions and not signed:
            st, body = client.call(f"camat.{office}", "POST", f"/api/documents/{doc}/sign", {"passphrase": PASSPHRASES.get(office, PASSPHRASE)})
            if st in (200, 201):
                r = json.loads(body); v = r["version"]
                ledger.version(doc, office, v["number"], v["sha256"]); ledger.signed(doc, v["number"])
                signed = True
            else: time.sleep(1)
            continue
        st, _ = client.call(user, "POST", f"/api/documents/{doc}/workflow/advance", {"stepId": cur})
        if st != 200: time.sleep(1)
    if not signed: return
    # Offices without a letter step number on signing: the job makes the letter; the Kasubag Umum dispatches it.
    for _ in range(300):
        if stop.is_set() or clock.over(): return
        if dispatch(client, doc, office, f"kasubag-umum.{office}", wait=True): break
        time.sleep(1)
    with ledger.lock: ledger.completed += 1


def dispatch(client, doc, office, user, wait=False):
    """Records the dispatch of the document's cover letter by `user`; True once it is dispatched. Without `wait`, a
    document that has no letter (a send step of a SOP without a letter step) counts as done."""
    st, body = client.call(f"kasubag-umum.{office}", "GET", f"/api/documents/{doc}")
    if st != 200: return False
    letters = json.loads(body).get("letters") or []
    if not letters: return not wait and office not in LETTER_STEP_OFFICES
    letter = letters[0]
    if letter.get("status") in ("dispatched", "sent", "terkirim"): return True
    if office not in LETTER_STEP_OFFICES: user = f"kasubag-umum.{office}"
    body = {"recipient": "Bagian Organisasi Setda (soak)", "channel": "tangan"}
    st, _ = client.call(user, "POST", f"/api/letters/{letter['id']}/dispatch", body)
    if st == 403 and user != f"kasubag-umum.{office}":
        # A send step of a SOP without a letter step sends the document; its letter is the Kasubag Umum's to dispatch.
        st, _ = client.call(f"kasubag-umum.{office}", "POST", f"/api/letters/{letter['id']}/dispatch", body)
    return st == 200


def upload(client, ledger, doc, office, user, stage, pdf):
    st, body = client.call(user, "POST", f"/api/documents/{doc}/versions", form={"stage": stage, "file": (f"{stage}.pdf", pdf), "note": "soak"})
    if st != 201: return None
    v = json.loads(body); ledger.version(doc, office, v["number"], v["sha256"])
    return v


def faults(args, stats, stop, backup_result, clock):
    """The schedule of what breaks, as fractions of the run."""
    cluster = [os.path.join(args.root, "scripts", "cluster.sh")]
    def ctl(*a):
        subprocess.run(["bash", *cluster, *a], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = args.minutes * 60
    plan = [(0.15, "node-killed", lambda: ctl("kill-node", "2")),
            (0.30, "node-back", lambda: ctl("start-node", "2")),
            (0.32, "backup", lambda: backup(args, backup_result)),
            (0.40, "s3-down", lambda: ctl("stop-s3")),
            (None, "s3-back", lambda: ctl("start-s3")),          # 20 s after the stop
            (0.60, "pg-restart", lambda: ctl("restart-pg")),
            (0.70, "node-killed-again", lambda: ctl("kill-node", "3")),
            (0.80, "recovery", lambda: ctl("start-node", "3"))]
    start = time.time()
    try:
        for at, name, act in plan:
            if at is None: wait = 20
            else: wait = start + at * total - time.time()
            if stop.wait(max(0, wait)): return
            stats.set_phase(name); print(f"[soak] {time.time() - start:6.0f} s  {name}", flush=True); act()
        # Restarting a node and the backup take their time on a loaded machine; people keep working after the last
        # fault for at least a tenth of the run, however late it came.
        clock.end = max(clock.end, time.time() + 0.1 * total)
    finally:
        clock.faults_done.set()


class Clock:
    """The run lasts its minutes, and longer if the faults are not all through by then (each is waited for)."""
    def __init__(self, seconds):
        self.end = time.time() + seconds
        self.faults_done = threading.Event()

    def over(self):
        return time.time() > self.end and self.faults_done.is_set()


def backup(args, result):
    """A backup taken while people work (between the faults), restored and checked whole after the soak."""
    folder = os.path.join(args.work, "backup")
    print("[soak] backup started", flush=True)
    r = subprocess.run(["bash", os.path.join(args.root, "scripts", "backup.sh"), folder], capture_output=True, text=True,
                       env={**os.environ, "DOCSIGN_CLUSTER_DIR": args.state})
    result["backup"] = (r.returncode, (r.stdout.strip().splitlines() or [r.stderr[-300:]])[-1], folder)
    print(f"[soak] backup: {result['backup'][1]}", flush=True)


def check(args, client, ledger):
    problems, verified = [], 0
    signed_files = []
    for doc, d in sorted(ledger.docs.items()):
        office = d["office"]
        st, body = client.call(f"camat.{office}", "GET", f"/api/documents/{doc}")
        if st != 200: problems.append(f"document {doc}: {st}, acknowledged but not there"); continue
        have = {v["number"]: v["sha256"] for v in json.loads(body)["versions"]}
        for n, sha in d["versions"].items():
            if have.get(n) != sha: problems.append(f"document {doc} v{n}: acknowledged {sha[:12]}, now {have.get(n)}")
            st, content = client.call(f"camat.{office}", "GET", f"/api/documents/{doc}/versions/{n}/content")
            if st != 200 or hashlib.sha256(content).hexdigest() != sha: problems.append(f"document {doc} v{n}: content not byte-exact ({st})")
            elif n in d["signed"]:
                path = os.path.join(args.work, f"{doc}-v{n}.pdf"); open(path, "wb").write(content); signed_files.append(path)
        letters = json.loads(body).get("letters") or []
        if ledger.owed_letter(doc) and len(letters) != 1 or len(letters) > 1:
            problems.append(f"document {doc}: {len(letters)} cover letters for one signature")
    if signed_files:
        # One process for every signed version (docsign verify's batch form), trusting the sample and CONTOH BSrE roots.
        r = subprocess.run(["bash", os.path.join(args.root, "scripts", "docsign"), "verify", *signed_files, "--json",
                            "--trust", os.path.join(args.root, "certs-sample", "root-ca.pem"),
                            "--trust", os.path.join(args.root, "certs-sample", "bsre", "root.pem")], capture_output=True, text=True)
        try:
            answer = json.loads(r.stdout)
            for f in answer.get("files", [{**answer, "file": signed_files[0]}]):
                if f.get("verdict") != "VALID": problems.append(f"{os.path.basename(f.get('file', '?'))}: {f.get('verdict')}")
                else: verified += 1
        except Exception: problems.append("docsign verify: " + (r.stderr or r.stdout)[:300])
    for office in OFFICES:
        st, body = client.call(f"kasubag-umum.{office}", "GET", f"/api/offices/{office}/letters?year=2026")
        if st != 200: problems.append(f"register {office}: {st}"); continue
        seqs = [l.get("sequence") for l in json.loads(body)["letters"] if l.get("sequence") is not None and not l.get("insert")]
        base = sorted(s for s in seqs if isinstance(s, int))
        if len(base) != len(set(base)): problems.append(f"register {office} 2026: duplicate numbers")
        if base and base != list(range(1, len(base) + 1)): problems.append(f"register {office} 2026: gaps ({base[:5]}…{base[-5:]})")
    st, body = client.call("admin", "GET", "/api/admin/jobs")
    if st == 200:
        stuck = [j for j in json.loads(body).get("jobs", []) if str(j.get("state", "")).lower() in ("stuck", "blocked")]
        if stuck: problems.append(f"stuck jobs: {stuck}")
    else: problems.append(f"jobs list: {st}")
    r = subprocess.run(["bash", "-c", f'set -a; source "{args.state}/node.env"; set +a; DocSign__DataDirectory="{args.state}/check" dotnet "{args.state}/web/DocSign.Web.dll" --verify-audit'], capture_output=True, text=True)
    audit = (r.stdout.strip().splitlines() or ["(no output)"])[-1]
    if r.returncode != 0: problems.append("audit: " + audit)
    return problems, verified, len(signed_files), audit


def pct(values, q):
    if not values: return 0
    v = sorted(values); return v[min(len(v) - 1, int(q * len(v)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True); ap.add_argument("--root", required=True); ap.add_argument("--state", required=True)
    ap.add_argument("--work", required=True); ap.add_argument("--minutes", type=float, default=3); ap.add_argument("--users", type=int, default=6)
    ap.add_argument("--size", type=int, default=200_000)
    args = ap.parse_args()
    stats = Stats(); client = Client(args.url, stats); ledger = Ledger(); stop = threading.Event()
    clock = Clock(args.minutes * 60)
    for office in OFFICES:
        for role in ("staf", "camat", "sekcam", "kasubag-umum", "kasubbag-program", "kasi"): client.token(f"{role}.{office}")
    client.token("admin")
    for office in OFFICES:
        if office in LETTER_STEP_OFFICES: continue
        st, body = client.call("admin", "PUT", f"/api/offices/{office}/letter-template", {"autoNumberOnSigning": True})
        if st != 200: sys.exit(f"[soak] could not switch numbering on signing on for {office}: {st} {body[:200]}")
    counter = [0]; counting = threading.Lock()
    def worker(i):
        while not clock.over() and not stop.is_set():
            with counting: counter[0] += 1; n = counter[0]
            try: walk(client, ledger, OFFICES[n % len(OFFICES)], f"{i}-{n}", args.size, clock, stop)
            except Exception as e: print(f"[soak] worker {i}: {e}", flush=True)
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.users)]
    backup_result = {}
    f = threading.Thread(target=faults, args=(args, stats, stop, backup_result, clock), daemon=True)
    started = time.time()
    for t in threads: t.start()
    f.start()
    for t in threads: t.join()
    stop.set(); f.join()
    stats.set_phase("checks")
    for n in (1, 2, 3): subprocess.run(["bash", os.path.join(args.root, "scripts", "cluster.sh"), "start-node", str(n)], stdout=subprocess.DEVNULL)
    subprocess.run(["bash", os.path.join(args.root, "scripts", "cluster.sh"), "start-s3"], stdout=subprocess.DEVNULL)
    # Letters still owed by the jobs land before the register is judged: a job held by the last killed node comes
    # back after Hangfire's invisibility timeout, a sweep after its lease (2 min each by default). Waited for, up to 5 min.
    waited = time.time()
    owed = [doc for doc in ledger.docs if ledger.owed_letter(doc)]
    while owed and time.time() - waited < 300:
        st, body = client.call(f"kasubag-umum.{ledger.docs[owed[0]]['office']}", "GET", f"/api/documents/{owed[0]}")
        if st == 200 and json.loads(body).get("letters"): owed.pop(0)
        else: time.sleep(1)
    print(f"[soak] every owed cover letter there {time.time() - waited:.0f} s after the run" if not owed else f"[soak] {len(owed)} cover letters still missing after 5 min", flush=True)
    problems, verified, signed, audit = check(args, client, ledger)
    if "backup" not in backup_result: problems.append("no backup was taken during the soak")
    elif backup_result["backup"][0] != 0: problems.append("backup failed: " + backup_result["backup"][1])
    else:
        # Restored into a fresh PostgreSQL and s3rver, not the cluster's (restore.sh reads the backup's kind).
        env = {k: v for k, v in os.environ.items()}
        env["DOCSIGN_CLUSTER_DIR"] = args.state
        r = subprocess.run(["bash", os.path.join(args.root, "scripts", "restore.sh"), backup_result["backup"][2]], capture_output=True, text=True, env=env)
        restore_line = (r.stdout.strip().splitlines() or ["(no output)"])[-1]
        for line in r.stdout.splitlines():
            if line.startswith(("PROBLEM", "NOT VALID", "Audit chain", "Signed versions", "Checked", "Imported")) or "BROKEN" in line:
                print("[restore] " + line[:300])
        if r.returncode != 0: print("[restore] " + r.stderr[-1500:])
        print(f"Backup taken during the soak: {backup_result['backup'][1]}")
        print(f"Restored into a fresh set-up: {restore_line}")
        if r.returncode != 0: problems.append("restore: " + restore_line + " " + r.stderr[-500:])
    print()
    print(f"Soak: {args.minutes:g} min, {args.users} users, {len(ledger.docs)} documents started, {ledger.completed} walked to dispatch, {time.time() - started:.0f} s in all")
    print()
    # The machine's 1-minute load average when the phase began and ended (shared machine: other work counts too).
    print("| phase | seconds | load | requests | errors by kind | p50 | p95 | requests/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, p in stats.by_phase.items():
        if name == "checks": continue
        dur = (p["ended"] or time.time()) - p["started"]
        errs = ", ".join(f"{k}: {v}" for k, v in sorted(p["errors"].items())) or "none"
        load = f"{p.get('load_start', 0):.0f}–{p.get('load_end', os.getloadavg()[0]):.0f}"
        print(f"| {name} | {dur:.0f} | {load} | {p['requests']} | {errs} | {pct(p['lat'], .5) * 1000:.0f} ms | {pct(p['lat'], .95) * 1000:.0f} ms | {p['requests'] / max(dur, 1):.1f} |")
    print()
    print(f"Signed versions verified VALID: {verified} of {signed}. {audit}")
    if problems:
        print(f"LOST OR WRONG ({len(problems)}):")
        for p in problems[:50]: print("  - " + p)
        sys.exit(1)
    print("Nothing lost: every acknowledged version byte-exact, registers gap-free, one cover letter per signature, audit chain intact.")


if __name__ == "__main__":
    main()
