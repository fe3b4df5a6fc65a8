using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// A document may start from the order (perintah / disposisi) with no file: the order's text and its optional
/// attachment (kept beside the document, never a version). Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208060000_DocumentOrder")]
public sealed class DocumentOrder : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("Instruction", "Documents", maxLength: 2000, nullable: true);
        b.AddColumn<string>("AttachmentName", "Documents", maxLength: 255, nullable: true);
        b.AddColumn<string>("AttachmentKey", "Documents", maxLength: 512, nullable: true);
        b.AddColumn<string>("AttachmentSha256", "Documents", maxLength: 64, nullable: true);
        b.AddColumn<long>("AttachmentSize", "Documents", nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn("AttachmentSize", "Documents");
        b.DropColumn("AttachmentSha256", "Documents");
        b.DropColumn("AttachmentKey", "Documents");
        b.DropColumn("AttachmentName", "Documents");
        b.DropColumn("Instruction", "Documents");
    }
}
