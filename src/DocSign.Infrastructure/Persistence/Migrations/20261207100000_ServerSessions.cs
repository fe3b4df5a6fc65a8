using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Server-side sessions (every cookie and token names a row that logout, a password change or an admin lock ends),
/// the places each account signed in from, and the wrong passwords since an account's last sign-in. The revoked-token
/// list is no longer needed: a token's own session row says whether it was ended. Hand-written and provider-neutral
/// like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261207100000_ServerSessions")]
public sealed class ServerSessions : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.DropTable("RevokedTokens");

        b.CreateTable(
            name: "AuthSessions",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                UserId = t.Column<string>(maxLength: 64, nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAtUnixMs = t.Column<long>(nullable: false),
                LastSeenAtUnixMs = t.Column<long>(nullable: false),
                ExpiresAtUnixMs = t.Column<long>(nullable: false),
                EndedAtUnixMs = t.Column<long>(nullable: true),
                EndReason = t.Column<string>(maxLength: 32, nullable: true),
                ClientAddress = t.Column<string>(maxLength: 64, nullable: true),
                Device = t.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AuthSessions", x => x.Id));
        b.CreateIndex("IX_AuthSessions_UserId", "AuthSessions", "UserId");
        b.CreateIndex("IX_AuthSessions_ExpiresAtUnixMs", "AuthSessions", "ExpiresAtUnixMs");

        b.CreateTable(
            name: "SignInSources",
            columns: t => new
            {
                UserId = t.Column<string>(maxLength: 64, nullable: false),
                Key = t.Column<string>(maxLength: 100, nullable: false),
                LastSuccessUnixMs = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SignInSources", x => new { x.UserId, x.Key }));

        b.CreateTable(
            name: "SignInAlerts",
            columns: t => new
            {
                UserId = t.Column<string>(maxLength: 64, nullable: false),
                Failures = t.Column<int>(nullable: false),
                Addresses = t.Column<string>(maxLength: 470, nullable: false),
                FirstFailureUnixMs = t.Column<long>(nullable: false),
                LastFailureUnixMs = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SignInAlerts", x => x.UserId));
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("SignInAlerts");
        b.DropTable("SignInSources");
        b.DropTable("AuthSessions");
        b.CreateTable(
            name: "RevokedTokens",
            columns: t => new
            {
                TokenId = t.Column<string>(maxLength: 64, nullable: false),
                UserId = t.Column<string>(maxLength: 64, nullable: false),
                ExpiresAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_RevokedTokens", x => x.TokenId));
        b.CreateIndex("IX_RevokedTokens_ExpiresAt", "RevokedTokens", "ExpiresAt");
    }
}
