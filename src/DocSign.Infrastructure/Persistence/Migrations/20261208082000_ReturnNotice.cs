using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The return waiting for its receiver (who, in which role, why, when), kept on the run so that the document and the
/// receiver's dashboard show it without reading the log. Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208082000_ReturnNotice")]
public sealed class ReturnNotice : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>(name: "ReturnNote", table: "WorkflowInstances", maxLength: 2000, nullable: true);
        b.AddColumn<string>(name: "ReturnedByName", table: "WorkflowInstances", maxLength: 256, nullable: true);
        b.AddColumn<string>(name: "ReturnedByRole", table: "WorkflowInstances", maxLength: 64, nullable: true);
        b.AddColumn<DateTimeOffset>(name: "ReturnedAt", table: "WorkflowInstances", nullable: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var column in new[] { "ReturnNote", "ReturnedByName", "ReturnedByRole", "ReturnedAt" })
            b.DropColumn(name: column, table: "WorkflowInstances");
    }
}
