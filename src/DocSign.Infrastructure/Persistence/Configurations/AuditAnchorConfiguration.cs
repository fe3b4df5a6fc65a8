using DocSign.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> e)
    {
        e.ToTable("AuditAnchors");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Hash).HasMaxLength(64).IsRequired();
        e.Property(x => x.Mac).HasMaxLength(64).IsRequired();
        e.Property(x => x.ExportKey).HasMaxLength(512);
        e.HasIndex(x => x.Sequence);
    }
}
