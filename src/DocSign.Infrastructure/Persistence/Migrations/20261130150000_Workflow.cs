using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DocSign.Infrastructure.Persistence.Migrations;

/// <summary>
/// SOP workflows: each office's template choice and role mapping, each document's workflow instance with its
/// append-only step log and review findings (hand-written, provider-neutral like <see cref="InitialSchema"/>).
/// </summary>
[DbContext(typeof(DocSignDbContext))]
[Migration("20261130150000_Workflow")]
public sealed class Workflow : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable(
            name: "OfficeWorkflows",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                TemplateKey = t.Column<string>(maxLength: 64, nullable: false),
                AdoptedBy = t.Column<string>(maxLength: 256, nullable: false),
                AdoptedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OfficeWorkflows", x => x.OfficeId);
                t.ForeignKey("FK_OfficeWorkflows_Offices_OfficeId", x => x.OfficeId, "Offices", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "WorkflowRoleAssignments",
            columns: t => new
            {
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                SopRole = t.Column<string>(maxLength: 128, nullable: false),
                Kind = t.Column<string>(maxLength: 8, nullable: false),
                Value = t.Column<string>(maxLength: 256, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WorkflowRoleAssignments", x => new { x.OfficeId, x.SopRole, x.Kind, x.Value });
                t.ForeignKey("FK_WorkflowRoleAssignments_OfficeWorkflows_OfficeId", x => x.OfficeId, "OfficeWorkflows", "OfficeId", onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "WorkflowInstances",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                DocumentId = t.Column<Guid>(nullable: false),
                OfficeId = t.Column<string>(maxLength: 64, nullable: false),
                TemplateKey = t.Column<string>(maxLength: 64, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                CurrentStepIndex = t.Column<int>(nullable: false),
                CurrentStepId = t.Column<string>(maxLength: 64, nullable: false),
                StartedAt = t.Column<DateTimeOffset>(nullable: false),
                StepStartedAt = t.Column<DateTimeOffset>(nullable: false),
                StepDeadline = t.Column<DateTimeOffset>(nullable: true),
                StepDeadlineTicks = t.Column<long>(nullable: true),
                StepOverdue = t.Column<bool>(nullable: false),
                SubmittedVersionNumber = t.Column<int>(nullable: true),
                CompletedAt = t.Column<DateTimeOffset>(nullable: true),
                Revision = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WorkflowInstances", x => x.Id);
                t.ForeignKey("FK_WorkflowInstances_Documents_DocumentId", x => x.DocumentId, "Documents", "Id", onDelete: ReferentialAction.Restrict);
            });

        b.CreateTable(
            name: "WorkflowLogEntries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                InstanceId = t.Column<Guid>(nullable: false),
                Sequence = t.Column<int>(nullable: false),
                Kind = t.Column<string>(maxLength: 32, nullable: false),
                StepId = t.Column<string>(maxLength: 64, nullable: false),
                ActorUserId = t.Column<string>(maxLength: 64, nullable: true),
                ActorName = t.Column<string>(maxLength: 256, nullable: false),
                At = t.Column<DateTimeOffset>(nullable: false),
                VersionNumber = t.Column<int>(nullable: true),
                Note = t.Column<string>(maxLength: 4200, nullable: true),
                FindingId = t.Column<Guid>(nullable: true),
                Deadline = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WorkflowLogEntries", x => x.Id);
                t.ForeignKey("FK_WorkflowLogEntries_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
            });

        b.CreateTable(
            name: "ReviewFindings",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                InstanceId = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                Text = t.Column<string>(maxLength: 4000, nullable: false),
                RaisedBy = t.Column<string>(maxLength: 256, nullable: false),
                RaisedAt = t.Column<DateTimeOffset>(nullable: false),
                AnswerVersionNumber = t.Column<int>(nullable: true),
                AnswerNote = t.Column<string>(maxLength: 2000, nullable: true),
                AnsweredBy = t.Column<string>(maxLength: 256, nullable: true),
                AnsweredAt = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ReviewFindings", x => x.Id);
                t.ForeignKey("FK_ReviewFindings_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
            });

        b.CreateIndex("IX_WorkflowInstances_DocumentId", "WorkflowInstances", "DocumentId", unique: true);
        b.CreateIndex("IX_WorkflowInstances_OfficeId_Status", "WorkflowInstances", ["OfficeId", "Status"]);
        b.CreateIndex("IX_WorkflowInstances_Status_StepOverdue_StepDeadlineTicks", "WorkflowInstances", ["Status", "StepOverdue", "StepDeadlineTicks"]);
        b.CreateIndex("IX_WorkflowLogEntries_InstanceId_Sequence", "WorkflowLogEntries", ["InstanceId", "Sequence"], unique: true);
        b.CreateIndex("IX_ReviewFindings_InstanceId_Number", "ReviewFindings", ["InstanceId", "Number"], unique: true);
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("ReviewFindings");
        b.DropTable("WorkflowLogEntries");
        b.DropTable("WorkflowInstances");
        b.DropTable("WorkflowRoleAssignments");
        b.DropTable("OfficeWorkflows");
    }
}
