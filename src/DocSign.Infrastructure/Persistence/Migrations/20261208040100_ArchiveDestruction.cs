using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The tombstone of an archive copy destroyed under its JRA (Musnah): when, by whom, and the key of the sealed berita
/// acara pemusnahan. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208040100_ArchiveDestruction")]
public sealed class ArchiveDestruction : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<DateTimeOffset>("DestroyedAt", "ArchiveCopies", nullable: true);
        b.AddColumn<string>("DestroyedBy", "ArchiveCopies", maxLength: 256, nullable: true);
        b.AddColumn<string>("DestructionRecordKey", "ArchiveCopies", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("DestructionRecordKey", "ArchiveCopies");
        b.DropColumn("DestroyedBy", "ArchiveCopies");
        b.DropColumn("DestroyedAt", "ArchiveCopies");
    }
}
