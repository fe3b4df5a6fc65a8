using DocSign.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
        e.Property(x => x.Action).HasMaxLength(64).IsRequired();
        e.Property(x => x.Outcome).HasMaxLength(16).IsRequired();
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.ActorUserId).HasMaxLength(64);
        e.Property(x => x.ActorName).HasMaxLength(256);
        e.Property(x => x.ClientAddress).HasMaxLength(64);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Detail).HasMaxLength(1000);
        e.Property(x => x.PreviousHash).HasMaxLength(64).IsRequired();
        e.Property(x => x.Hash).HasMaxLength(64).IsRequired();
        e.HasIndex(x => new { x.OfficeId, x.At });
    }
}
