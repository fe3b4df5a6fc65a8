using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Crypto;

/// <summary>How the signing-certificate(-v2) attribute relates to the certificate that verified.</summary>
internal enum CertBinding { Bound, Missing, Mismatch, Unreadable }

/// <summary>Facts established about one SignerInfo; judgements are drawn from them elsewhere.</summary>
internal sealed class CmsCheck
{
    public CmsSignerInfo? SignerInfo { get; set; }
    public X509Certificate2? SignerCertificate { get; set; }
    public HashAlgorithmName? DigestAlgorithm { get; set; }
    public string? SignatureAlgorithmName { get; set; }
    /// <summary>The digest the CMS claims (message-digest attribute) equals the one computed.</summary>
    public bool DigestMatches { get; set; }
    public bool SignatureValid { get; set; }
    public CertBinding Binding { get; set; } = CertBinding.Missing;
    /// <summary>The signature is directly over the content (no signed attributes, as adbe.pkcs7.detached allows).</summary>
    public bool NoSignedAttributes { get; set; }
    /// <summary>An algorithm DocSign cannot check (so the result is INDETERMINATE, not FAILED).</summary>
    public bool UnsupportedAlgorithm { get; set; }
    /// <summary>The signed attributes break the CMS rules (content-type, message-digest): TOTAL_FAILED FORMAT_FAILURE.</summary>
    public bool FormatProblem { get; set; }
    /// <summary>SHA-1 or a short key: checked, but too weak to pass.</summary>
    public bool WeakAlgorithm { get; set; }
    public List<string> Problems { get; } = new();
    /// <summary>The problems (also in <see cref="Problems"/>) that say why the algorithm is weak: reported under <see cref="MessageKey.WeakAlgorithm"/>.</summary>
    public List<string> WeakAlgorithmProblems { get; } = new();

    /// <summary>Records a weak-algorithm problem: in <see cref="Problems"/> and <see cref="WeakAlgorithmProblems"/>.</summary>
    public void Weak(string problem)
    {
        WeakAlgorithm = true;
        Problems.Add(problem);
        WeakAlgorithmProblems.Add(problem);
    }
}

