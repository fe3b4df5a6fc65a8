using DocSign.Core.Signing;

namespace DocSign.Web.Api;

internal sealed record BoxDto(int Page, double X, double Y, double Width, double Height)
{
    public static BoxDto? From(StampPlacement? b) => b is null ? null : new(b.Page, b.X, b.Y, b.Width, b.Height);
}

internal sealed record SignerDto(string Name, string? Nip, string? NipFormatted, string Jabatan, string Authority, string? DecreeNumber, DateOnly? PeriodFrom, DateOnly? PeriodTo);

internal sealed record SignatureDto(
    string PublicId, string PublicUrl, string Kind, int VersionNumber, int SourceVersionNumber, SignerDto Signer, string Level,
    DateTimeOffset SignedAt, DateTimeOffset? TimestampAt, string Sha256, long Size, string CertificateIssuer, string FieldName, BoxDto? Box)
{
    public static SignatureDto From(SignatureRecord r, string publicBaseUrl) => new(
        r.PublicId, StampText.PublicUrl(publicBaseUrl, r.PublicId).AbsoluteUri, r.Kind.ToWire(), r.VersionNumber, r.SourceVersionNumber,
        new SignerDto(r.SignerName, r.Nip, r.Nip is null ? null : StampText.FormatNip(r.Nip), r.Jabatan, r.Authority.ToWire(), r.DecreeNumber, r.PeriodFrom, r.PeriodTo),
        r.Level.ToWire(), r.SignedAt, r.TimestampAt, r.Sha256, r.Size, r.CertificateIssuer, r.FieldName, BoxDto.From(r.Box));
}

internal sealed record CertificateDto(string Subject, string Issuer, string IssuerName, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

/// <summary>An enrolment as shown: never the PKCS#12 bytes.</summary>
internal sealed record EnrolmentDto(
    Guid Id, string UserId, string Office, string Purpose, string SignerName, string? Nip, string Jabatan, string Authority,
    string? DecreeNumber, DateOnly? PeriodFrom, DateOnly? PeriodTo, CertificateDto Certificate, string EnrolledBy, DateTimeOffset EnrolledAt)
{
    public static EnrolmentDto From(SignerEnrolment e) => new(
        e.Id, e.UserId, e.OfficeId, e.Purpose.ToWire(), e.SignerName, e.Nip, e.Jabatan, e.Authority.ToWire(), e.DecreeNumber, e.PeriodFrom, e.PeriodTo,
        new CertificateDto(e.CertificateSubject, e.CertificateIssuer, e.IssuerName, e.CertificateSerial, e.NotBefore, e.NotAfter), e.EnrolledBy, e.EnrolledAt);
}

internal sealed record SigningContextDto(
    string Kind, VersionDto? PendingVersion, int? PageCount, BoxDto? DefaultBox, double? LastPageWidth, double? LastPageHeight,
    EnrolmentDto? Enrolment, string Level, bool ParafRequired, int? RetryAfterSeconds, int FreeAttemptsLeft, string? Blocked,
    IReadOnlyList<SignatureDto> Signatures);

internal sealed record PublicVerificationDto(
    string PublicId, string Office, string OfficeName, string DocumentTitle, int DocumentYear, string DocumentKind, int VersionNumber,
    string Kind, SignerDto Signer, string CertificateIssuer, DateTimeOffset SignedAt, DateTimeOffset? TimestampAt, string Level,
    string Sha256, long Size, string Verdict, string? Indication, string? SubIndication, DateTimeOffset CheckedAt, IReadOnlyList<string> Messages)
{
    public static PublicVerificationDto From(PublicVerification p) => new(
        p.PublicId, p.OfficeId, p.OfficeName, p.DocumentTitle, p.DocumentYear, p.DocumentKind, p.VersionNumber, p.Kind.ToWire(),
        new SignerDto(p.SignerName, p.Nip, p.Nip is null ? null : StampText.FormatNip(p.Nip), p.Jabatan, p.Authority.ToWire(), p.DecreeNumber, p.PeriodFrom, p.PeriodTo),
        p.CertificateIssuer, p.SignedAt, p.TimestampAt, p.Level.ToWire(), p.Sha256, p.Size, p.Verdict, p.Indication, p.SubIndication, p.CheckedAt, p.Messages);
}

internal sealed record CompareDto(string Relation, string Message, string UploadSha256, long UploadSize, string SignedSha256, long SignedSize, string? Verdict)
{
    public static CompareDto From(CopyComparison c) => new(c.Relation switch
    {
        CopyRelation.Identical => "identical",
        CopyRelation.LaterRevision => "later-revision",
        CopyRelation.EarlierRevision => "earlier-revision",
        _ => "different",
    }, c.Message, c.UploadSha256, c.UploadSize, c.SignedSha256, c.SignedSize, c.Verdict);
}

internal sealed record SigningSettingsDto(string Office, string Level, bool LevelIsDefault, bool ParafRequired, bool TimestampingAvailable)
{
    public static SigningSettingsDto From(SigningSettings s) => new(s.OfficeId, s.Level.ToWire(), s.LevelIsDefault, s.ParafRequired, s.TimestampingAvailable);
}
