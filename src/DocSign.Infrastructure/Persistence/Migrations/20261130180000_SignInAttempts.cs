using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>The sign-in throttle's events, shared by every instance. Hand-written and provider-neutral like <see cref="InitialSchema"/>.</summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261130180000_SignInAttempts")]
public sealed class SignInAttempts : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "SignInAttempts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Key = t.Column<string>(maxLength: 200, nullable: false),
                AtUnixMs = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SignInAttempts", x => x.Id));
        b.CreateIndex("IX_SignInAttempts_Key_AtUnixMs", "SignInAttempts", ["Key", "AtUnixMs"]);
        b.CreateIndex("IX_SignInAttempts_AtUnixMs", "SignInAttempts", "AtUnixMs");
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("SignInAttempts");
}
