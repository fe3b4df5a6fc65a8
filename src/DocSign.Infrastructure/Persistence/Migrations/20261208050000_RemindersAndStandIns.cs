using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// Reminders (one row per notice, its key unique so that a reminder run made twice sends nothing twice, with the
/// e-mail's state) and Plh./Plt. assignments for an office's Camat. Hand-written and provider-neutral like
/// <see cref="InitialSchema"/>.
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261208050000_RemindersAndStandIns")]
public sealed class RemindersAndStandIns : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "Notices",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Key = t.Column<string>(maxLength: 300, nullable: false),
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                DocumentId = t.Column<Guid>(nullable: false),
                StepId = t.Column<string>(maxLength: 64, nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                Title = t.Column<string>(maxLength: 300, nullable: false),
                Body = t.Column<string>(maxLength: 4000, nullable: false),
                Link = t.Column<string>(maxLength: 500, nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
                ReadAt = t.Column<DateTimeOffset>(nullable: true),
                EmailTo = t.Column<string>(maxLength: 256, nullable: true),
                EmailSentAt = t.Column<DateTimeOffset>(nullable: true),
                EmailAttempts = t.Column<int>(nullable: false),
                EmailLastError = t.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Notices", x => x.Id);
                t.ForeignKey("FK_Notices_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_Notices_Key", "Notices", "Key", unique: true);
        b.CreateIndex("IX_Notices_UserId_CreatedAt", "Notices", ["UserId", "CreatedAt"]);
        b.CreateIndex("IX_Notices_OfficeId", "Notices", "OfficeId");

        b.CreateTable(
            name: "ActingAssignments",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                Post = t.Column<string>(maxLength: 32, nullable: false),
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: false),
                PersonName = t.Column<string>(maxLength: 200, nullable: false),
                Kind = t.Column<int>(nullable: false),
                DecreeNumber = t.Column<string>(maxLength: 200, nullable: false),
                DecreeDate = t.Column<DateOnly>(nullable: false),
                From = t.Column<DateOnly>(nullable: false),
                To = t.Column<DateOnly>(nullable: false),
                StartsAt = t.Column<DateTimeOffset>(nullable: false),
                EndsAt = t.Column<DateTimeOffset>(nullable: false),
                StartsAtTicks = t.Column<long>(nullable: false),
                EndsAtTicks = t.Column<long>(nullable: false),
                RecordedBy = t.Column<string>(maxLength: 256, nullable: false),
                RecordedAt = t.Column<DateTimeOffset>(nullable: false),
                EndedBy = t.Column<string>(maxLength: 256, nullable: true),
                EndedAt = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ActingAssignments", x => x.Id);
                t.ForeignKey("FK_ActingAssignments_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });
        b.CreateIndex("IX_ActingAssignments_OfficeId_StartsAtTicks", "ActingAssignments", ["OfficeId", "StartsAtTicks"]);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("ActingAssignments");
        b.DropTable("Notices");
    }
}
