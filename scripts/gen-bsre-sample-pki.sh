#!/usr/bin/env bash
# Regenerates certs-sample/bsre/: the FICTIONAL PKI the BSrE ECS emulator (tools/DocSign.BsreEmulator) signs with.
# It copies the shape of the real BSrE chain (a national root, then BSrE's CA, then two-year personal leaves whose
# CN is the plain name without NIP) under names that all say CONTOH (sample). Test and demo use only; every PKCS#12
# and PEM key uses the passphrase "sample". The emulator answers OCSP and time-stamps itself, on the loopback
# addresses below (written into the certificates, so they are fixed). The files are committed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/certs-sample/bsre"
PASS=sample
OCSP_URL="http://127.0.0.1:18791/ocsp"
CAISSUERS_BASE="http://127.0.0.1:18791/ca"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT/people"

mkdir -p "$WORK/db/newcerts"; : >"$WORK/db/index.txt"; echo "unique_subject = no" >"$WORK/db/index.txt.attr"
cat >"$WORK/ext.cnf" <<CNF
[ ca ]
default_ca = this_ca
[ this_ca ]
dir = $WORK/db
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = policy_any
email_in_dn = no
copy_extensions = none
unique_subject = no
preserve = yes
[ policy_any ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_ca ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/root.cer
[ v3_person ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/ca.cer
[ v3_tsa ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/ca.cer
CNF

key() { openssl genrsa -out "$1" 2048 2>/dev/null; }
# cert SUBJ KEY ISSUER_CERT ISSUER_KEY EXT FROM TO OUT  (openssl ca: fixed validity dates)
cert() {
  openssl req -new -key "$2" -subj "$1" -config "$WORK/ext.cnf" -out "$WORK/req.csr"
  openssl rand -hex 8 | sed 's/^./4/' >"$WORK/db/serial"
  if [ "$3" = self ]; then
    openssl ca -batch -config "$WORK/ext.cnf" -selfsign -keyfile "$2" -in "$WORK/req.csr" -extensions "$5" \
      -startdate "$6" -enddate "$7" -notext -out "$8" 2>"$WORK/ca.log" || { cat "$WORK/ca.log" >&2; exit 1; }
  else
    openssl ca -batch -config "$WORK/ext.cnf" -cert "$3" -keyfile "$4" -in "$WORK/req.csr" -extensions "$5" \
      -startdate "$6" -enddate "$7" -notext -out "$8" 2>"$WORK/ca.log" || { cat "$WORK/ca.log" >&2; exit 1; }
  fi
}
p12() { # name cert key
  openssl pkcs12 -export -name "$1" -in "$2" -inkey "$3" -certfile "$OUT/chain.pem" -passout "pass:$PASS" \
    -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 -out "$4"
}

key "$WORK/root.key"
cert "/C=ID/O=CONTOH Kementerian Komunikasi dan Digital (sampel)/CN=CONTOH Root CA Indonesia DS G1" "$WORK/root.key" self - v3_root \
  20240101000000Z 20461231235959Z "$OUT/root.pem"
key "$WORK/ca.key"
cert "/C=ID/O=CONTOH Badan Siber dan Sandi Negara (sampel)/CN=CONTOH BSRE CA DS G1" "$WORK/ca.key" "$OUT/root.pem" "$WORK/root.key" v3_ca \
  20240101000000Z 20441231235959Z "$OUT/ca.pem"
cat "$OUT/ca.pem" "$OUT/root.pem" >"$OUT/chain.pem"
openssl pkcs8 -topk8 -in "$WORK/root.key" -v2 aes-256-cbc -passout "pass:$PASS" -out "$OUT/root.key.pem"
openssl pkcs8 -topk8 -in "$WORK/ca.key" -v2 aes-256-cbc -passout "pass:$PASS" -out "$OUT/ca.key.pem"

key "$WORK/tsa.key"
cert "/C=ID/O=CONTOH Badan Siber dan Sandi Negara (sampel)/CN=CONTOH Timestamp Authority BSrE" "$WORK/tsa.key" "$OUT/ca.pem" "$WORK/ca.key" v3_tsa \
  20240101000000Z 20401231235959Z "$OUT/tsa.pem"
p12 "CONTOH TSA" "$OUT/tsa.pem" "$WORK/tsa.key" "$OUT/tsa.p12"

# People (fictional; CN = the plain name, no NIP) and the office seals. Two-year leaves.
# file stem | subject
while IFS='|' read -r stem subj; do
  [ -n "$stem" ] || continue
  key "$WORK/$stem.key"
  cert "$subj" "$WORK/$stem.key" "$OUT/ca.pem" "$WORK/ca.key" v3_person 20260101000000Z 20271231235959Z "$OUT/people/$stem.pem"
  p12 "$stem" "$OUT/people/$stem.pem" "$WORK/$stem.key" "$OUT/people/$stem.p12"
done <<'LIST'
bambang-setiadi|/C=ID/O=Pemerintah Kabupaten Lumajang/CN=Bambang Setiadi
sri-wahyuningsih|/C=ID/O=Pemerintah Kabupaten Lumajang/CN=Sri Wahyuningsih
hendra-wijaya-kusuma|/C=ID/O=Pemerintah Kota Probolinggo/CN=Hendra Wijaya Kusuma
seal-lumajang|/C=ID/O=Pemerintah Kabupaten Lumajang/OU=CONTOH Segel Elektronik/CN=Kecamatan Lumajang
LIST
echo "BSrE sample PKI written to $OUT"
