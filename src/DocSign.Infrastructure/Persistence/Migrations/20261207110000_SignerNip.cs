using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// An account's NIP on record, which an enrolled signer certificate carrying a NIP must match. Hand-written and
/// provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261207110000_SignerNip")]
public sealed class SignerNip : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<string>(name: "Nip", table: "AspNetUsers", maxLength: 18, nullable: true);

    protected override void Down(MigrationBuilder b) => b.DropColumn(name: "Nip", table: "AspNetUsers");
}
