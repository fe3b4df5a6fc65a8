using System.Text.Json;

namespace DocSign.Core.Verification;

/// <summary>
/// The one verifier every use case asks: the upload check, the stored-version check, the signing screen's check of
/// what it just signed, the public QR page and the archive. One trust (anchors, online policy, time limits, the
/// sample-PKI rule) stands behind it, so they all judge a file alike.
/// </summary>
public interface IPdfVerifier
{
    /// <param name="pdf">A seekable stream with the file.</param>
    /// <param name="fileName">Shown in reports only.</param>
    /// <param name="cancellationToken">The caller's abort token.</param>
    /// <exception cref="Problems.DocSignProblem">Invalid when the file cannot be read as a signed PDF.</exception>
    Task<VerificationResult> VerifyAsync(Stream pdf, string? fileName = null, CancellationToken cancellationToken = default);

    /// <summary>The same for an encrypted PDF opened with <paramref name="password"/> (user or owner; the empty user
    /// password is tried when null). The password is never logged, audited or stored.</summary>
    Task<VerificationResult> VerifyAsync(Stream pdf, string? fileName, string? password, CancellationToken cancellationToken);

    /// <summary>Verifies and renders the auditor's report (self-contained HTML, or PDF) of the same verification.</summary>
    Task<(VerificationResult Verification, VerificationReportFile Report)> ReportAsync(Stream pdf, string? fileName, VerificationReportFormat format,
        CancellationToken cancellationToken = default, string? password = null);

    /// <summary>
    /// The same report with its times written in an office's zone (<paramref name="time"/>) and its file name stamped in
    /// it, for people of that office. A verifier that cannot do so writes UTC.
    /// </summary>
    Task<(VerificationResult Verification, VerificationReportFile Report)> ReportAsync(Stream pdf, string? fileName, VerificationReportFormat format,
        Calendar.OfficeTime time, CancellationToken cancellationToken = default, string? password = null) =>
        ReportAsync(pdf, fileName, format, cancellationToken, password);
}

public enum VerificationReportFormat { Html, Pdf }

/// <summary>A rendered report: bytes, media type and a file name to offer.</summary>
public sealed record VerificationReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>What a verification found, in the contract's codes (VALID, TOTAL_PASSED, B-LTA, ...).</summary>
/// <param name="Verdict">VALID, INVALID or INDETERMINATE.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the verified bytes.</param>
/// <param name="Messages">Why the verdict is what it is (Bahasa Indonesia).</param>
/// <param name="Strength">The weakest algorithm and key among the signatures and timestamps.</param>
/// <param name="ProofExpiry">When the newest proof (a document timestamp, else the latest signature timestamp) stops proving: its TSA certificate's expiry.</param>
/// <param name="Report">The <c>docsign verify --json</c> object, handed out as is and never read back.</param>
public sealed record VerificationResult(
    string Verdict, string Sha256, long Size, int RevisionCount, DateTimeOffset VerifiedAt,
    IReadOnlyList<string> Messages, IReadOnlyList<VerifiedSignature> Signatures, IReadOnlyList<VerifiedSignature> DocumentTimestamps,
    AlgorithmStrength Strength, DateTimeOffset? ProofExpiry, JsonElement Report)
{
    public const string Valid = "VALID";
}

/// <summary>One signature (or document timestamp).</summary>
/// <param name="Jabatan">The position the certificate names (its title attribute), e.g. "Camat Kanigaran".</param>
/// <param name="Coverage">ENTIRE_FILE, ENTIRE_REVISION or PARTIAL.</param>
/// <param name="ModificationsAfter">NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS or OTHER.</param>
/// <param name="DisallowedModification">A change after this signature that DocSign does not allow.</param>
public sealed record VerifiedSignature(
    string Field, string Indication, string? SubIndication, string? Level,
    string? SignerName, string? Nip, string? Jabatan, string? Issuer,
    DateTimeOffset? ClaimedSigningTime, DateTimeOffset? TimestampTime, string Coverage,
    string ModificationsAfter, bool DisallowedModification, bool ChainTrusted, IReadOnlyList<string> Messages);

/// <summary>How strong the weakest link is.</summary>
/// <param name="WeakestDigest">The weakest digest algorithm used (e.g. SHA1, SHA256), null when none was read.</param>
/// <param name="SmallestRsaKeyBits">The shortest RSA key among signers and TSAs, null when none is RSA.</param>
/// <param name="Weak">The verifier's policy found a weak algorithm, or a digest is SHA-1/MD5, or an RSA key is shorter than <see cref="MinRsaKeyBits"/>.</param>
public sealed record AlgorithmStrength(string? WeakestDigest, int? SmallestRsaKeyBits, bool Weak)
{
    public const int MinRsaKeyBits = 2048;
}
