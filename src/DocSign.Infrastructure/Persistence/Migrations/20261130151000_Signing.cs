using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Signing: enrolled signer keys (PKCS#12 as uploaded, never a passphrase), the record of every signature DocSign
/// made with its public id, and each office's signing policy. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261130151000_Signing")]
public sealed class Signing : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "SignerEnrolments",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                UserId = t.Column<string>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Purpose = t.Column<string>(maxLength: 16, nullable: false),
                Pkcs12 = t.Column<byte[]>(nullable: false),
                CertificateSubject = t.Column<string>(maxLength: 1000, nullable: false),
                CertificateIssuer = t.Column<string>(maxLength: 1000, nullable: false),
                IssuerName = t.Column<string>(maxLength: 300, nullable: false),
                CertificateSerial = t.Column<string>(maxLength: 128, nullable: false),
                NotBefore = t.Column<DateTimeOffset>(nullable: false),
                NotAfter = t.Column<DateTimeOffset>(nullable: false),
                SignerName = t.Column<string>(maxLength: 300, nullable: false),
                Nip = t.Column<string>(maxLength: 32, nullable: true),
                Jabatan = t.Column<string>(maxLength: 200, nullable: false),
                Authority = t.Column<string>(maxLength: 16, nullable: false),
                DecreeNumber = t.Column<string>(maxLength: 200, nullable: true),
                PeriodFrom = t.Column<DateOnly>(nullable: true),
                PeriodTo = t.Column<DateOnly>(nullable: true),
                EnrolledBy = t.Column<string>(maxLength: 256, nullable: false),
                EnrolledAt = t.Column<DateTimeOffset>(nullable: false),
                RetiredAt = t.Column<DateTimeOffset>(nullable: true),
                FailedAttempts = t.Column<int>(nullable: false),
                LastFailureAt = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SignerEnrolments", x => x.Id);
                t.ForeignKey("FK_SignerEnrolments_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        b.CreateIndex("IX_SignerEnrolments_UserId_OfficeId_Purpose", "SignerEnrolments", ["UserId", "OfficeId", "Purpose"]);

        b.CreateTable(
            name: "SignatureRecords",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PublicId = t.Column<string>(maxLength: 32, nullable: false),
                DocumentId = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                VersionNumber = t.Column<int>(nullable: false),
                SourceVersionNumber = t.Column<int>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                EnrolmentId = t.Column<Guid>(nullable: false),
                SignerUserId = t.Column<string>(maxLength: 64, nullable: false),
                SignerName = t.Column<string>(maxLength: 300, nullable: false),
                Nip = t.Column<string>(maxLength: 32, nullable: true),
                Jabatan = t.Column<string>(maxLength: 500, nullable: false),
                Authority = t.Column<string>(maxLength: 16, nullable: false),
                DecreeNumber = t.Column<string>(maxLength: 200, nullable: true),
                PeriodFrom = t.Column<DateOnly>(nullable: true),
                PeriodTo = t.Column<DateOnly>(nullable: true),
                CertificateIssuer = t.Column<string>(maxLength: 300, nullable: false),
                CertificateSerial = t.Column<string>(maxLength: 128, nullable: false),
                Level = t.Column<string>(maxLength: 8, nullable: false),
                SignedAt = t.Column<DateTimeOffset>(nullable: false),
                TimestampAt = t.Column<DateTimeOffset>(nullable: true),
                Sha256 = t.Column<string>(maxLength: 64, nullable: false),
                Size = t.Column<long>(nullable: false),
                FieldName = t.Column<string>(maxLength: 128, nullable: false),
                Page = t.Column<int>(nullable: true),
                X = t.Column<double>(nullable: true),
                Y = t.Column<double>(nullable: true),
                Width = t.Column<double>(nullable: true),
                Height = t.Column<double>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SignatureRecords", x => x.Id);
                t.ForeignKey("FK_SignatureRecords_Documents_DocumentId", x => x.DocumentId, "Documents", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_SignatureRecords_PublicId", "SignatureRecords", "PublicId", unique: true);
        b.CreateIndex("IX_SignatureRecords_DocumentId_SourceVersionNumber_Kind", "SignatureRecords", ["DocumentId", "SourceVersionNumber", "Kind"], unique: true);

        b.CreateTable(
            name: "OfficeSigningPolicies",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Level = t.Column<string>(maxLength: 8, nullable: true),
                ParafRequired = t.Column<bool>(nullable: false),
                UpdatedBy = t.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OfficeSigningPolicies", x => x.OfficeId);
                t.ForeignKey("FK_OfficeSigningPolicies_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("OfficeSigningPolicies");
        b.DropTable("SignatureRecords");
        b.DropTable("SignerEnrolments");
    }
}
