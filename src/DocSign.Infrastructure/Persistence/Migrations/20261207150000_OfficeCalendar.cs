using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Offices' own working time (time zone, hours, Ramadan hours) and their regional days off. Hand-written and
/// provider-neutral like <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261207150000_OfficeCalendar")]
public sealed class OfficeCalendar : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "OfficeCalendars",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                TimeZone = t.Column<string>(maxLength: 64, nullable: false),
                Hours = t.Column<string>(maxLength: 500, nullable: true),
                RamadanHours = t.Column<string>(maxLength: 500, nullable: true),
                UpdatedBy = t.Column<string>(maxLength: 256, nullable: false),
                UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OfficeCalendars", x => x.OfficeId);
                t.ForeignKey("FK_OfficeCalendars_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "RegionalHolidays",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Date = t.Column<DateOnly>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                AddedBy = t.Column<string>(maxLength: 256, nullable: false),
                AddedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_RegionalHolidays", x => x.Id);
                t.ForeignKey("FK_RegionalHolidays_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_RegionalHolidays_OfficeId_Date", "RegionalHolidays", ["OfficeId", "Date"], unique: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("RegionalHolidays");
        b.DropTable("OfficeCalendars");
    }
}
