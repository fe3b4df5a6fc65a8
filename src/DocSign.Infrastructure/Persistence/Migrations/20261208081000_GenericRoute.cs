using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The generic route of documents outside any SOP run: the final version the Sekcam put to the Camat. Hand-written
/// and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208081000_GenericRoute")]
public sealed class GenericRoute : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<int>(name: "RouteSubmittedVersion", table: "Documents", nullable: true);

    protected override void Down(MigrationBuilder b) => b.DropColumn(name: "RouteSubmittedVersion", table: "Documents");
}
