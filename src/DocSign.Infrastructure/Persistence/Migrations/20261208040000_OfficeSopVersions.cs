using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Offices' own SOP versions (a seed template adapted, or a SOP entered by the office), immutable once stored.
/// Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208040000_OfficeSopVersions")]
public sealed class OfficeSopVersions : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "OfficeSopVersions",
            columns: t => new
            {
                Key = t.Column<string>(maxLength: 64, nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Version = t.Column<int>(nullable: false),
                Json = t.Column<string>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OfficeSopVersions", x => x.Key);
                t.ForeignKey("FK_OfficeSopVersions_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_OfficeSopVersions_OfficeId_Version", "OfficeSopVersions", ["OfficeId", "Version"], unique: true);
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("OfficeSopVersions");
}
