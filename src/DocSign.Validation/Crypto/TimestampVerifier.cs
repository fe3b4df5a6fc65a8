using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Crypto;

/// <summary>Facts about one RFC 3161 timestamp token.</summary>
internal sealed class TimestampCheck
{
    public CmsSignedData? Token { get; set; }
    public CmsCheck? Cms { get; set; }
    public Rfc3161TimestampTokenInfo? Info { get; set; }
    public DateTimeOffset? Time => Info?.Timestamp;
    /// <summary>The message imprint equals the hash of the data the token is meant to cover.</summary>
    public bool ImprintMatches { get; set; }
    public bool HasTimestampingEku { get; set; }
    /// <summary>The imprint or the token's own signature uses an algorithm the policy no longer accepts (SHA-1, a weak key):
    /// such a token proves nothing about when the data existed (a SHA-1 collision lets it stand for other data).</summary>
    public bool WeakAlgorithm { get; set; }
    public bool Format { get; set; } = true;
    public List<string> Problems { get; } = new();
    /// <summary>The problems (also in <see cref="Problems"/>) that say why an algorithm is weak: reported under <see cref="MessageKey.WeakAlgorithm"/>.</summary>
    public List<string> WeakAlgorithmProblems { get; } = new();

    /// <summary>Hash, signature and imprint all check out (chain and revocation are judged separately).</summary>
    public bool CryptoValid => Format && Cms is { DigestMatches: true, SignatureValid: true, FormatProblem: false } && ImprintMatches;
    public X509Certificate2? TsaCertificate => Cms?.SignerCertificate;
}

/// <summary>
/// Verifies RFC 3161 timestamp tokens: the token's own CMS (over TSTInfo), then that its message imprint is
/// the hash of what it claims to timestamp (the signature value for a signature timestamp, the byte range for
/// a document timestamp).
/// </summary>
internal static class TimestampVerifier
{
    /// <param name="token">The TimeStampToken (a ContentInfo).</param>
    /// <param name="imprintOf">Computes the hash of the covered data with the algorithm the token names.</param>
    /// <param name="extraCertificates">Certificates from the DSS that may include the TSA's.</param>
    public static TimestampCheck Verify(ReadOnlyMemory<byte> token, Func<HashAlgorithmName, byte[]> imprintOf,
        IEnumerable<X509Certificate2> extraCertificates)
    {
        var check = new TimestampCheck();
        CmsSignedData cms;
        try { cms = CmsSignedData.Decode(token); }
        catch (CmsFormatException e) { check.Format = false; check.Problems.Add("token stempel waktu rusak: " + e.Message); return check; }
        check.Token = cms;
        if (cms.EncapsulatedContentType != Oids.TstInfo || cms.EncapsulatedContent is null)
        {
            check.Format = false;
            check.Problems.Add("token stempel waktu tidak memuat TSTInfo");
            return check;
        }
        var content = cms.EncapsulatedContent;
        if (!Rfc3161TimestampTokenInfo.TryDecode(content, out var info, out _) || info is null)
        {
            check.Format = false;
            check.Problems.Add("TSTInfo tidak dapat dibaca");
            return check;
        }
        check.Info = info;
        check.Cms = CmsVerifier.Verify(cms, h =>
        {
            using var ih = IncrementalHash.CreateHash(h);
            ih.AppendData(content);
            return ih.GetHashAndReset();
        }, extraCertificates);
        check.Problems.AddRange(check.Cms.Problems.Select(p => "stempel waktu: " + p));
        check.WeakAlgorithmProblems.AddRange(check.Cms.WeakAlgorithmProblems.Select(p => "stempel waktu: " + p));

        var imprintAlg = Oids.Digest(info.HashAlgorithmId.Value);
        if (imprintAlg is null)
        {
            check.Problems.Add($"algoritma hash stempel waktu tidak didukung ({info.HashAlgorithmId.Value})");
        }
        else
        {
            if (!CryptoPolicy.AcceptsDigest(imprintAlg.Value))
            {
                check.WeakAlgorithm = true;
                var weak = $"stempel waktu memakai {imprintAlg.Value.Name} untuk message imprint: bukan bukti keberadaan";
                check.Problems.Add(weak);
                check.WeakAlgorithmProblems.Add(weak);
            }
            var expected = imprintOf(imprintAlg.Value);
            check.ImprintMatches = info.GetMessageHash().Span.SequenceEqual(expected);
            if (!check.ImprintMatches) check.Problems.Add("stempel waktu tidak mencakup data yang ditandatangani (message imprint berbeda)");
        }
        if (check.Cms.WeakAlgorithm) check.WeakAlgorithm = true;
        if (check.TsaCertificate is { } tsa)
        {
            var eku = tsa.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            check.HasTimestampingEku = eku is not null && eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == Oids.EkuTimeStamping);
            if (!check.HasTimestampingEku) check.Problems.Add("sertifikat TSA tidak memiliki EKU timeStamping");
        }
        return check;
    }
}
