#!/usr/bin/env bash
# Regenerates the sample PKI in certs-sample/ with openssl: fictional people only, test use only.
# Layout, names, NIP placement and the loopback service addresses are documented in
# certs-sample/README.md. Every PKCS#12 and every PEM private key uses the passphrase "sample".
# The generated files are committed so that tests and other helpers do not need to run this.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/certs-sample"
PASS=sample

# Fixed loopback addresses; scripts/pki-services.sh serves them.
CRL_BASE="http://127.0.0.1:18780/crl"
OCSP_URL="http://127.0.0.1:18781/ocsp"
CAISSUERS_BASE="http://127.0.0.1:18780/ca"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT/crl" "$OUT/ca"

# One openssl-ca database per issuing CA so that CRLs and the OCSP index come out of it.
export CADIR="$WORK"  # openssl reads it even for req; each openssl ca call sets its own
make_ca_db() { # name
  mkdir -p "$WORK/$1/newcerts"
  : >"$WORK/$1/index.txt"
  echo "unique_subject = no" >"$WORK/$1/index.txt.attr"
  # Random-looking but distinct serials per CA (first byte fixed so DER stays positive).
  printf '%s\n' "$(openssl rand -hex 8 | sed 's/^./1/')" >"$WORK/$1/serial"
  echo 1000 >"$WORK/$1/crlnumber"
}

