using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The surat masuk register (one row per received letter, its optional scan in the object store, the document whose
/// SOP it started) and the disposisi written on each letter. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208061000_IncomingLetters")]
public sealed class IncomingLetters : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "IncomingLetters",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Number = t.Column<string>(maxLength: 100, nullable: false),
                LetterDate = t.Column<DateOnly>(nullable: false),
                Sender = t.Column<string>(maxLength: 200, nullable: false),
                Subject = t.Column<string>(maxLength: 500, nullable: false),
                ReceivedOn = t.Column<DateOnly>(nullable: false),
                Sifat = t.Column<string>(maxLength: 32, nullable: false),
                Urgency = t.Column<string>(maxLength: 32, nullable: false),
                RegisteredById = t.Column<string>(maxLength: 450, nullable: false),
                RegisteredBy = t.Column<string>(maxLength: 256, nullable: false),
                RegisteredAt = t.Column<DateTimeOffset>(nullable: false),
                ScanName = t.Column<string>(maxLength: 255, nullable: true),
                ScanKey = t.Column<string>(maxLength: 512, nullable: true),
                ScanSha256 = t.Column<string>(maxLength: 64, nullable: true),
                ScanSize = t.Column<long>(nullable: true),
                DocumentId = t.Column<Guid>(nullable: true),
                StartedBy = t.Column<string>(maxLength: 256, nullable: true),
                StartedAt = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_IncomingLetters", x => x.Id);
                t.ForeignKey("FK_IncomingLetters_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_IncomingLetters_Documents_DocumentId", x => x.DocumentId, "Documents", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_IncomingLetters_OfficeId_ReceivedOn", "IncomingLetters", ["OfficeId", "ReceivedOn"]);
        b.CreateIndex("IX_IncomingLetters_DocumentId", "IncomingLetters", "DocumentId", unique: true);

        b.CreateTable(
            name: "Dispositions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                LetterId = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                ToUser = t.Column<string>(maxLength: 256, nullable: true),
                ToRole = t.Column<string>(maxLength: 32, nullable: true),
                Instruction = t.Column<string>(maxLength: 1000, nullable: false),
                Deadline = t.Column<DateOnly>(nullable: true),
                By = t.Column<string>(maxLength: 256, nullable: false),
                At = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Dispositions", x => x.Id);
                t.ForeignKey("FK_Dispositions_IncomingLetters_LetterId", x => x.LetterId, "IncomingLetters", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_Dispositions_LetterId_Number", "Dispositions", ["LetterId", "Number"], unique: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("Dispositions");
        b.DropTable("IncomingLetters");
    }
}