/// <summary>
/// Verifies a SignerInfo against a digest of the signed content computed by the caller (streamed over the
/// /ByteRange for PDF signatures, over eContent for timestamp tokens). Never throws for bad input.
/// </summary>
internal static class CmsVerifier
{
    public static CmsCheck Verify(CmsSignedData cms, Func<HashAlgorithmName, byte[]> contentDigest,
        IEnumerable<X509Certificate2> extraCertificates)
    {
        var check = new CmsCheck();
        if (cms.SignerInfos.Count != 1)
        {
            check.Problems.Add(cms.SignerInfos.Count == 0 ? "CMS tidak memuat SignerInfo" : $"CMS memuat {cms.SignerInfos.Count} SignerInfo (harus tepat satu)");
            if (cms.SignerInfos.Count == 0) return check;
        }
        var si = cms.SignerInfos[0];
        check.SignerInfo = si;
        var digest = Oids.Digest(si.DigestAlgorithmOid);
        if (digest is null)
        {
            check.UnsupportedAlgorithm = true;
            check.Problems.Add($"algoritma hash tidak didukung ({si.DigestAlgorithmOid})");
            return check;
        }
        check.DigestAlgorithm = digest;
        if (digest == HashAlgorithmName.SHA1) check.WeakAlgorithm = true;

        var candidates = new List<X509Certificate2>();
        foreach (var raw in cms.Certificates)
        {
            try { candidates.Add(CertificateCache.Load(raw)); }
            catch (CryptographicException) { check.Problems.Add("sertifikat dalam CMS tidak dapat dibaca"); }
        }
        candidates.AddRange(extraCertificates);
        check.SignerCertificate = candidates.FirstOrDefault(si.Names);
        if (check.SignerCertificate is null)
        {
            check.Problems.Add("sertifikat penanda tangan tidak ditemukan dalam CMS");
            return check;
        }

        byte[] computed;
        try { computed = contentDigest(digest.Value); }
        catch (CryptographicException e) { check.UnsupportedAlgorithm = true; check.Problems.Add("hash tidak dapat dihitung: " + e.Message); return check; }

        byte[] toVerifyHashInput;
        HashAlgorithmName sigHash = digest.Value;
        var (family, impliedHash) = Oids.Signature(si.SignatureAlgorithmOid);
        if (impliedHash is { } ih) sigHash = ih;
        if (sigHash == HashAlgorithmName.SHA1) check.WeakAlgorithm = true;

        if (si.SignedAttributesForSignature is { } signedAttrs)
        {
            // RFC 5652 §5.3/§11: exactly one content-type and one message-digest, each with one value, and the
            // content-type equal to eContentType. A second message-digest would let one signature stand for two
            // documents, depending on which value a verifier reads.
            foreach (var oid in new[] { Oids.ContentType, Oids.MessageDigest })
            {
                var all = si.SignedAttributes.Where(a => a.Oid == oid).ToList();
                if (all.Count > 1 || all.Any(a => a.Values.Count != 1))
                {
                    check.FormatProblem = true;
                    check.Problems.Add($"atribut {(oid == Oids.ContentType ? "content-type" : "message-digest")} muncul lebih dari sekali atau dengan lebih dari satu nilai");
                }
            }
            var ctAttr = si.Signed(Oids.ContentType);
            string? ctValue = null;
            try { if (ctAttr is { Values.Count: 1 }) ctValue = new AsnReader(ctAttr.Values[0], AsnEncodingRules.BER).ReadObjectIdentifier(); }
            catch (AsnContentException) { }
            if (ctAttr is null) { check.FormatProblem = true; check.Problems.Add("atribut content-type tidak ada"); }
            else if (ctValue != cms.EncapsulatedContentType)
            {
                check.FormatProblem = true;
                check.Problems.Add($"atribut content-type ({ctValue ?? "rusak"}) tidak sama dengan jenis isi CMS ({cms.EncapsulatedContentType})");
            }
            var md = si.Signed(Oids.MessageDigest);
            if (md is null || md.Values.Count != 1)
            {
                check.FormatProblem = true;
                check.Problems.Add("atribut message-digest tidak ada");
                return check;
            }
            byte[] claimed;
            try { claimed = new AsnReader(md.Values[0], AsnEncodingRules.BER).ReadOctetString(); }
            catch (AsnContentException) { check.Problems.Add("atribut message-digest rusak"); return check; }
            check.DigestMatches = CryptographicOperations.FixedTimeEquals(claimed, computed);
            if (!check.DigestMatches) check.Problems.Add("hash dokumen tidak cocok dengan message-digest dalam tanda tangan");
            toVerifyHashInput = signedAttrs;
            try
            {
                var h = HashBytes(sigHash, signedAttrs);
                check.SignatureValid = VerifyHash(check, si, family, sigHash, h);
            }
            catch (CryptographicException e) { check.UnsupportedAlgorithm = true; check.Problems.Add("algoritma tanda tangan tidak didukung: " + e.Message); }
        }
        else
        {
            // No signed attributes: the signature is directly over the content.
            check.NoSignedAttributes = true;
            check.DigestMatches = true;
            try
            {
                var h = sigHash == digest.Value ? computed : contentDigest(sigHash);
                check.SignatureValid = VerifyHash(check, si, family, sigHash, h);
                if (!check.SignatureValid) check.DigestMatches = false;
            }
            catch (CryptographicException e) { check.UnsupportedAlgorithm = true; check.Problems.Add("algoritma tanda tangan tidak didukung: " + e.Message); }
        }
        if (!check.SignatureValid && check.DigestMatches && !check.UnsupportedAlgorithm)
            check.Problems.Add("nilai tanda tangan tidak cocok dengan kunci publik penanda tangan");
        check.Binding = CheckBinding(si, check.SignerCertificate, check);
        return check;
    }

    private static byte[] HashBytes(HashAlgorithmName h, byte[] data)
    {
        using var ih = IncrementalHash.CreateHash(h);
        ih.AppendData(data);
        return ih.GetHashAndReset();
    }

