using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>An office's own LKjIP due date (month and day of the following year; no row: the end of February).</summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208051000_LkjipDeadline")]
public sealed class LkjipDeadline : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "LkjipDeadlines",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                DueMonth = t.Column<int>(nullable: false),
                DueDay = t.Column<int>(nullable: true),
                UpdatedBy = t.Column<string>(maxLength: 256, nullable: false),
                UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_LkjipDeadlines", x => x.OfficeId);
                t.ForeignKey("FK_LkjipDeadlines_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("LkjipDeadlines");
}
