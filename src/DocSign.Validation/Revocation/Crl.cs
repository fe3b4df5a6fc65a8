using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;

namespace DocSign.Validation.Revocation;

/// <summary>
/// An X.509 CRL (RFC 5280 §5) read with AsnReader: .NET can build CRLs but not read them. Revoked serials are
/// kept as hex strings for lookup; the signature is checked against the issuing CA with <see cref="VerifySignature"/>.
/// </summary>
internal sealed class Crl
{
    public byte[] Tbs { get; private init; } = Array.Empty<byte>();
    public string SignatureAlgorithm { get; private init; } = "";
    public ReadOnlyMemory<byte>? SignatureParameters { get; private init; }
    public byte[] Signature { get; private init; } = Array.Empty<byte>();
    public byte[] Issuer { get; private init; } = Array.Empty<byte>();
    public DateTimeOffset ThisUpdate { get; private init; }
    public DateTimeOffset? NextUpdate { get; private init; }
    public Dictionary<string, DateTimeOffset> Revoked { get; } = new(StringComparer.Ordinal);

    /// <summary>CRLReason code of the entries that state one (reasonCode entry extension, RFC 5280 §5.3.1).</summary>
    public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
    public byte[] Encoded { get; private init; } = Array.Empty<byte>();

    /// <summary>Upper bound on entries read, so that a hostile CRL cannot exhaust memory.</summary>
    public const int MaxEntries = 1_000_000;

    public static Crl? TryParse(ReadOnlyMemory<byte> data, out string? error)
    {
        error = null;
        try
        {
            var outer = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
            var tbsRaw = outer.PeekEncodedValue().ToArray();
            var tbs = outer.ReadSequence();
            var alg = CmsSignedData.ReadAlgorithm(outer, out var prm);
            var sig = outer.ReadBitString(out _);
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger();
            CmsSignedData.ReadAlgorithm(tbs, out _);
            var issuer = tbs.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? next = null;
            if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
                next = ReadTime(tbs);
            var crl = new Crl
            {
                Tbs = tbsRaw, SignatureAlgorithm = alg, SignatureParameters = prm, Signature = sig, Issuer = issuer,
                ThisUpdate = thisUpdate, NextUpdate = next, Encoded = data.ToArray(),
            };
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var list = tbs.ReadSequence();
                while (list.HasData)
                {
                    if (crl.Revoked.Count >= MaxEntries) { error = "CRL terlalu besar"; return null; }
                    var e = list.ReadSequence();
                    var serial = Convert.ToHexString(Trim(e.ReadIntegerBytes().Span));
                    var when = ReadTime(e);
                    crl.Revoked[serial] = when;
                    if (e.HasData && e.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence) && RevocationReasons.FromExtensions(e.ReadSequence()) is { } why)
                        crl.Reasons[serial] = why;
                }
            }
            return crl;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException or InvalidOperationException)
        {
            error = "CRL rusak: " + e.Message;
            return null;
        }
    }

    private static DateTimeOffset ReadTime(AsnReader r) =>
        r.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? r.ReadUtcTime() : r.ReadGeneralizedTime();

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length - 1 && s[i] == 0) i++;
        return s[i..];
    }

    /// <summary>Whether this CRL is issued and signed by <paramref name="issuer"/>.</summary>
    public bool VerifySignature(X509Certificate2 issuer) =>
        issuer.SubjectName.RawData.AsSpan().SequenceEqual(Issuer)
        && RawSignature.Verify(issuer, SignatureAlgorithm, SignatureParameters, Tbs, Signature);

    /// <summary>The CRLReason code stated for <paramref name="cert"/>'s entry, or null.</summary>
    public int? ReasonOf(X509Certificate2 cert) =>
        Reasons.TryGetValue(Convert.ToHexString(Trim(cert.SerialNumberBytes.Span)), out var r) ? r : null;

    /// <summary>Revocation time of <paramref name="cert"/>, or null when it is not listed.</summary>
    public DateTimeOffset? RevocationOf(X509Certificate2 cert) =>
        Revoked.TryGetValue(Convert.ToHexString(Trim(cert.SerialNumberBytes.Span)), out var t) ? t : null;
}
