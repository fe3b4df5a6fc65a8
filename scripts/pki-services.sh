#!/usr/bin/env bash
# The sample PKI's online services, in the foreground until killed (Ctrl-C / SIGTERM):
#   http://127.0.0.1:18780/crl/<ca>.crl  CRLs (DER), and /ca/<ca>.cer issuer certificates (AIA caIssuers)
#   http://127.0.0.1:18781/ocsp          OCSP responder for the "DocSign Sample Signing CA" (openssl ocsp per request)
#   http://127.0.0.1:18782/tsa           RFC 3161 time-stamping authority (openssl ts -reply)
# These addresses are written into the sample certificates (scripts/gen-sample-pki.sh), so they are fixed.
# If a port is taken the script stops with a message rather than serving half of the PKI.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PKI="$ROOT/certs-sample"
[ -f "$PKI/root-ca.pem" ] || { echo "pki-services: $PKI/root-ca.pem missing; run scripts/gen-sample-pki.sh" >&2; exit 1; }

for port in 18780 18781 18782; do
  if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(('127.0.0.1',$port))==0 else 1)"; then
    echo "pki-services: port $port is already in use (another pki-services running?)" >&2
    exit 1
  fi
done

STATE="$(mktemp -d)"
CHILDREN=()
stop() {
  for p in "${CHILDREN[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$STATE"
}
trap stop EXIT
trap 'exit 0' INT TERM

# The TSA's configuration lives outside the repo so serving does not dirty the working tree. Its serial file is
# per request (SERIALFILE is filled in for each reply), so replies need no lock around `openssl ts -reply`.
cat >"$STATE/tsa.cnf" <<EOF
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = $STATE
serial = \${ENV::TSA_SERIAL_FILE}
crypto_device = builtin
signer_cert = $PKI/tsa.pem
certs = $PKI/chain.pem
signer_key = $PKI/tsa.key.pem
signer_digest = sha256
default_policy = 2.16.360.1.1.1.99.2
other_policies = 2.16.360.1.1.1.99.3
digests = sha256, sha384, sha512
accuracy = secs:1
clock_precision_digits = 0
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
EOF

python3 - "$PKI" "$STATE" <<'PY' &
import http.server, os, subprocess, sys, tempfile, threading, time

pki, state = sys.argv[1], sys.argv[2]
# Serials must be unique per TSA: a counter taken under a lock held only for the increment (not around openssl,
# which let twenty signers' timestamps queue one after another). It starts from the clock in milliseconds, shifted,
# so a restarted service does not hand out a serial it gave before.
serial_lock = threading.Lock()
next_serial = int(time.time() * 1000) << 16
def take_serial():
    global next_serial
    with serial_lock:
        next_serial += 1
        return next_serial
MAX_QUERY = 64 * 1024

def log(line):
    # Logging must never break an answer: when whoever started us has gone away (a test process
    # that exited), stderr is a closed pipe, and a failed write would turn every OCSP/TSA answer
    # into an error while the ports still look healthy.
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass

class Files(http.server.BaseHTTPRequestHandler):
    """Serves only the CRLs and CA certificates; nothing else under certs-sample is reachable."""
    def do_GET(self):
        routes = {"/crl/": ("crl", "application/pkix-crl"), "/ca/": ("ca", "application/pkix-cert")}
        for prefix, (folder, ctype) in routes.items():
            name = self.path[len(prefix):] if self.path.startswith(prefix) else None
            if name and "/" not in name and name.endswith((".crl", ".cer")):
                path = os.path.join(pki, folder, name)
                if os.path.isfile(path):
                    data = open(path, "rb").read()
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
        self.send_error(404)
    def log_message(self, fmt, *args):
        log("files: " + fmt % args)

