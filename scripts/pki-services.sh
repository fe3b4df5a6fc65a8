#!/usr/bin/env bash
# The sample PKI's online services, in the foreground until killed (Ctrl-C / SIGTERM):
#   http://127.0.0.1:18780/crl/<ca>.crl  CRLs (DER), and /ca/<ca>.cer issuer certificates (AIA caIssuers)
#   http://127.0.0.1:18781/ocsp          OCSP responder for the "DocSign Sample Signing CA": answered in-process with
#                                        pyca/cryptography from the CA's openssl database when that module is there,
#                                        else by `openssl ocsp` per request
#   http://127.0.0.1:18782/tsa           RFC 3161 time-stamping authority: the token `openssl ts -reply` makes with
#                                        the configuration below, built in-process (DER by hand, signed with
#                                        pyca/cryptography) when that module is there, else by openssl per request
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

def der(tag, content):
    n = len(content)
    if n < 0x80: return bytes([tag, n]) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + content

def der_int(v):
    return der(0x02, v.to_bytes(v.bit_length() // 8 + 1, "big", signed=True))

def der_oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    out = bytearray([parts[0] * 40 + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p: chunk.append(0x80 | (p & 0x7F)); p >>= 7
        out += bytes(reversed(chunk))
    return der(0x06, bytes(out))

def der_read(buf, pos=0):
    """(tag, content start, end) of the TLV at pos; ValueError when it does not fit."""
    if pos + 2 > len(buf): raise ValueError("truncated")
    tag, n, pos = buf[pos], buf[pos + 1], pos + 2
    if n & 0x80:
        k = n & 0x7F
        if k == 0 or k > 4 or pos + k > len(buf): raise ValueError("bad length")
        n, pos = int.from_bytes(buf[pos:pos + k], "big"), pos + k
    if pos + n > len(buf): raise ValueError("truncated")
    return tag, pos, pos + n

class TsaInProcess:
    """RFC 3161 answers as `openssl ts -reply` gives them with tsa.cnf: policy 2.16.360.1.1.1.99.2 unless the request
    asks for ...99.3, SHA-256/384/512 imprints, accuracy one second, the request's nonce, the TSA's name, the
    certificates (TSA and chain) only when asked for, and signed attributes contentType, signingTime, messageDigest
    and signingCertificateV2 (SHA-256 of the TSA certificate). A spawned openssl cost about 20 ms of CPU per token."""
    POLICIES = ("2.16.360.1.1.1.99.2", "2.16.360.1.1.1.99.3")
    DIGESTS = {der_oid("2.16.840.1.101.3.4.2.1")[2:]: 32, der_oid("2.16.840.1.101.3.4.2.2")[2:]: 48, der_oid("2.16.840.1.101.3.4.2.3")[2:]: 64}
    def __init__(self, pki):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
        self.hashes, self.padding = hashes, padding
        self.cert = x509.load_pem_x509_certificate(open(os.path.join(pki, "tsa.pem"), "rb").read())
        chain = x509.load_pem_x509_certificates(open(os.path.join(pki, "chain.pem"), "rb").read())
        enc = serialization.Encoding.DER
        self.certs = [self.cert.public_bytes(enc)] + [c.public_bytes(enc) for c in chain]
        self.key = serialization.load_pem_private_key(open(os.path.join(pki, "tsa.key.pem"), "rb").read(), password=b"sample")
        self.subject = self.cert.subject.public_bytes()
        self.issuer_serial = der(0x30, self.cert.issuer.public_bytes() + der_int(self.cert.serial_number))
        digest = hashes.Hash(hashes.SHA256()); digest.update(self.certs[0])
        self.ess = der(0x30, der(0x30, der(0x30, der(0x04, digest.finalize()))))
        self.answer(der(0x30, der_int(1) + der(0x30, der(0x30, der_oid("2.16.840.1.101.3.4.2.1") + b"\x05\x00") + der(0x04, b"\0" * 32))))

    @staticmethod
    def refuse(fail_bit):
        # PKIStatus rejection (2) with one PKIFailureInfo bit: badAlg 0, badRequest 2, badDataFormat 5,
        # unacceptedPolicy 15, unacceptedExtension 16.
        byte, bit = divmod(fail_bit, 8)
        bits = bytearray(byte + 1); bits[byte] = 0x80 >> bit
        return der(0x30, der(0x30, der_int(2) + der(0x03, bytes([7 - bit]) + bytes(bits))))

    def answer(self, query):
        import datetime
        try:
            tag, start, end = der_read(query)
            if tag != 0x30 or end != len(query): return self.refuse(5)
            pos, fields = start, []
            while pos < end:
                t, s_, e_ = der_read(query, pos); fields.append((t, pos, s_, e_)); pos = e_
            if len(fields) < 2 or fields[0][0] != 0x02 or query[fields[0][2]:fields[0][3]] != b"\x01" or fields[1][0] != 0x30:
                return self.refuse(5)
            imprint = query[fields[1][1]:fields[1][3]]
            t, s_, e_ = der_read(query, fields[1][2])            # hashAlgorithm
            t2, s2, e2 = der_read(query, s_)                      # its OID
            want = self.DIGESTS.get(query[s2:e2]) if t2 == 0x06 and t == 0x30 else None
            t3, s3, e3 = der_read(query, e_)                      # hashedMessage
            if want is None: return self.refuse(0)
            if t3 != 0x04 or e3 - s3 != want: return self.refuse(5)
            policy, nonce, cert_req = self.POLICIES[0], None, False
            for t, whole, s_, e_ in fields[2:]:
                if t == 0x06:
                    asked = der(0x06, query[s_:e_])
                    match = [p for p in self.POLICIES if der_oid(p) == asked]
                    if not match: return self.refuse(15)
                    policy = match[0]
                elif t == 0x02: nonce = query[whole:e_]
                elif t == 0x01: cert_req = query[s_:e_] != b"\x00"
                elif t == 0xA0: return self.refuse(16)
                else: return self.refuse(5)
        except ValueError:
            return self.refuse(5)
        now = datetime.datetime.now(datetime.timezone.utc)
        tst = der(0x30, der_int(1) + der_oid(policy) + imprint + der_int(take_serial())
                  + der(0x18, now.strftime("%Y%m%d%H%M%SZ").encode()) + der(0x30, der_int(1))
                  + (nonce or b"") + der(0xA0, der(0xA4, self.subject)))
        h = self.hashes.Hash(self.hashes.SHA256()); h.update(tst)
        attrs = sorted([
            der(0x30, der_oid("1.2.840.113549.1.9.3") + der(0x31, der_oid("1.2.840.113549.1.9.16.1.4"))),
            der(0x30, der_oid("1.2.840.113549.1.9.5") + der(0x31, der(0x17, now.strftime("%y%m%d%H%M%SZ").encode()))),
            der(0x30, der_oid("1.2.840.113549.1.9.4") + der(0x31, der(0x04, h.finalize()))),
            der(0x30, der_oid("1.2.840.113549.1.9.16.2.47") + der(0x31, self.ess)),
        ])
        signed = b"".join(attrs)
        signature = self.key.sign(der(0x31, signed), self.padding.PKCS1v15(), self.hashes.SHA256())
        sha256 = der(0x30, der_oid("2.16.840.1.101.3.4.2.1") + b"\x05\x00")
        signer_info = der(0x30, der_int(1) + self.issuer_serial + sha256 + der(0xA0, signed)
                          + der(0x30, der_oid("1.2.840.113549.1.1.1") + b"\x05\x00") + der(0x04, signature))
        signed_data = der(0x30, der_int(3) + der(0x31, sha256)
                          + der(0x30, der_oid("1.2.840.113549.1.9.16.1.4") + der(0xA0, der(0x04, tst)))
                          + (der(0xA0, b"".join(self.certs)) if cert_req else b"")
                          + der(0x31, signer_info))
        token = der(0x30, der_oid("1.2.840.113549.1.7.2") + der(0xA0, signed_data))
        return der(0x30, der(0x30, der_int(0)) + token)

try:
    TSA_IN_PROCESS = TsaInProcess(pki)
except Exception as e:
    TSA_IN_PROCESS = None
    log("tsa: answering with `openssl ts -reply` per request (pyca/cryptography not usable here: %r)" % e)

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
        if TSA_IN_PROCESS is not None:
            try:
                return self.reply(TSA_IN_PROCESS.answer(query))
            except Exception as e:
                log("tsa: in-process answer failed: %r" % e)
                self.send_error(500, "TSA failed"); return
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
        self.reply(reply)
    def reply(self, reply):
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
