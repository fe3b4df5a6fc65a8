using DocSign.Core.Signing;
using DocSign.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class OfficeSigningPolicyConfiguration : IEntityTypeConfiguration<OfficeSigningPolicy>
{
    public void Configure(EntityTypeBuilder<OfficeSigningPolicy> e)
    {
        e.ToTable("OfficeSigningPolicies");
        e.HasKey(x => x.OfficeId);
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.Level).HasConversion(l => l.HasValue ? l.Value.ToWire() : null, s => s == null ? null : SigningColumns.Level(s)).HasMaxLength(8);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
