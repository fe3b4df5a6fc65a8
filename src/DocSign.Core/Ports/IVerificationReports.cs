namespace DocSign.Core.Ports;

/// <summary>
/// The verifier as the screens need it: a summary to show (verdict and each signature's facts) and the
/// auditor's report as a file. Implemented on DocSign.Validation with the same trust anchors and online
/// policy as <see cref="ISignedPdfVerifier"/>.
/// </summary>
public interface IVerificationReports
{
    /// <param name="pdf">A seekable stream with the file.</param>
    /// <param name="fileName">Shown in the report only.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <exception cref="Problems.DocSignProblem">Invalid when the file cannot be read as a PDF.</exception>
    Task<VerificationSummary> SummarizeAsync(Stream pdf, string? fileName, CancellationToken cancellationToken = default);

    /// <summary>Verifies and renders the auditor's report (self-contained HTML, or PDF).</summary>
    Task<VerificationReportFile> RenderReportAsync(Stream pdf, string? fileName, VerificationReportFormat format, CancellationToken cancellationToken = default);
}

public enum VerificationReportFormat { Html, Pdf }

/// <summary>A rendered report: bytes, media type and a file name to offer.</summary>
public sealed record VerificationReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>What a verification found, in the contract's codes (VALID, TOTAL_PASSED, B-LTA, ...).</summary>
/// <param name="Verdict">VALID, INVALID or INDETERMINATE.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the verified bytes.</param>
/// <param name="Messages">Why the verdict is what it is (Bahasa Indonesia).</param>
public sealed record VerificationSummary(
    string Verdict, string Sha256, long Size, int RevisionCount, DateTimeOffset VerifiedAt,
    IReadOnlyList<string> Messages, IReadOnlyList<SignatureSummary> Signatures, IReadOnlyList<SignatureSummary> DocumentTimestamps);

/// <summary>One signature (or document timestamp) as the screens show it.</summary>
/// <param name="Jabatan">The position the certificate names (its title attribute), e.g. "Camat Kanigaran".</param>
/// <param name="ModificationsAfter">NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS or OTHER.</param>
/// <param name="DisallowedModification">A change after this signature that DocSign does not allow.</param>
public sealed record SignatureSummary(
    string Field, string Indication, string? SubIndication, string? Level,
    string? SignerName, string? Nip, string? Jabatan, string? Issuer,
    DateTimeOffset? ClaimedSigningTime, DateTimeOffset? TimestampTime,
    string ModificationsAfter, bool DisallowedModification, bool ChainTrusted, IReadOnlyList<string> Messages);
