using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The signed version is the official one: a document remembers where its current run starts (a revisi after the
/// signature opens a new run) and its SOP run remembers which version the reviewer closed the review on.
/// Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208080000_SignedVersionLock")]
public sealed class SignedVersionLock : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<int>(name: "RunStartsAfter", table: "Documents", nullable: false, defaultValue: 0);
        b.AddColumn<int>(name: "RevisionCount", table: "Documents", nullable: false, defaultValue: 0);
        b.AddColumn<int>(name: "ReviewedVersionNumber", table: "WorkflowInstances", nullable: true);
        b.AddColumn<int>(name: "Run", table: "WorkflowInstances", nullable: false, defaultValue: 1);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropColumn(name: "RunStartsAfter", table: "Documents");
        b.DropColumn(name: "RevisionCount", table: "Documents");
        b.DropColumn(name: "ReviewedVersionNumber", table: "WorkflowInstances");
        b.DropColumn(name: "Run", table: "WorkflowInstances");
    }
}
