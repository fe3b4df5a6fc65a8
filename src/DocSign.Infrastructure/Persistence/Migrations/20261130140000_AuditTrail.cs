using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>The audit trail's table (hand-written, provider-neutral like <see cref="InitialSchema"/>).</summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261130140000_AuditTrail")]
public sealed class AuditTrail : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "AuditEntries",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false),
                At = t.Column<DateTimeOffset>(nullable: false),
                Action = t.Column<string>(maxLength: 64, nullable: false),
                Outcome = t.Column<string>(maxLength: 16, nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: true),
                ActorUserId = t.Column<string>(maxLength: 64, nullable: true),
                ActorName = t.Column<string>(maxLength: 256, nullable: true),
                ClientAddress = t.Column<string>(maxLength: 64, nullable: true),
                DocumentId = t.Column<Guid>(nullable: true),
                VersionNumber = t.Column<int>(nullable: true),
                Sha256 = t.Column<string>(maxLength: 64, nullable: true),
                Detail = t.Column<string>(maxLength: 1000, nullable: true),
                PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Sequence));
        b.CreateIndex("IX_AuditEntries_OfficeId_At", "AuditEntries", ["OfficeId", "At"]);
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("AuditEntries");
}
