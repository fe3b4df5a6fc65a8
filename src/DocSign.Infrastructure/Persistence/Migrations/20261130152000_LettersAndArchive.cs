using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The outgoing-letter register (letters, office-year counters, per-office letter templates), archive copies, and
/// the data-protection key ring shared by every DocSign instance. Hand-written and provider-neutral like
/// <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261130152000_LettersAndArchive")]
public sealed class LettersAndArchive : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "LetterCounters",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Year = t.Column<int>(nullable: false),
                LastSequence = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LetterCounters", x => new { x.OfficeId, x.Year });
                t.ForeignKey("FK_LetterCounters_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "LetterTemplates",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                NumberPattern = t.Column<string>(maxLength: 200, nullable: false),
                UnitCode = t.Column<string>(maxLength: 64, nullable: false),
                DefaultClassification = t.Column<string>(maxLength: 32, nullable: false),
                InsertStyle = t.Column<string>(maxLength: 8, nullable: false),
                TimeZone = t.Column<string>(maxLength: 64, nullable: false),
                Place = t.Column<string>(maxLength: 100, nullable: false),
                Letterhead = t.Column<string>(maxLength: 1000, nullable: false),
                Addressee = t.Column<string>(maxLength: 500, nullable: false),
                Sifat = t.Column<string>(maxLength: 32, nullable: false),
                SenderAuthority = t.Column<string>(maxLength: 16, nullable: false),
                SenderTitle = t.Column<string>(maxLength: 300, nullable: false),
                SenderName = t.Column<string>(maxLength: 200, nullable: false),
                SenderNip = t.Column<string>(maxLength: 32, nullable: false),
                Signer = t.Column<string>(maxLength: 16, nullable: false),
                RetentionClass = t.Column<string>(maxLength: 200, nullable: false),
                RetentionYears = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LetterTemplates", x => x.OfficeId);
                t.ForeignKey("FK_LetterTemplates_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "Letters",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Year = t.Column<int>(nullable: false),
                Sequence = t.Column<int>(nullable: false),
                Insert = t.Column<int>(nullable: false),
                Number = t.Column<string>(maxLength: 128, nullable: false),
                LetterDate = t.Column<DateOnly>(nullable: false),
                Classification = t.Column<string>(maxLength: 32, nullable: false),
                Subject = t.Column<string>(maxLength: 500, nullable: false),
                Sifat = t.Column<string>(maxLength: 32, nullable: false),
                Addressee = t.Column<string>(maxLength: 300, nullable: false),
                Kind = t.Column<string>(maxLength: 32, nullable: false),
                DocumentId = t.Column<Guid>(nullable: true),
                IdempotencyKey = t.Column<string>(maxLength: 128, nullable: true),
                InsertReason = t.Column<string>(maxLength: 500, nullable: true),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                ReservedBy = t.Column<string>(maxLength: 256, nullable: false),
                ReservedAt = t.Column<DateTimeOffset>(nullable: false),
                IssuedBy = t.Column<string>(maxLength: 256, nullable: true),
                IssuedAt = t.Column<DateTimeOffset>(nullable: true),
                ObjectKey = t.Column<string>(maxLength: 512, nullable: true),
                Sha256 = t.Column<string>(maxLength: 64, nullable: true),
                Size = t.Column<long>(nullable: true),
                Recipient = t.Column<string>(maxLength: 300, nullable: true),
                Channel = t.Column<string>(maxLength: 16, nullable: true),
                DispatchedBy = t.Column<string>(maxLength: 256, nullable: true),
                DispatchedAt = t.Column<DateTimeOffset>(nullable: true),
                ReceiptKey = t.Column<string>(maxLength: 512, nullable: true),
                ReceiptSha256 = t.Column<string>(maxLength: 64, nullable: true),
                ReceiptContentType = t.Column<string>(maxLength: 64, nullable: true),
                ReceiptBy = t.Column<string>(maxLength: 256, nullable: true),
                ReceiptAt = t.Column<DateTimeOffset>(nullable: true),
                VoidReason = t.Column<string>(maxLength: 500, nullable: true),
                VoidedBy = t.Column<string>(maxLength: 256, nullable: true),
                VoidedAt = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Letters", x => x.Id);
                t.ForeignKey("FK_Letters_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_Letters_OfficeId_Year_Sequence_Insert", "Letters", ["OfficeId", "Year", "Sequence", "Insert"], unique: true);
        b.CreateIndex("IX_Letters_OfficeId_IdempotencyKey", "Letters", ["OfficeId", "IdempotencyKey"], unique: true);
        b.CreateIndex("IX_Letters_DocumentId", "Letters", "DocumentId");

        b.CreateTable(
            name: "ArchiveCopies",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                DocumentId = t.Column<Guid>(nullable: false),
                LetterId = t.Column<Guid>(nullable: true),
                Role = t.Column<string>(maxLength: 32, nullable: false),
                Key = t.Column<string>(maxLength: 512, nullable: false),
                Sha256 = t.Column<string>(maxLength: 64, nullable: false),
                Size = t.Column<long>(nullable: false),
                Verdict = t.Column<string>(maxLength: 16, nullable: false),
                RetentionClass = t.Column<string>(maxLength: 200, nullable: false),
                RetainUntil = t.Column<DateOnly>(nullable: false),
                ArchivedAt = t.Column<DateTimeOffset>(nullable: false),
                TimestampExpiry = t.Column<DateTimeOffset>(nullable: true),
                WeakAlgorithm = t.Column<bool>(nullable: false),
                SupersededById = t.Column<Guid>(nullable: true),
                RenewedFromId = t.Column<Guid>(nullable: true),
                IntegrityStatus = t.Column<string>(maxLength: 16, nullable: false),
                IntegrityCheckedAt = t.Column<DateTimeOffset>(nullable: true),
                IntegrityDetail = t.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ArchiveCopies", x => x.Id);
                t.ForeignKey("FK_ArchiveCopies_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_ArchiveCopies_Key", "ArchiveCopies", "Key", unique: true);
        b.CreateIndex("IX_ArchiveCopies_DocumentId", "ArchiveCopies", "DocumentId");
        b.CreateIndex("IX_ArchiveCopies_OfficeId", "ArchiveCopies", "OfficeId");
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("ArchiveCopies");
        b.DropTable("Letters");
        b.DropTable("LetterTemplates");
        b.DropTable("LetterCounters");
    }
}
