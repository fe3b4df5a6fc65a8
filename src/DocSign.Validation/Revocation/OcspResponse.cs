using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;

namespace DocSign.Validation.Revocation;

/// <summary>Status a revocation source gives for one certificate.</summary>
internal enum CertStatus { Good, Revoked, Unknown }

/// <summary>One SingleResponse of an OCSP response.</summary>
internal sealed record OcspSingle(string HashOid, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] Serial,
    CertStatus Status, DateTimeOffset? RevocationTime, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, int? RevocationReason = null);

/// <summary>
/// A parsed OCSP response (RFC 6960): status, the BasicOCSPResponse fields needed to verify it, and its
/// single responses. Parsing never trusts; <see cref="VerifySignature"/> and the CertID match do.
/// </summary>
internal sealed class OcspResponse
{
    public int ResponseStatus { get; private init; }
    public byte[] TbsResponseData { get; private init; } = Array.Empty<byte>();
    public string SignatureAlgorithm { get; private init; } = "";
    public ReadOnlyMemory<byte>? SignatureParameters { get; private init; }
    public byte[] Signature { get; private init; } = Array.Empty<byte>();
    public List<X509Certificate2> Certificates { get; } = new();
    public byte[]? ResponderName { get; private init; }
    public byte[]? ResponderKeyHash { get; private init; }
    public DateTimeOffset ProducedAt { get; private init; }
    public List<OcspSingle> Responses { get; } = new();
    public byte[]? Nonce { get; private init; }
    public byte[] Encoded { get; private init; } = Array.Empty<byte>();

    /// <summary>Parses a full OCSPResponse; null when it is not one (message in <paramref name="error"/>).</summary>
    public static OcspResponse? TryParse(ReadOnlyMemory<byte> data, out string? error)
    {
        error = null;
        try
        {
            var r = new AsnReader(data, AsnEncodingRules.BER);
            var seq = r.ReadSequence();
            var status = (int)seq.ReadEnumeratedValue<OcspStatus>();
            if (status != 0) return new OcspResponse { ResponseStatus = status, Encoded = data.ToArray() };
            var rb = seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            var type = rb.ReadObjectIdentifier();
            if (type != Oids.OcspBasic) { error = "jenis respons OCSP tidak dikenal"; return null; }
            return ParseBasic(rb.ReadOctetString(), data.ToArray());
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException or InvalidOperationException)
        {
            error = "respons OCSP rusak: " + e.Message;
            return null;
        }
    }

    private enum OcspStatus { Successful = 0, MalformedRequest = 1, InternalError = 2, TryLater = 3, SigRequired = 5, Unauthorized = 6 }

