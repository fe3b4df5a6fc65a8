using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The Camat's return on the generic route (who, role, why, when), for the banner until the Sekcam submits again.
/// Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208083000_GenericRouteReturn")]
public sealed class GenericRouteReturn : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>(name: "RouteReturnNote", table: "Documents", maxLength: 2000, nullable: true);
        b.AddColumn<string>(name: "RouteReturnedByName", table: "Documents", maxLength: 256, nullable: true);
        b.AddColumn<string>(name: "RouteReturnedByRole", table: "Documents", maxLength: 64, nullable: true);
        b.AddColumn<DateTimeOffset>(name: "RouteReturnedAt", table: "Documents", nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var column in new[] { "RouteReturnNote", "RouteReturnedByName", "RouteReturnedByRole", "RouteReturnedAt" })
            b.DropColumn(name: column, table: "Documents");
    }
}
