using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.BsreEmulator;

/// <summary>
/// The emulator's OCSP responder (RFC 6960) for the CONTOH BSrE CA and root: each answer is signed by the CA that
/// issued the certificate asked about (responder = CA), "good" for a certificate this PKI issued, "revoked" for one
/// listed in <see cref="Revoked"/>, "unknown" otherwise. Nonces are echoed.
/// </summary>
public sealed class EmulatorOcsp(EmulatorPki pki, TimeProvider clock)
{
    private static readonly Asn1Tag Ctx0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Ctx1 = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag Ctx2 = new(TagClass.ContextSpecific, 2);
    private const string NonceOid = "1.3.6.1.5.5.7.48.1.2";

    /// <summary>Serial numbers (upper-case hex) answered as revoked (keyCompromise).</summary>
    public HashSet<string> Revoked { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Respond(byte[] request)
    {
        List<(byte[] CertId, string HashOid, byte[] NameHash, byte[] KeyHash, string Serial)> asked = [];
        byte[]? nonce = null;
        try
        {
            var tbs = new AsnReader(request, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Ctx0)) tbs.ReadEncodedValue();
            if (tbs.PeekTag().HasSameClassAndValue(Ctx1)) tbs.ReadEncodedValue();
            var list = tbs.ReadSequence();
            while (list.HasData)
            {
                var one = list.ReadSequence();
                var certIdDer = one.ReadEncodedValue().ToArray();
                var id = new AsnReader(certIdDer, AsnEncodingRules.DER).ReadSequence();
                var alg = id.ReadSequence();
                var oid = alg.ReadObjectIdentifier();
                asked.Add((certIdDer, oid, id.ReadOctetString(), id.ReadOctetString(), Convert.ToHexString(id.ReadIntegerBytes().Span).TrimStart('0')));
            }
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Ctx2))
            {
                var exts = tbs.ReadSequence(Ctx2).ReadSequence();
                while (exts.HasData)
                {
                    var ext = exts.ReadSequence();
                    if (ext.ReadObjectIdentifier() == NonceOid)
                    {
                        if (ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) ext.ReadBoolean();
                        nonce = ext.ReadOctetString();
                    }
                }
            }
        }
        catch (AsnContentException) { return Status(1); } // malformedRequest
        if (asked.Count == 0) return Status(1);

        var issuer = asked.Select(a => IssuerOf(a.HashOid, a.NameHash, a.KeyHash)).FirstOrDefault(i => i is not null);
        if (issuer is null) return Status(6); // unauthorized: not a CA of this PKI
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));

        var tbsW = new AsnWriter(AsnEncodingRules.DER);
        using (tbsW.PushSequence())
        {
            using (tbsW.PushSequence(Ctx1)) tbsW.WriteEncodedValue(issuer.SubjectName.RawData);
            tbsW.WriteGeneralizedTime(now, omitFractionalSeconds: true);
            using (tbsW.PushSequence())
            {
                foreach (var a in asked)
                {
                    using (tbsW.PushSequence())
                    {
                        tbsW.WriteEncodedValue(a.CertId);
                        bool ours = IssuerOf(a.HashOid, a.NameHash, a.KeyHash) is { } i && ReferenceEquals(i, issuer);
                        var serial = a.Serial.Length == 0 ? "0" : a.Serial;
                        if (ours && Revoked.Contains(serial))
                        {
                            using (tbsW.PushSequence(Ctx1))
                            {
                                tbsW.WriteGeneralizedTime(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), omitFractionalSeconds: true);
                                using (tbsW.PushSequence(Ctx0)) tbsW.WriteEnumeratedValue(X509RevocationReason.KeyCompromise);
                            }
                        }
                        else if (ours && pki.Issued(issuer, serial)) tbsW.WriteNull(Ctx0);
                        else tbsW.WriteNull(Ctx2);
                        tbsW.WriteGeneralizedTime(now, omitFractionalSeconds: true);
                        using (tbsW.PushSequence(Ctx0)) tbsW.WriteGeneralizedTime(now.AddHours(12), omitFractionalSeconds: true);
                    }
                }
            }
            if (nonce is not null)
            {
                using (tbsW.PushSequence(Ctx1))
                using (tbsW.PushSequence())
                using (tbsW.PushSequence())
                {
                    tbsW.WriteObjectIdentifier(NonceOid);
                    tbsW.WriteOctetString(nonce); // the request's extnValue, echoed unchanged
                }
            }
        }
        var tbsDer = tbsW.Encode();
        using var key = issuer.GetRSAPrivateKey()!;
        var signature = key.SignData(tbsDer, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbsDer);
            using (basic.PushSequence()) { basic.WriteObjectIdentifier("1.2.840.113549.1.1.11"); basic.WriteNull(); }
            basic.WriteBitString(signature);
        }
        var resp = new AsnWriter(AsnEncodingRules.DER);
        using (resp.PushSequence())
        {
            resp.WriteEnumeratedValue(OcspStatus.Successful);
            using (resp.PushSequence(Ctx0))
            using (resp.PushSequence())
            {
                resp.WriteObjectIdentifier("1.3.6.1.5.5.7.48.1.1");
                resp.WriteOctetString(basic.Encode());
            }
        }
        return resp.Encode();
    }

    private X509Certificate2? IssuerOf(string hashOid, byte[] nameHash, byte[] keyHash)
    {
        foreach (var ca in new[] { pki.Ca, pki.Root })
        {
            var name = Hash(hashOid, ca.SubjectName.RawData);
            var key = Hash(hashOid, ca.PublicKey.EncodedKeyValue.RawData);
            if (name is not null && name.AsSpan().SequenceEqual(nameHash) && key!.AsSpan().SequenceEqual(keyHash)) return ca;
        }
        return null;
    }

    private static byte[]? Hash(string oid, byte[] data) => oid switch
    {
        "1.3.14.3.2.26" => SHA1.HashData(data),
        "2.16.840.1.101.3.4.2.1" => SHA256.HashData(data),
        "2.16.840.1.101.3.4.2.2" => SHA384.HashData(data),
        "2.16.840.1.101.3.4.2.3" => SHA512.HashData(data),
        _ => null,
    };

    private static byte[] Status(int status)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence()) w.WriteEnumeratedValue((OcspStatus)status);
        return w.Encode();
    }

    private enum OcspStatus { Successful = 0 }
}
