#!/usr/bin/env bash
# The demo as a newcomer starts it, on a port other than the default: `DOCSIGN_PORT=<free port> scripts/run.sh` with its own
# empty data folder. Through the API the demo staff of Kanigaran upload a final, the Sekcam submits it, the demo Camat signs
# it; then the check asserts that the QR code printed on the stamp (pdftoppm + zbarimg) names this port and opens the
# document's public page, and that the signature is B-LTA (the signing answer and DocSign's own verifier, POST /api/verify;
# pdfsig must read the signature too). Ends with "demo check: passed" (exit 0) or says what failed (exit 1).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_apt poppler-utils zbar-tools python3 curl

PORT="$(free_port)"
[ "$PORT" != 5080 ] || PORT="$(free_port)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/docsign-demo-check.XXXXXX")"
RUN_PGID=""
finish() {
  [ -n "$RUN_PGID" ] && kill -TERM -- -"$RUN_PGID" 2>/dev/null || true
  [ -n "$RUN_PGID" ] && for _ in $(seq 1 50); do kill -0 -- -"$RUN_PGID" 2>/dev/null || break; sleep 0.2; done
  rm -rf "$WORK"
}
trap finish EXIT

log "demo check: scripts/run.sh on port $PORT (data in $WORK)"
# Its own process group, so that the end of the check stops run.sh and the server it started, nothing else.
DOCSIGN_PORT="$PORT" DOCSIGN_BSRE=0 DocSign__DataDirectory="$WORK/data" \
  setsid bash scripts/run.sh </dev/null >"$WORK/run.log" 2>&1 &
RUN_PGID=$!

# Ready when /health answers (the first start builds and seeds the demo: minutes on a small machine).
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; then break; fi
  if ! kill -0 "$RUN_PGID" 2>/dev/null; then tail -40 "$WORK/run.log" >&2; echo "demo check: failed (run.sh ended)"; exit 1; fi
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" || { tail -40 "$WORK/run.log" >&2; echo "demo check: failed (no answer on $PORT)"; exit 1; }

python3 bench/mkpdf.py "$WORK/final.pdf" 0.02 2 >/dev/null
python3 - "$PORT" "$WORK" <<'PY'
import json, os, re, subprocess, sys, urllib.request, uuid
port, work = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
def fail(why):
    print(f"demo check: failed ({why})"); sys.exit(1)

def call(method, path, token=None, body=None, ctype=None, expect=(200, 201)):
    req = urllib.request.Request(base + path, data=body, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    if ctype: req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=300) as r: status, data = r.status, r.read()
    except urllib.error.HTTPError as e: status, data = e.code, e.read()
    if status not in expect: fail(f"{method} {path}: HTTP {status}: {data[:300]!r}")
    return data

def token(user):
    return json.loads(call("POST", "/api/auth/token", body=json.dumps({"username": user, "password": "docsign-demo"}).encode(),
                           ctype="application/json"))["token"]

def multipart(fields, pdf):
    b = "----docsign" + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    out.append(f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="final.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode() + pdf + b"\r\n")
    out.append(f"--{b}--\r\n".encode())
    return b"".join(out), "multipart/form-data; boundary=" + b

pdf = open(os.path.join(work, "final.pdf"), "rb").read()
title = "Pemeriksaan demo " + uuid.uuid4().hex[:8]
staf, sekcam, camat = token("staf.kanigaran"), token("sekcam.kanigaran"), token("camat.kanigaran")
doc = json.loads(call("POST", "/api/documents", staf, *multipart({"office": "kanigaran", "year": "2025", "kind": "laporan", "title": title}, pdf)))
doc_id = doc["id"]
call("POST", f"/api/documents/{doc_id}/versions", staf, *multipart({"stage": "final", "note": "final"}, pdf))
call("POST", f"/api/documents/{doc_id}/submit", sekcam, b"{}", "application/json")
signed = json.loads(call("POST", f"/api/documents/{doc_id}/sign", camat, json.dumps({"passphrase": "sample"}).encode(), "application/json"))
url, level, number = signed["publicUrl"], signed["signature"]["level"], signed["version"]["number"]
if not url.startswith(base + "/v/"): fail(f"the public address {url} does not follow the port {port}")
if level != "B-LTA": fail(f"the demo signed at {level}, not B-LTA (is the sample TSA configured?)")

content = call("GET", f"/api/documents/{doc_id}/versions/{number}/content", camat)
path = os.path.join(work, "signed.pdf")
open(path, "wb").write(content)
pages = signed["signature"]["box"]["page"]
subprocess.run(["pdftoppm", "-r", "300", "-f", str(pages), "-l", str(pages), "-singlefile", "-png", path, os.path.join(work, "page")], check=True)
qr = subprocess.run(["zbarimg", "--quiet", "--raw", os.path.join(work, "page.png")], capture_output=True, text=True)
codes = [l.strip() for l in qr.stdout.splitlines() if l.strip()]
if codes != [url]: fail(f"the stamp's QR code says {codes}, expected {url}")
page = call("GET", url[len(base):]).decode()
if title not in page: fail("the QR code's page does not name the document")

sig = subprocess.run(["pdfsig", path], capture_output=True, text=True)
if sig.returncode != 0 or "Signature #1" not in sig.stdout: fail("pdfsig does not read the signature: " + sig.stdout + sig.stderr)
report = json.loads(call("POST", "/api/verify", camat, *multipart({}, content)))
levels = [s.get("level") for s in report.get("signatures", [])]
if report.get("verdict") != "VALID" or "B-LTA" not in levels: fail(f"the verifier says {report.get('verdict')} {levels}")
print(f"demo check: QR {url} opens, signature B-LTA (verifier {report.get('verdict')})")
PY
echo "demo check: passed"