cat >"$WORK/ca.cnf" <<EOF
[ ca ]
default_ca = this_ca
[ this_ca ]
dir = \$ENV::CADIR
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = policy_any
email_in_dn = no
copy_extensions = none
unique_subject = no
preserve = yes
[ policy_any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
title = optional
serialNumber = optional
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

[ v3_sub_ca ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$CRL_BASE/root-ca.crl
authorityInfoAccess = caIssuers;URI:$CAISSUERS_BASE/root-ca.cer

[ v3_signer ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.3.6.1.4.1.311.10.3.12
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$CRL_BASE/signing-ca.crl
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/signing-ca.cer
certificatePolicies = 2.16.360.1.1.1.99.1

[ v3_seal ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$CRL_BASE/signing-ca.crl
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/signing-ca.cer

[ v3_no_sign_usage ]
basicConstraints = critical, CA:false
keyUsage = critical, keyEncipherment, dataEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$CRL_BASE/signing-ca.crl
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/signing-ca.cer

[ v3_tsa ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$CRL_BASE/signing-ca.crl
authorityInfoAccess = OCSP;URI:$OCSP_URL, caIssuers;URI:$CAISSUERS_BASE/signing-ca.cer

[ v3_ocsp ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_untrusted_signer ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$CRL_BASE/untrusted-root-ca.crl
EOF

newkey() { # file
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null
}

# issue CA-NAME SUBJECT EXT START END OUTNAME : key + cert signed by CA-NAME (root/signing/untrusted)
issue() {
  local ca="$1" subj="$2" ext="$3" start="$4" end="$5" name="$6"
  newkey "$WORK/$name.key"
  openssl req -new -config "$WORK/ca.cnf" -key "$WORK/$name.key" -subj "$subj" -utf8 -out "$WORK/$name.csr"
  CADIR="$WORK/$ca" openssl ca -batch -config "$WORK/ca.cnf" -utf8 -notext \
    -cert "$WORK/$ca.crt" -keyfile "$WORK/$ca.key" \
    -extensions "$ext" -startdate "$start" -enddate "$end" \
    -in "$WORK/$name.csr" -out "$WORK/$name.crt" 2>/dev/null
}

selfsign_root() { # name subject
  make_ca_db "$1"
  newkey "$WORK/$1.key"
  openssl req -new -config "$WORK/ca.cnf" -key "$WORK/$1.key" -subj "$2" -utf8 -out "$WORK/$1.csr"
  CADIR="$WORK/$1" openssl ca -batch -selfsign -config "$WORK/ca.cnf" -utf8 -notext \
    -keyfile "$WORK/$1.key" -extensions v3_root \
    -startdate 240101000000Z -enddate 461231235959Z \
    -in "$WORK/$1.csr" -out "$WORK/$1.crt" 2>/dev/null
}

# p12 NAME OUTFILE CHAIN... : PKCS#12 with key, cert and its chain (AES-256 + PBKDF2, MAC SHA-256)
p12() {
  local name="$1" out="$2"; shift 2
  cat "$@" >"$WORK/$name.chain"
  openssl pkcs12 -export -inkey "$WORK/$name.key" -in "$WORK/$name.crt" -certfile "$WORK/$name.chain" \
    -name "$name" -passout "pass:$PASS" -out "$OUT/$out"
  openssl x509 -in "$WORK/$name.crt" -out "$OUT/${out%.p12}.pem"
}

ORG_PROB="/O=Pemerintah Kota Probolinggo"
ORG_LMJ="/O=Pemerintah Kabupaten Lumajang"

# --- trust anchor and issuing CA ---
selfsign_root root "/C=ID/O=DocSign Sample PKI (fiktif)/CN=DocSign Sample Root CA"
make_ca_db signing
newkey "$WORK/signing.key"
openssl req -new -config "$WORK/ca.cnf" -key "$WORK/signing.key" -utf8 \
  -subj "/C=ID/O=DocSign Sample PKI (fiktif)/CN=DocSign Sample Signing CA" -out "$WORK/signing.csr"
CADIR="$WORK/root" openssl ca -batch -config "$WORK/ca.cnf" -utf8 -notext -cert "$WORK/root.crt" -keyfile "$WORK/root.key" \
  -extensions v3_sub_ca -startdate 240101000000Z -enddate 461231235959Z \
  -in "$WORK/signing.csr" -out "$WORK/signing.crt" 2>/dev/null

# --- a separate root nobody trusts ---
selfsign_root untrusted "/C=ID/O=Untrusted Sample PKI (fiktif)/CN=Untrusted Sample Root CA"

START=250101000000Z
END=361231235959Z

# Signers: the NIP is in the subject's serialNumber as "NIP:<18 digits>" and also in the CN,
# BSrE-style "NAME / NIP"; title holds the jabatan, OU the office.
signer() { # name fullname nip jabatan office org ext start end
  issue signing "/C=ID$6/OU=Kecamatan $5/title=$4/serialNumber=NIP:$3/CN=$2 \/ NIP $3" "$7" "$8" "$9" "$1"
}
signer camat-kanigaran   "Hendra Wijaya Kusuma" 197403152001121003 "Camat Kanigaran"   Kanigaran "$ORG_PROB" v3_signer $START $END
signer camat-candipuro   "Sri Wahyuningsih"     197610222002122004 "Camat Candipuro"   Candipuro "$ORG_LMJ"  v3_signer $START $END
signer camat-lumajang    "Bambang Setiadi"      197108091998031006 "Camat Lumajang"    Lumajang  "$ORG_LMJ"  v3_signer $START $END
signer camat-pronojiwo   "Dewi Anggraini"       198002142005012008 "Camat Pronojiwo"   Pronojiwo "$ORG_LMJ"  v3_signer $START $END
signer sekcam-kanigaran  "Yoga Pratama Putra"   198305172008011002 "Sekretaris Camat Kanigaran" Kanigaran "$ORG_PROB" v3_signer $START $END
# Deliberate test variants (all Kanigaran staff, all fictional).
signer test-expired       "Andi Kurniawan"      197901012003121001 "Kasi Pemerintahan" Kanigaran "$ORG_PROB" v3_signer 240101000000Z 250101000000Z
signer test-not-yet-valid "Lestari Handayani"   198104042006042002 "Kasi Pelayanan"    Kanigaran "$ORG_PROB" v3_signer 350101000000Z 400101000000Z
signer test-no-sign-usage "Joko Prasetyo"       198207072009011003 "Kasubag Umum"      Kanigaran "$ORG_PROB" v3_no_sign_usage $START $END
signer test-revoked       "Fajar Nugroho"       198509092010011004 "Kasubbag Program"  Kanigaran "$ORG_PROB" v3_signer $START $END
issue untrusted "/C=ID/O=Untrusted Sample PKI (fiktif)/title=Camat Kanigaran/serialNumber=NIP:198812122012122005/CN=Rina Marlina \/ NIP 198812122012122005" \
  v3_untrusted_signer $START $END test-untrusted

for office in kanigaran candipuro lumajang pronojiwo; do
  Office="$(tr '[:lower:]' '[:upper:]' <<<"${office:0:1}")${office:1}"
  org="$ORG_LMJ"; [ "$office" = kanigaran ] && org="$ORG_PROB"
  issue signing "/C=ID$org/OU=Kecamatan $Office/CN=Segel Elektronik Kecamatan $Office" v3_seal $START $END "seal-$office"
done

issue signing "/C=ID/O=DocSign Sample PKI (fiktif)/CN=DocSign Sample TSA" v3_tsa $START $END tsa
issue signing "/C=ID/O=DocSign Sample PKI (fiktif)/CN=DocSign Sample OCSP Responder" v3_ocsp $START $END ocsp

# --- revocation: test-revoked is revoked (keyCompromise) on 2026-01-15 ---
CADIR="$WORK/signing" openssl ca -config "$WORK/ca.cnf" -cert "$WORK/signing.crt" -keyfile "$WORK/signing.key" \
  -revoke "$WORK/test-revoked.crt" -crl_reason keyCompromise 2>/dev/null
# openssl ca stamps the revocation with the current time; pin it so the index is reproducible in meaning.
sed -i -E 's/^R\t([0-9Z]+)\t[0-9]+Z,keyCompromise/R\t\1\t260115000000Z,keyCompromise/' "$WORK/signing/index.txt"

gencrl() { # ca name
  CADIR="$WORK/$1" openssl ca -gencrl -config "$WORK/ca.cnf" -cert "$WORK/$1.crt" -keyfile "$WORK/$1.key" \
    -crldays 3650 -out "$WORK/$2.crl.pem" 2>/dev/null
  openssl crl -in "$WORK/$2.crl.pem" -outform DER -out "$OUT/crl/$2.crl"
}
gencrl root root-ca
gencrl signing signing-ca
gencrl untrusted untrusted-root-ca

# --- outputs ---
openssl x509 -in "$WORK/root.crt" -out "$OUT/root-ca.pem"
openssl x509 -in "$WORK/signing.crt" -out "$OUT/signing-ca.pem"
openssl x509 -in "$WORK/untrusted.crt" -out "$OUT/untrusted-root-ca.pem"
openssl x509 -in "$WORK/root.crt" -outform DER -out "$OUT/ca/root-ca.cer"
openssl x509 -in "$WORK/signing.crt" -outform DER -out "$OUT/ca/signing-ca.cer"
cat "$OUT/signing-ca.pem" "$OUT/root-ca.pem" >"$OUT/chain.pem"

for n in camat-kanigaran camat-candipuro camat-lumajang camat-pronojiwo sekcam-kanigaran \
         seal-kanigaran seal-candipuro seal-lumajang seal-pronojiwo \
         test-expired test-not-yet-valid test-no-sign-usage test-revoked tsa ocsp; do
  p12 "$n" "$n.p12" "$WORK/signing.crt" "$WORK/root.crt"
done
p12 test-untrusted test-untrusted.p12 "$WORK/untrusted.crt"

# The services need PEM keys; they stay encrypted with the same passphrase.
for n in tsa ocsp; do
  openssl pkey -in "$WORK/$n.key" -aes256 -passout "pass:$PASS" -out "$OUT/$n.key.pem"
done
# The OCSP responder's view of the issuing CA's database (status of every serial it issued).
cp "$WORK/signing/index.txt" "$OUT/ca/signing-ca.index.txt"

# CA keys (encrypted) stay so that fixtures can re-issue CRLs or odd test certificates.
for n in root signing untrusted; do
  openssl pkey -in "$WORK/$n.key" -aes256 -passout "pass:$PASS" -out "$OUT/ca/$n-ca.key.pem"
done
echo "sample PKI written to $OUT"
