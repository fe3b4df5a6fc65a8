using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Keys the audit chain. Entries already written keep their SHA-256 links (nothing is rewritten, so extracts and
/// hashes quoted elsewhere stay valid); this migration marks the switch point: every entry from the chain's next
/// sequence on is linked with HMAC-SHA256 under the chain key. The first keyed link covers the last unkeyed one,
/// so the older part cannot be rewritten either. The start after this migration seals the switch point with the
/// key (<c>KeyedFromMac</c>). Also the table of anchors (the head timestamped and exported outside the database).
/// Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261207120000_AuditChainKeyed")]
public sealed class AuditChainKeyed : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<long>(name: "KeyedFrom", table: "AuditChainHead", nullable: false, defaultValue: 1L);
        b.AddColumn<string>(name: "KeyedFromMac", table: "AuditChainHead", maxLength: 64, nullable: true);
        b.Sql("""UPDATE "AuditChainHead" SET "KeyedFrom" = "Sequence" + 1""");

        b.CreateTable(
            name: "AuditAnchors",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                At = t.Column<DateTimeOffset>(nullable: false),
                Sequence = t.Column<long>(nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
                KeyedFrom = t.Column<long>(nullable: false),
                Mac = t.Column<string>(maxLength: 64, nullable: false),
                TimestampToken = t.Column<byte[]>(nullable: true),
                TimestampAt = t.Column<DateTimeOffset>(nullable: true),
                ExportKey = t.Column<string>(maxLength: 512, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AuditAnchors", x => x.Id));
        b.CreateIndex("IX_AuditAnchors_Sequence", "AuditAnchors", ["Sequence"]);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("AuditAnchors");
        b.DropColumn("KeyedFromMac", "AuditChainHead");
        b.DropColumn("KeyedFrom", "AuditChainHead");
    }
}
