using DocSign.Core.Offices;
using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class OfficeSopVersionConfiguration : IEntityTypeConfiguration<OfficeSopVersion>
{
    public void Configure(EntityTypeBuilder<OfficeSopVersion> e)
    {
        e.ToTable("OfficeSopVersions");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(64);
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Json).IsRequired();
        e.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        e.HasIndex(x => new { x.OfficeId, x.Version }).IsUnique();
        e.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