    /// <summary>Parses a BasicOCSPResponse (as found inside adbe-revocationInfoArchival or a full response).</summary>
    public static OcspResponse ParseBasic(byte[] basic, byte[] encoded)
    {
        var b = new AsnReader(basic, AsnEncodingRules.BER).ReadSequence();
        var tbsRaw = b.PeekEncodedValue().ToArray();
        var tbs = b.ReadSequence();
        var alg = CmsSignedData.ReadAlgorithm(b, out var prm);
        var sig = b.ReadBitString(out _);
        var certs = new List<X509Certificate2>();
        if (b.HasData)
        {
            var cs = b.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            while (cs.HasData) certs.Add(CertificateCache.Load(cs.ReadEncodedValue().Span));
        }
        var v0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        if (tbs.PeekTag().HasSameClassAndValue(v0)) tbs.ReadSequence(v0);
        byte[]? name = null, keyHash = null;
        var rid = tbs.PeekTag();
        if (rid.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            name = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)).ReadEncodedValue().ToArray();
        else
            keyHash = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)).ReadOctetString();
        var produced = tbs.ReadGeneralizedTime();
        var singles = new List<OcspSingle>();
        var list = tbs.ReadSequence();
        while (list.HasData)
        {
            var s = list.ReadSequence();
            var certId = s.ReadSequence();
            var hashOid = CmsSignedData.ReadAlgorithm(certId, out _);
            var nameHash = certId.ReadOctetString();
            var kh = certId.ReadOctetString();
            var serial = certId.ReadIntegerBytes().ToArray();
            var tag = s.PeekTag();
            CertStatus st;
            DateTimeOffset? revTime = null;
            int? reason = null;
            if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 0) { s.ReadEncodedValue(); st = CertStatus.Good; }
            else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
            {
                var ri = s.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true));
                revTime = ri.ReadGeneralizedTime();
                // RevokedInfo's optional revocationReason [0] EXPLICIT CRLReason (RFC 6960 §4.2.1)
                if (ri.HasData && ri.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    reason = RevocationReasons.Read(ri.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)));
                st = CertStatus.Revoked;
            }
            else { s.ReadEncodedValue(); st = CertStatus.Unknown; }
            var thisUpdate = s.ReadGeneralizedTime();
            DateTimeOffset? next = null;
            if (s.HasData && s.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                next = s.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadGeneralizedTime();
            singles.Add(new OcspSingle(hashOid, nameHash, kh, serial, st, revTime, thisUpdate, next, reason));
        }
        byte[]? nonce = null;
        var ext1 = new Asn1Tag(TagClass.ContextSpecific, 1, true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(ext1))
        {
            var exts = tbs.ReadSequence(ext1).ReadSequence();
            while (exts.HasData)
            {
                var e = exts.ReadSequence();
                var oid = e.ReadObjectIdentifier();
                if (e.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) e.ReadBoolean();
                var val = e.ReadOctetString();
                if (oid == Oids.OcspNonce) nonce = val;
            }
        }
        var resp = new OcspResponse
        {
            ResponseStatus = 0, TbsResponseData = tbsRaw, SignatureAlgorithm = alg, SignatureParameters = prm, Signature = sig,
            ResponderName = name, ResponderKeyHash = keyHash, ProducedAt = produced, Nonce = nonce, Encoded = encoded,
        };
        resp.Certificates.AddRange(certs);
        resp.Responses.AddRange(singles);
        return resp;
    }

    /// <summary>The single response for <paramref name="cert"/> issued by <paramref name="issuer"/>, by CertID.</summary>
    public OcspSingle? Find(X509Certificate2 cert, X509Certificate2 issuer)
    {
        foreach (var s in Responses)
        {
            var h = Oids.Digest(s.HashOid);
            if (h is null) continue;
            if (!Asn1Util.SameInteger(s.Serial, cert.SerialNumberBytes.Span)) continue;
            var nameHash = Hash(h.Value, issuer.SubjectName.RawData);
            var keyHash = Hash(h.Value, issuer.PublicKey.EncodedKeyValue.RawData);
            if (nameHash.AsSpan().SequenceEqual(s.IssuerNameHash) && keyHash.AsSpan().SequenceEqual(s.IssuerKeyHash)) return s;
        }
        return null;
    }

    /// <summary>
    /// Finds who signed the response and checks the signature: the issuing CA itself, or a responder whose
    /// certificate the CA issued with EKU id-kp-OCSPSigning. Returns the responder certificate or null.
    /// </summary>
    public X509Certificate2? VerifySignature(X509Certificate2 issuer, out string? problem)
    {
        problem = null;
        var candidates = new List<X509Certificate2> { issuer };
        candidates.AddRange(Certificates);
        foreach (var c in candidates)
        {
            if (!IsResponder(c)) continue;
            if (!RawSignature.Verify(c, SignatureAlgorithm, SignatureParameters, TbsResponseData, Signature)) continue;
            if (c.RawData.AsSpan().SequenceEqual(issuer.RawData)) return c;
            if (!RawSignature.Issued(issuer, c)) { problem = "penanggap OCSP tidak diterbitkan oleh CA sertifikat"; continue; }
            var eku = c.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null || !eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == Oids.EkuOcspSigning))
            {
                problem = "sertifikat penanggap OCSP tidak memiliki EKU OCSPSigning";
                continue;
            }
            return c;
        }
        problem ??= "tanda tangan respons OCSP tidak valid atau penanggap tidak dikenal";
        return null;
    }

    private bool IsResponder(X509Certificate2 c)
    {
        if (ResponderName is not null) return c.SubjectName.RawData.AsSpan().SequenceEqual(ResponderName);
        if (ResponderKeyHash is not null) return Hash(HashAlgorithmName.SHA1, c.PublicKey.EncodedKeyValue.RawData).AsSpan().SequenceEqual(ResponderKeyHash);
        return false;
    }

    internal static byte[] Hash(HashAlgorithmName h, byte[] data)
    {
        using var ih = IncrementalHash.CreateHash(h);
        ih.AppendData(data);
        return ih.GetHashAndReset();
    }

    /// <summary>Builds a DER OCSPRequest for one certificate (SHA-1 CertID, as responders universally accept) with a nonce.</summary>
    public static byte[] BuildRequest(X509Certificate2 cert, X509Certificate2 issuer, byte[] nonce)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence()) // tbsRequest
            {
                using (w.PushSequence()) // requestList
                using (w.PushSequence()) // Request
                using (w.PushSequence()) // CertID
                {
                    using (w.PushSequence()) { w.WriteObjectIdentifier(Oids.Sha1); w.WriteNull(); }
                    w.WriteOctetString(Hash(HashAlgorithmName.SHA1, issuer.SubjectName.RawData));
                    w.WriteOctetString(Hash(HashAlgorithmName.SHA1, issuer.PublicKey.EncodedKeyValue.RawData));
                    w.WriteInteger(cert.SerialNumberBytes.Span);
                }
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
                using (w.PushSequence())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(Oids.OcspNonce);
                    var inner = new AsnWriter(AsnEncodingRules.DER);
                    inner.WriteOctetString(nonce);
                    w.WriteOctetString(inner.Encode());
                }
            }
        }
        return w.Encode();
    }
}
