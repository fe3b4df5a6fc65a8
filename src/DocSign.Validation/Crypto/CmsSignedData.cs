using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Crypto;

/// <summary>An attribute of a SignerInfo: its type and the DER of each value.</summary>
internal sealed record CmsAttribute(string Oid, IReadOnlyList<ReadOnlyMemory<byte>> Values);

/// <summary>
/// One SignerInfo, kept close to the wire: the signature is checked over the exact signed-attribute bytes
/// that were stored, never over a re-encoding that could hide a difference.
/// </summary>
internal sealed class CmsSignerInfo
{
    public ReadOnlyMemory<byte>? SidIssuer { get; init; }
    public ReadOnlyMemory<byte>? SidSerial { get; init; }
    public ReadOnlyMemory<byte>? SidSubjectKeyId { get; init; }
    public required string DigestAlgorithmOid { get; init; }
    /// <summary>The signed attributes re-tagged as SET OF (0x31): the bytes the signature covers.</summary>
    public byte[]? SignedAttributesForSignature { get; init; }
    public IReadOnlyList<CmsAttribute> SignedAttributes { get; init; } = Array.Empty<CmsAttribute>();
    public required string SignatureAlgorithmOid { get; init; }
    public ReadOnlyMemory<byte>? SignatureAlgorithmParameters { get; init; }
    public required byte[] Signature { get; init; }
    public IReadOnlyList<CmsAttribute> UnsignedAttributes { get; init; } = Array.Empty<CmsAttribute>();

    public CmsAttribute? Signed(string oid) => SignedAttributes.FirstOrDefault(a => a.Oid == oid);
    public CmsAttribute? Unsigned(string oid) => UnsignedAttributes.FirstOrDefault(a => a.Oid == oid);

    /// <summary>Whether <paramref name="cert"/> is the one this SignerInfo names.</summary>
    public bool Names(X509Certificate2 cert)
    {
        if (SidSubjectKeyId is { } ski)
        {
            var ext = cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            return ext?.SubjectKeyIdentifierBytes.Span.SequenceEqual(ski.Span) == true;
        }
        if (SidIssuer is { } issuer && SidSerial is { } serial)
        {
            return cert.IssuerName.RawData.AsSpan().SequenceEqual(issuer.Span)
                && Asn1Util.SameInteger(cert.SerialNumberBytes.Span, serial.Span, cert);
        }
        return false;
    }
}

/// <summary>
/// A CMS SignedData (RFC 5652) read with System.Formats.Asn1 under BER rules, so that what other producers
/// wrote (indefinite lengths, trailing zero padding in /Contents) is read, while nothing is trusted.
/// </summary>
internal sealed class CmsSignedData
{
    public required string EncapsulatedContentType { get; init; }
    public byte[]? EncapsulatedContent { get; init; }
    public bool TrailingNonZeroBytes { get; init; }
    public int EncodedLength { get; init; }
    public List<byte[]> Certificates { get; } = new();
    public List<byte[]> Crls { get; } = new();
    public List<CmsSignerInfo> SignerInfos { get; } = new();

    /// <summary>Parses a ContentInfo holding SignedData. Throws <see cref="CmsFormatException"/> on any structural problem.</summary>
    public static CmsSignedData Decode(ReadOnlyMemory<byte> data)
    {
        try
        {
            return DecodeCore(data);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new CmsFormatException("struktur CMS rusak: " + e.Message, e);
        }
    }

