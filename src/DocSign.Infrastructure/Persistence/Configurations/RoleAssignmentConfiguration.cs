using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> e)
    {
        e.ToTable("WorkflowRoleAssignments");
        e.HasKey(x => new { x.OfficeId, x.SopRole, x.Kind, x.Value });
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.SopRole).HasMaxLength(128);
        e.Property(x => x.Kind).HasMaxLength(8);
        e.Property(x => x.Value).HasMaxLength(RoleAssignment.MaxValueLength);
    }
}
