using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Naskah dinas layout and letter data (issue 21): sifat and urgency apart (old rows whose sifat was an urgency word
/// are moved over), the letter template's paper, kop contact lines, tembusan and emblem, and offices' local
/// classification codes. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208030000_LetterForm")]
public sealed class LetterForm : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("Urgency", "Letters", maxLength: 32, nullable: false, defaultValue: "Biasa");
        // The old single list mixed urgency into sifat: keep what the clerk meant, now in its own field.
        b.Sql("""UPDATE "Letters" SET "Urgency" = "Sifat", "Sifat" = 'Biasa' WHERE "Sifat" IN ('Segera', 'Sangat Segera')""");
        b.Sql("""UPDATE "Letters" SET "Urgency" = 'Segera', "Sifat" = 'Biasa' WHERE "Sifat" = 'Penting'""");
        b.Sql("""UPDATE "LetterTemplates" SET "Sifat" = 'Biasa' WHERE "Sifat" NOT IN ('Biasa', 'Terbatas', 'Rahasia', 'Sangat Rahasia')""");

        b.AddColumn<string>("PaperSize", "LetterTemplates", maxLength: 8, nullable: false, defaultValue: "A4");
        b.AddColumn<string>("Telephone", "LetterTemplates", maxLength: 100, nullable: false, defaultValue: "");
        b.AddColumn<string>("Website", "LetterTemplates", maxLength: 200, nullable: false, defaultValue: "");
        b.AddColumn<string>("CarbonCopies", "LetterTemplates", maxLength: 1000, nullable: false, defaultValue: "");
        b.AddColumn<string>("EmblemKey", "LetterTemplates", maxLength: 512, nullable: true);
        b.AddColumn<string>("EmblemSha256", "LetterTemplates", maxLength: 64, nullable: true);
        b.AddColumn<string>("EmblemContentType", "LetterTemplates", maxLength: 32, nullable: true);

        b.CreateTable(
            name: "LocalClassificationCodes",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Code = t.Column<string>(maxLength: 32, nullable: false),
                Title = t.Column<string>(maxLength: 300, nullable: false),
                AddedBy = t.Column<string>(maxLength: 256, nullable: false),
                AddedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LocalClassificationCodes", x => x.Id);
                t.ForeignKey("FK_LocalClassificationCodes_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_LocalClassificationCodes_OfficeId_Code", "LocalClassificationCodes", ["OfficeId", "Code"], unique: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("LocalClassificationCodes");
        foreach (var c in new[] { "EmblemContentType", "EmblemSha256", "EmblemKey", "CarbonCopies", "Website", "Telephone", "PaperSize" })
            b.DropColumn(c, "LetterTemplates");
        b.DropColumn("Urgency", "Letters");
    }
}
