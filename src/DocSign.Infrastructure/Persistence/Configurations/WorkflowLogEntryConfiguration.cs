using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowLogEntryConfiguration : IEntityTypeConfiguration<WorkflowLogEntry>
{
    public const int MaxNoteLength = 4200;

    public void Configure(EntityTypeBuilder<WorkflowLogEntry> e)
    {
        e.ToTable("WorkflowLogEntries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Kind).HasMaxLength(32).IsRequired();
        e.Property(x => x.StepId).HasMaxLength(64).IsRequired();
        e.Property(x => x.ActorUserId).HasMaxLength(64);
        e.Property(x => x.ActorName).HasMaxLength(256).IsRequired();
        // Long enough for a finding's text with its "Catatan reviu #n: " prefix.
        e.Property(x => x.Note).HasMaxLength(MaxNoteLength);
        // Two people appending to the same log at once collide here rather than interleave.
        e.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
    }
}
