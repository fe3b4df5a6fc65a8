using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The audit chain's head row (seeded from the entries already written), the Data Protection key ring shared
/// by all instances, and revoked sign-in tokens. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261130153000_Security")]
public sealed class Security : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "AuditChainHead",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false),
                Sequence = t.Column<long>(nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditChainHead", x => x.Id));
        // The head continues whatever chain exists already (entries written before this migration).
        b.Sql("""
            INSERT INTO "AuditChainHead" ("Id", "Sequence", "Hash")
            SELECT 1, COALESCE(MAX("Sequence"), 0),
                   COALESCE((SELECT "Hash" FROM "AuditEntries" ORDER BY "Sequence" DESC LIMIT 1),
                            '0000000000000000000000000000000000000000000000000000000000000000')
            FROM "AuditEntries"
            """);

        b.CreateTable(
            name: "DataProtectionKeys",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                FriendlyName = t.Column<string>(maxLength: 200, nullable: false),
                Xml = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

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

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("RevokedTokens");
        b.DropTable("DataProtectionKeys");
        b.DropTable("AuditChainHead");
    }
}
