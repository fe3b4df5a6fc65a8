using DocSign.Core.Documents;
using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> e)
    {
        e.ToTable("WorkflowInstances");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.TemplateKey).HasMaxLength(64).IsRequired();
        // Stored as words so that the rows read the same to a person querying the database.
        e.Property(x => x.Status).HasConversion(s => s == WorkflowStatus.Completed ? "completed" : "running",
            s => s == "completed" ? WorkflowStatus.Completed : WorkflowStatus.Running).HasMaxLength(16).IsRequired();
        e.Property(x => x.CurrentStepId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.Property(x => x.ReturnNote).HasMaxLength(WorkflowInstance.MaxNoteLength);
        e.Property(x => x.ReturnedByName).HasMaxLength(256);
        e.Property(x => x.ReturnedByRole).HasMaxLength(64);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.DocumentId).IsUnique();
        e.HasIndex(x => new { x.OfficeId, x.Status });
        e.HasIndex(x => new { x.Status, x.StepOverdue, x.StepDeadlineTicks });
        e.HasMany(x => x.Log).WithOne().HasForeignKey(l => l.InstanceId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Log).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasMany(x => x.Findings).WithOne().HasForeignKey(f => f.InstanceId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Findings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
