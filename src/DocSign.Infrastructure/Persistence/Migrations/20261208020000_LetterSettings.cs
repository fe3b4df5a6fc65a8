using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The office setting "number the surat pengantar automatically on signing" (off by default: the letter is made at the
/// SOP step that names it). Offices that had letters before keep today's behaviour only if an admin turns it on.
/// Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208020000_LetterSettings")]
public sealed class LetterSettings : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<bool>(name: "AutoNumberOnSigning", table: "LetterTemplates", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder b) => b.DropColumn(name: "AutoNumberOnSigning", table: "LetterTemplates");
}
