using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// The background jobs' records (last run, failures, the running sweep's lease) in DocSign's own database: the jobs
/// moved from Quartz, which kept them in its job data, to Hangfire, whose embedded store does not outlive the process.
/// Hand-written and provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208070000_JobRecords")]
public sealed class JobRecords : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "JobRecords",
            columns: t => new
            {
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Group = t.Column<string>(maxLength: 100, nullable: false),
                LastRunAt = t.Column<DateTimeOffset>(nullable: true),
                LastSuccessAt = t.Column<DateTimeOffset>(nullable: true),
                LastError = t.Column<string>(maxLength: 1000, nullable: true),
                LastResult = t.Column<string>(maxLength: 500, nullable: true),
                Failures = t.Column<int>(nullable: false),
                Runs = t.Column<int>(nullable: false),
                LeaseUntilUnixMs = t.Column<long>(nullable: false),
                LeaseOwner = t.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_JobRecords", x => x.Name));
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("JobRecords");
}
