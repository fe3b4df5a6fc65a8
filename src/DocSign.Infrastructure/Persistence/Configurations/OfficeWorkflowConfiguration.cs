using DocSign.Core.Offices;
using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class OfficeWorkflowConfiguration : IEntityTypeConfiguration<OfficeWorkflow>
{
    public void Configure(EntityTypeBuilder<OfficeWorkflow> e)
    {
        e.ToTable("OfficeWorkflows");
        e.HasKey(x => x.OfficeId);
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.TemplateKey).HasMaxLength(64).IsRequired();
        e.Property(x => x.AdoptedBy).HasMaxLength(256).IsRequired();
        e.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Assignments).WithOne().HasForeignKey(a => a.OfficeId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.StandIn); // applied when loaded, from the Plh./Plt. in force (ActingAssignments)
    }
}
