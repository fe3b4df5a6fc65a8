using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class ReviewFindingConfiguration : IEntityTypeConfiguration<ReviewFinding>
{
    public void Configure(EntityTypeBuilder<ReviewFinding> e)
    {
        e.ToTable("ReviewFindings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Text).HasMaxLength(ReviewFinding.MaxTextLength).IsRequired();
        e.Property(x => x.RaisedBy).HasMaxLength(256).IsRequired();
        e.Property(x => x.AnswerNote).HasMaxLength(WorkflowInstance.MaxNoteLength);
        e.Property(x => x.AnsweredBy).HasMaxLength(256);
        e.Ignore(x => x.IsAnswered);
        e.HasIndex(x => new { x.InstanceId, x.Number }).IsUnique();
    }
}