class Ocsp(http.server.BaseHTTPRequestHandler):
    """RFC 6960 over HTTP: POST application/ocsp-request, or GET /ocsp/<base64>. Each request is answered by
    `openssl ocsp` in responder mode from the signing CA's database (-ndays 1 gives a nextUpdate)."""
    protocol_version = "HTTP/1.0"
    def answer(self, der):
        with tempfile.TemporaryDirectory(dir=state) as tmp:
            q, r = os.path.join(tmp, "q.der"), os.path.join(tmp, "r.der")
            open(q, "wb").write(der)
            proc = subprocess.run(["openssl", "ocsp", "-reqin", q, "-respout", r,
                                   "-index", os.path.join(pki, "ca", "signing-ca.index.txt"),
                                   "-CA", os.path.join(pki, "signing-ca.pem"),
                                   "-rsigner", os.path.join(pki, "ocsp.pem"),
                                   "-rkey", os.path.join(pki, "ocsp.key.pem"), "-passin", "pass:sample",
                                   "-ndays", "1"], capture_output=True)
            resp = open(r, "rb").read() if proc.returncode == 0 and os.path.exists(r) else None
        if resp is None:
            log("ocsp: openssl failed: %s" % proc.stderr.decode(errors="replace"))
            self.send_error(400, "bad OCSP request"); return
        self.send_response(200)
        self.send_header("Content-Type", "application/ocsp-response")
        self.send_header("Content-Length", str(len(resp)))
        self.end_headers()
        self.wfile.write(resp)
    def do_POST(self):
        if self.path.rstrip("/") != "/ocsp":
            self.send_error(404); return
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length <= 0 or length > MAX_QUERY:
            self.send_error(400, "bad length"); return
        self.answer(self.rfile.read(length))
    def do_GET(self):
        import base64, urllib.parse
        if not self.path.startswith("/ocsp/"):
            self.send_error(404); return
        try:
            der = base64.b64decode(urllib.parse.unquote(self.path[len("/ocsp/"):]))
        except Exception:
            self.send_error(400, "bad base64"); return
        self.answer(der)
    def log_message(self, fmt, *args):
        log("ocsp: " + fmt % args)

class Tsa(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/tsa":
            self.send_error(404); return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/timestamp-query":
            self.send_error(415, "expected application/timestamp-query"); return
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length <= 0 or length > MAX_QUERY:
            self.send_error(400, "bad length"); return
        query = self.rfile.read(length)
        with tempfile.TemporaryDirectory(dir=state) as tmp:
            q, r, serial = os.path.join(tmp, "q.tsq"), os.path.join(tmp, "r.tsr"), os.path.join(tmp, "serial")
            open(q, "wb").write(query)
            # openssl reads the serial from this request's own file (and writes the next one back there, unused).
            digits = "%X" % take_serial()
            open(serial, "w").write(("0" if len(digits) % 2 else "") + digits + "\n")
            proc = subprocess.run(["openssl", "ts", "-reply", "-config", os.path.join(state, "tsa.cnf"),
                                   "-queryfile", q, "-passin", "pass:sample", "-out", r],
                                  capture_output=True, env=dict(os.environ, TSA_SERIAL_FILE=serial))
            reply = open(r, "rb").read() if proc.returncode == 0 and os.path.exists(r) else None
        if reply is None:
            log("tsa: openssl ts failed: %s" % proc.stderr.decode(errors="replace"))
            self.send_error(400, "bad timestamp request"); return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
    def log_message(self, fmt, *args):
        log("tsa: " + fmt % args)

class Server(http.server.ThreadingHTTPServer):
    # The default listen backlog of 5 refused connections when twenty Camats signed at once (benchmarks).
    request_queue_size = 128

servers = [Server(("127.0.0.1", 18780), Files),
           Server(("127.0.0.1", 18781), Ocsp),
           Server(("127.0.0.1", 18782), Tsa)]
for s in servers[1:]:
    threading.Thread(target=s.serve_forever, daemon=True).start()
print("pki-services: CRL/CA on :18780, OCSP on :18781, TSA on :18782", flush=True)
servers[0].serve_forever()
PY
CHILDREN+=($!)

wait -n
echo "pki-services: the service process stopped" >&2
exit 1
