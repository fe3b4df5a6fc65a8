using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Per-minute request budgets shared by every instance (<see cref="Security.RateBudgets"/>), which each process kept
/// in its own memory before. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208071000_RateBudgets")]
public sealed class RateBudgets : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "RateBudgets",
            columns: t => new
            {
                Key = t.Column<string>(maxLength: 200, nullable: false),
                WindowStartUnixMs = t.Column<long>(nullable: false),
                Count = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_RateBudgets", x => new { x.Key, x.WindowStartUnixMs }));
        b.CreateIndex("IX_RateBudgets_WindowStartUnixMs", "RateBudgets", "WindowStartUnixMs");
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("RateBudgets");
}
