using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// How each enrolled signer signs (issue 20): the method (pkcs12 for every existing row, bsre, pkcs11, bsre-seal), the BSrE
/// NIK, and the PKCS#11 token and key labels. Never a secret. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261207130000_SigningMethods")]
public sealed class SigningMethods : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>(name: "Method", table: "SignerEnrolments", maxLength: 16, nullable: false, defaultValue: "pkcs12");
        b.AddColumn<string>(name: "Nik", table: "SignerEnrolments", maxLength: 16, nullable: true);
        b.AddColumn<string>(name: "TokenLabel", table: "SignerEnrolments", maxLength: 100, nullable: true);
        b.AddColumn<string>(name: "KeyLabel", table: "SignerEnrolments", maxLength: 100, nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn(name: "KeyLabel", table: "SignerEnrolments");
        b.DropColumn(name: "TokenLabel", table: "SignerEnrolments");
        b.DropColumn(name: "Nik", table: "SignerEnrolments");
        b.DropColumn(name: "Method", table: "SignerEnrolments");
    }
}
