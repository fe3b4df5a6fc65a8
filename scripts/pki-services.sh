#!/usr/bin/env bash
# The sample PKI's online services, in the foreground until killed (Ctrl-C / SIGTERM):
#   http://127.0.0.1:18780/crl/<ca>.crl  CRLs (DER), and /ca/<ca>.cer issuer certificates (AIA caIssuers)
#   http://127.0.0.1:18781/ocsp          OCSP responder for the "DocSign Sample Signing CA": answered in-process with
#                                        pyca/cryptography from the CA's openssl database when that module is there,
#                                        else by `openssl ocsp` per request
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

class OcspInProcess:
    """The answer `openssl ocsp` gives (status from the CA's index.txt, nextUpdate a day on, the request's nonce
    copied, the responder named by its subject and its certificate included, SHA-256), made without starting a
    process: one openssl per answer cost about 20 ms of CPU, and a B-LTA signature asks three times."""
    REASONS = {"unspecified": "unspecified", "keyCompromise": "key_compromise", "CACompromise": "ca_compromise",
               "affiliationChanged": "affiliation_changed", "superseded": "superseded",
               "cessationOfOperation": "cessation_of_operation", "certificateHold": "certificate_hold",
               "removeFromCRL": "remove_from_crl", "privilegeWithdrawn": "privilege_withdrawn", "AACompromise": "aa_compromise"}
    def __init__(self, pki):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509 import ocsp
        self.x509, self.hashes, self.ocsp, self.serialization = x509, hashes, ocsp, serialization
        load = lambda name: x509.load_pem_x509_certificate(open(os.path.join(pki, name), "rb").read())
        self.ca, self.responder = load("signing-ca.pem"), load("ocsp.pem")
        self.key = serialization.load_pem_private_key(open(os.path.join(pki, "ocsp.key.pem"), "rb").read(), password=b"sample")
        self.index_path = os.path.join(pki, "ca", "signing-ca.index.txt")
        self.ca_name = self.ca.subject.public_bytes()
        self.ca_key = self.ca.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
        # The default `openssl ocsp` digest; probed at start so that a missing feature falls back to openssl at once.
        self.answer(self.ocsp.OCSPRequestBuilder().add_certificate_by_hash(
            b"\0" * 20, b"\0" * 20, 1, hashes.SHA1()).build().public_bytes(serialization.Encoding.DER))

    def index(self):
        # Re-read on every answer, as openssl does: a certificate revoked with `openssl ca -revoke` shows at once.
        entries = {}
        for line in open(self.index_path, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 4:
                entries[int(f[3], 16)] = (f[0], f[2])
        return entries

    @staticmethod
    def when(text):
        import datetime
        return datetime.datetime.strptime(text, "%y%m%d%H%M%SZ").replace(tzinfo=datetime.timezone.utc)

    def answer(self, der):
        import datetime
        ocsp, x509, hashes = self.ocsp, self.x509, self.hashes
        try:
            req = ocsp.load_der_ocsp_request(der)
        except Exception:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.MALFORMED_REQUEST).public_bytes(self.serialization.Encoding.DER)
        h = req.hash_algorithm
        def digest(data):
            d = hashes.Hash(h); d.update(data); return d.finalize()
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        status, rev_time, reason = ocsp.OCSPCertStatus.UNKNOWN, None, None
        if req.issuer_name_hash == digest(self.ca_name) and req.issuer_key_hash == digest(self.ca_key):
            entry = self.index().get(req.serial_number)
            if entry and entry[0] == "V":
                status = ocsp.OCSPCertStatus.GOOD
            elif entry and entry[0] == "R":
                status = ocsp.OCSPCertStatus.REVOKED
                when, _, why = entry[1].partition(",")
                rev_time = self.when(when)
                reason = getattr(x509.ReasonFlags, self.REASONS.get(why, ""), None) if why else None
        builder = ocsp.OCSPResponseBuilder().add_response_by_hash(
            req.issuer_name_hash, req.issuer_key_hash, req.serial_number, h, status, now, now + datetime.timedelta(days=1),
            rev_time, reason).responder_id(ocsp.OCSPResponderEncoding.NAME, self.responder).certificates([self.responder])
        for ext in req.extensions:
            if isinstance(ext.value, x509.OCSPNonce):
                builder = builder.add_extension(ext.value, critical=False)
        return builder.sign(self.key, hashes.SHA256()).public_bytes(self.serialization.Encoding.DER)

try:
    OCSP_IN_PROCESS = OcspInProcess(pki)
except Exception as e:
    OCSP_IN_PROCESS = None
    log("ocsp: answering with `openssl ocsp` per request (pyca/cryptography not usable here: %r)" % e)

class Ocsp(http.server.BaseHTTPRequestHandler):
    """RFC 6960 over HTTP: POST application/ocsp-request, or GET /ocsp/<base64>. Answered in-process (above), or
    by `openssl ocsp` in responder mode from the signing CA's database (-ndays 1 gives a nextUpdate)."""
    protocol_version = "HTTP/1.0"
    def answer(self, der):
        if OCSP_IN_PROCESS is not None:
            try:
                resp = OCSP_IN_PROCESS.answer(der)
            except Exception as e:
                log("ocsp: in-process answer failed: %r" % e)
                self.send_error(500, "OCSP responder failed"); return
            return self.reply(resp)
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
        self.reply(resp)
    def reply(self, resp):
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
