using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Evidence;

/// <summary>The CMS of each signature and the RFC 3161 token of each document timestamp: parsed, digests registered, signatures checked.</summary>
internal static class CmsEvidence
{
    internal static EmbeddedRevocation Merge(EmbeddedRevocation a, EmbeddedRevocation b)
    {
        var m = new EmbeddedRevocation();
        m.Ocsps.AddRange(b.Ocsps); m.Ocsps.AddRange(a.Ocsps);
        m.Crls.AddRange(b.Crls); m.Crls.AddRange(a.Crls);
        m.Certificates.AddRange(a.Certificates); m.Certificates.AddRange(b.Certificates);
        return m;
    }

    internal static IEnumerable<X509Certificate2> Certs(CmsSignedData cms)
    {
        foreach (var raw in cms.Certificates)
        {
            X509Certificate2? c = null;
            try { c = CertificateCache.Load(raw); } catch (CryptographicException) { }
            if (c is not null) yield return c;
        }
    }

    internal static void Prepare(SignatureEvidence e, RangeHasher hasher)
    {
        var f = e.Field;
        try { e.Cms = CmsSignedData.Decode(f.Contents!); }
        catch (CmsFormatException ex) { e.Result.Messages.Add("isi /Contents bukan CMS yang sah: " + ex.Message); e.FormatOk = false; return; }
        if (e.Cms.TrailingNonZeroBytes) e.Result.Messages.Add("catatan: /Contents memuat data bukan nol setelah struktur CMS (di luar bagian yang ditandatangani)");
        var br = f.ByteRange!;
        var ranges = new[] { (br[0], br[1]), (br[2], br[3]) };
        HashAlgorithmName? alg = null;
        if (f.IsDocTimestamp)
        {
            if (e.Cms.EncapsulatedContent is { } ec && Rfc3161Info(ec) is { } info) alg = Oids.Digest(info.HashAlgorithmId.Value);
        }
        else if (f.SubFilter == "adbe.pkcs7.sha1") alg = HashAlgorithmName.SHA1;
        else if (e.Cms.SignerInfos.Count > 0) alg = Oids.Digest(e.Cms.SignerInfos[0].DigestAlgorithmOid);
        if (alg is null) return; // reported by the check that needs it
        e.RangeAlg = alg;
        e.RangeKey = hasher.Add(ranges, alg.Value);
    }

    private static System.Security.Cryptography.Pkcs.Rfc3161TimestampTokenInfo? Rfc3161Info(byte[] content) =>
        System.Security.Cryptography.Pkcs.Rfc3161TimestampTokenInfo.TryDecode(content, out var info, out _) ? info : null;

    internal static void CheckSignature(SignatureEvidence e, RangeHasher hasher, EmbeddedRevocation dss)
    {
        var cms = e.Cms!;
        var r = e.Result;
        if (cms.SignerInfos.Count == 0) { r.Messages.Add("CMS tidak memuat SignerInfo"); e.FormatOk = false; return; }
        byte[] RangeDigest(HashAlgorithmName h)
        {
            if (e.RangeAlg == h && e.RangeKey is not null) return hasher.Get(e.RangeKey)!;
            throw new CryptographicException("hash dengan algoritma berbeda dari digestAlgorithm");
        }
        Func<HashAlgorithmName, byte[]> contentDigest;
        if (e.Field.SubFilter == "adbe.pkcs7.sha1")
        {
            var content = cms.EncapsulatedContent;
            var sha1 = e.RangeKey is null ? null : hasher.Get(e.RangeKey);
            if (content is null || sha1 is null || !content.AsSpan().SequenceEqual(sha1))
            {
                e.CmsCheck = new CmsCheck { SignerInfo = cms.SignerInfos[0] };
                e.CmsCheck.Problems.Add("hash SHA-1 dokumen dalam CMS (adbe.pkcs7.sha1) tidak cocok");
                r.Messages.AddRange(e.CmsCheck.Problems);
                return;
            }
            contentDigest = h => OcspResponse.Hash(h, content);
        }
        else
        {
            if (cms.EncapsulatedContent is { Length: > 0 }) r.Messages.Add("CMS tidak terlepas (detached): memuat eContent");
            contentDigest = RangeDigest;
        }
        var check = CmsVerifier.Verify(cms, contentDigest, dss.Certificates);
        e.CmsCheck = check;
        r.Messages.AddRange(check.Problems);
        r.DigestAlgorithm = check.DigestAlgorithm?.Name;
        r.SignatureAlgorithm = check.SignatureAlgorithmName;
        if (check.SignerCertificate is { } cert) r.Signer = SignerDetails.From(cert);
        var si = check.SignerInfo;
        if (si is null) return;

        // adbe-revocationInfoArchival: revocation data the signer embedded in the signed attributes.
        if (si.Signed(Oids.AdbeRevocationInfoArchival) is { Values.Count: > 0 } rev) ReadRevocationArchival(rev.Values[0], e.CmsRevocation);
        foreach (var raw in cms.Crls) if (Crl.TryParse(raw, out _) is { } crl) e.CmsRevocation.Crls.Add((crl, "CMS"));

        // Signature timestamp over the signature value.
        var tsAttr = si.Unsigned(Oids.SignatureTimeStamp);
        if (tsAttr is { Values.Count: > 0 })
        {
            var sigValue = si.Signature;
            e.Timestamp = TimestampVerifier.Verify(tsAttr.Values[0], h => OcspResponse.Hash(h, sigValue), dss.Certificates);
            if (e.Timestamp.Time is { } t) r.TimestampTime = t;
            r.Messages.AddRange(e.Timestamp.Problems);
        }
    }

    private static void ReadRevocationArchival(ReadOnlyMemory<byte> value, EmbeddedRevocation into)
    {
        try
        {
            var seq = new AsnReader(value, AsnEncodingRules.BER).ReadSequence();
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                var inner = seq.ReadSequence(tag).ReadSequence();
                while (inner.HasData)
                {
                    var item = inner.ReadEncodedValue();
                    if (tag.TagValue == 0 && Crl.TryParse(item, out _) is { } crl) into.Crls.Add((crl, "CMS"));
                    else if (tag.TagValue == 1 && OcspResponse.TryParse(item, out _) is { } o) into.Ocsps.Add((o, "CMS"));
                }
            }
        }
        catch (AsnContentException) { }
    }

    internal static void CheckDocTimestamp(SignatureEvidence e, RangeHasher hasher, EmbeddedRevocation dss)
    {
        var key = e.RangeKey;
        e.Timestamp = TimestampVerifier.Verify(e.Field.Contents!, h =>
        {
            if (e.RangeAlg == h && key is not null) return hasher.Get(key)!;
            throw new CryptographicException("algoritma tidak cocok");
        }, dss.Certificates);
        e.CmsCheck = e.Timestamp.Cms;
        e.Result.Messages.AddRange(e.Timestamp.Problems);
        if (e.Timestamp.Time is { } t) e.Result.TimestampTime = t;
        if (e.Timestamp.TsaCertificate is { } tsa) { e.Result.Signer = SignerDetails.From(tsa); e.Result.TimestampAuthority = e.Result.Signer; }
        e.Result.DigestAlgorithm = e.RangeAlg?.Name;
        e.Result.SignatureAlgorithm = e.CmsCheck?.SignatureAlgorithmName;
        if (!e.Timestamp.Format) e.FormatOk = false;
    }
}