    private static CmsSignedData DecodeCore(ReadOnlyMemory<byte> data)
    {
        if (data.Length == 0) throw new CmsFormatException("/Contents kosong");
        AsnDecoder.ReadEncodedValue(data.Span, AsnEncodingRules.BER, out _, out _, out var consumed);
        // Bytes after the ContentInfo are the padding of /Contents (zeros by convention). They lie in the
        // unsigned gap, so they cannot change what was signed; anything but zeros is still worth saying.
        var trailingNonZero = data.Span[consumed..].IndexOfAnyExcept((byte)0) >= 0;
        var contentInfo = new AsnReader(data[..consumed], AsnEncodingRules.BER).ReadSequence();
        var type = contentInfo.ReadObjectIdentifier();
        if (type != Oids.SignedData) throw new CmsFormatException($"ContentInfo bukan SignedData ({type})");
        var explicit0 = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
        var sd = explicit0.ReadSequence();
        sd.ReadInteger();
        sd.ReadSetOf(); // digestAlgorithms: informative only; each SignerInfo names its own.
        var encap = sd.ReadSequence();
        var eType = encap.ReadObjectIdentifier();
        byte[]? eContent = null;
        if (encap.HasData)
        {
            var e0 = encap.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            eContent = e0.ReadOctetString();
        }
        var result = new CmsSignedData { EncapsulatedContentType = eType, EncapsulatedContent = eContent, TrailingNonZeroBytes = trailingNonZero, EncodedLength = consumed };
        var certTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        var crlTag = new Asn1Tag(TagClass.ContextSpecific, 1, true);
        if (sd.HasData && sd.PeekTag().HasSameClassAndValue(certTag))
        {
            var certs = sd.ReadSetOf(true, certTag);
            while (certs.HasData)
            {
                var tag = certs.PeekTag();
                var enc = certs.ReadEncodedValue();
                if (tag.HasSameClassAndValue(Asn1Tag.Sequence)) result.Certificates.Add(enc.ToArray());
            }
        }
        if (sd.HasData && sd.PeekTag().HasSameClassAndValue(crlTag))
        {
            var crls = sd.ReadSetOf(true, crlTag);
            while (crls.HasData)
            {
                var tag = crls.PeekTag();
                var enc = crls.ReadEncodedValue();
                if (tag.HasSameClassAndValue(Asn1Tag.Sequence)) result.Crls.Add(enc.ToArray());
            }
        }
        var signers = sd.ReadSetOf(true);
        while (signers.HasData) result.SignerInfos.Add(ReadSignerInfo(signers.ReadSequence()));
        return result;
    }

    private static CmsSignerInfo ReadSignerInfo(AsnReader si)
    {
        si.ReadInteger();
        ReadOnlyMemory<byte>? issuer = null, serial = null, ski = null;
        var sidTag = si.PeekTag();
        if (sidTag.HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var ias = si.ReadSequence();
            issuer = ias.ReadEncodedValue();
            serial = ias.ReadIntegerBytes();
        }
        else if (sidTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            ski = si.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));
        }
        else throw new CmsFormatException("SignerIdentifier tidak dikenal");
        var digestAlg = ReadAlgorithm(si, out _);
        byte[]? signedForSig = null;
        var signedAttrs = new List<CmsAttribute>();
        var signedTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        if (si.PeekTag().HasSameClassAndValue(signedTag))
        {
            var raw = si.PeekEncodedValue();
            var bytes = raw.ToArray();
            bytes[0] = 0x31;
            signedForSig = bytes;
            var set = si.ReadSetOf(true, signedTag);
            ReadAttributes(set, signedAttrs);
        }
        var sigAlg = ReadAlgorithm(si, out var sigParams);
        var signature = si.ReadOctetString();
        var unsigned = new List<CmsAttribute>();
        var unsignedTag = new Asn1Tag(TagClass.ContextSpecific, 1, true);
        if (si.HasData && si.PeekTag().HasSameClassAndValue(unsignedTag))
        {
            ReadAttributes(si.ReadSetOf(true, unsignedTag), unsigned);
        }
        return new CmsSignerInfo
        {
            SidIssuer = issuer, SidSerial = serial, SidSubjectKeyId = ski,
            DigestAlgorithmOid = digestAlg, SignedAttributesForSignature = signedForSig, SignedAttributes = signedAttrs,
            SignatureAlgorithmOid = sigAlg, SignatureAlgorithmParameters = sigParams, Signature = signature,
            UnsignedAttributes = unsigned,
        };
    }

    private static void ReadAttributes(AsnReader set, List<CmsAttribute> into)
    {
        while (set.HasData)
        {
            var attr = set.ReadSequence();
            var oid = attr.ReadObjectIdentifier();
            var values = new List<ReadOnlyMemory<byte>>();
            var vs = attr.ReadSetOf(true);
            while (vs.HasData) values.Add(vs.ReadEncodedValue());
            into.Add(new CmsAttribute(oid, values));
        }
    }

    internal static string ReadAlgorithm(AsnReader r, out ReadOnlyMemory<byte>? parameters)
    {
        var alg = r.ReadSequence();
        var oid = alg.ReadObjectIdentifier();
        parameters = alg.HasData ? alg.ReadEncodedValue() : null;
        return oid;
    }
}

/// <summary>The CMS or one of its parts is not well formed.</summary>
public sealed class CmsFormatException : Exception
{
    /// <summary>Creates the exception with a message in Bahasa Indonesia.</summary>
    public CmsFormatException(string message, Exception? inner = null) : base(message, inner) { }
}

internal static class Asn1Util
{
    /// <summary>Compares two DER INTEGER contents as numbers (leading zero bytes ignored).</summary>
    public static bool SameInteger(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, X509Certificate2? _ = null)
    {
        static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
        {
            int i = 0;
            while (i < s.Length - 1 && s[i] == 0) i++;
            return s[i..];
        }
        return Trim(a).SequenceEqual(Trim(b));
    }
}