    private static bool VerifyHash(CmsCheck check, CmsSignerInfo si, Oids.KeyFamily family, HashAlgorithmName hash, byte[] h)
    {
        var cert = check.SignerCertificate!;
        switch (family)
        {
            case Oids.KeyFamily.Rsa:
            case Oids.KeyFamily.RsaPss:
            {
                var rsa = CertificateCache.Rsa(cert);
                if (rsa is null) { check.Problems.Add("kunci sertifikat bukan RSA"); return false; }
                if (rsa.KeySize < CryptoPolicy.MinRsaBits)
                {
                    check.Weak($"kunci RSA {rsa.KeySize} bit di bawah batas kebijakan ({CryptoPolicy.MinRsaBits} bit)");
                }
                if (family == Oids.KeyFamily.RsaPss)
                {
                    // Verified with the parameters the signature states (hash, MGF1 hash, salt length, trailer).
                    var pss = PssParameters.Read(si.SignatureAlgorithmParameters);
                    if (pss is null) { check.UnsupportedAlgorithm = true; check.Problems.Add("parameter RSASSA-PSS tidak didukung"); return false; }
                    if (!CryptoPolicy.AcceptsDigest(pss.Hash)) check.WeakAlgorithm = true;
                    if (pss.Hash != hash)
                    {
                        hash = pss.Hash;
                        h = HashBytes(hash, si.SignedAttributesForSignature ?? throw new CryptographicException("PSS tanpa atribut"));
                    }
                    check.SignatureAlgorithmName = $"RSA-PSS-{hash.Name}";
                    return RsaPss.VerifyHash(rsa, h, si.Signature, pss);
                }
                check.SignatureAlgorithmName = $"RSA-PKCS1-{hash.Name}";
                return rsa.VerifyHash(h, si.Signature, hash, RSASignaturePadding.Pkcs1);
            }
            case Oids.KeyFamily.Ecdsa:
            {
                var ec = CertificateCache.Ecdsa(cert);
                if (ec is null) { check.Problems.Add("kunci sertifikat bukan ECDSA"); return false; }
                if (!CryptoPolicy.AcceptsCurve(ec, out var curve))
                {
                    check.Weak($"kurva ECDSA {curve} ({ec.KeySize} bit) tidak diterima kebijakan kriptografi");
                }
                check.SignatureAlgorithmName = $"ECDSA-{hash.Name}";
                return ec.VerifyHash(h, si.Signature, DSASignatureFormat.Rfc3279DerSequence);
            }
            default:
                check.UnsupportedAlgorithm = true;
                check.Problems.Add($"algoritma tanda tangan tidak didukung ({si.SignatureAlgorithmOid})");
                return false;
        }
    }

    /// <summary>
    /// ESS signing-certificate(-v2): the signed reference to the signer's certificate, which stops a
    /// substitution of another certificate with the same key.
    /// </summary>
    private static CertBinding CheckBinding(CmsSignerInfo si, X509Certificate2 cert, CmsCheck check)
    {
        var v2 = si.Signed(Oids.SigningCertificateV2);
        var v1 = si.Signed(Oids.SigningCertificate);
        if (v2 is null && v1 is null) return CertBinding.Missing;
        try
        {
            var attr = v2 ?? v1!;
            var seq = new AsnReader(attr.Values[0], AsnEncodingRules.BER).ReadSequence();
            var certs = seq.ReadSequence();
            var first = certs.ReadSequence();
            HashAlgorithmName h = HashAlgorithmName.SHA1;
            if (v2 is not null)
            {
                h = HashAlgorithmName.SHA256;
                if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    var oid = CmsSignedData.ReadAlgorithm(first, out _);
                    h = Oids.Digest(oid) ?? throw new CryptographicException("hash ESSCertIDv2 tidak didukung");
                }
            }
            var certHash = first.ReadOctetString();
            var actual = HashBytes(h, cert.RawData);
            if (!certHash.AsSpan().SequenceEqual(actual))
            {
                check.Problems.Add("atribut signing-certificate tidak merujuk sertifikat penanda tangan");
                return CertBinding.Mismatch;
            }
            if (first.HasData)
            {
                var issuerSerial = first.ReadSequence();
                issuerSerial.ReadSequence(); // GeneralNames
                var serial = issuerSerial.ReadIntegerBytes();
                if (!Asn1Util.SameInteger(serial.Span, cert.SerialNumberBytes.Span))
                {
                    check.Problems.Add("nomor seri dalam signing-certificate tidak cocok");
                    return CertBinding.Mismatch;
                }
            }
            return CertBinding.Bound;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            check.Problems.Add("atribut signing-certificate rusak");
            return CertBinding.Unreadable;
        }
    }
}
