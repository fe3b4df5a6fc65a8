using DocSign.Core.Archive;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class ArchiveCopyConfiguration : IEntityTypeConfiguration<ArchiveCopy>
{
    public void Configure(EntityTypeBuilder<ArchiveCopy> e)
    {
        e.ToTable("ArchiveCopies");
        e.Property(x => x.DestroyedBy).HasMaxLength(256);
        e.Property(x => x.DestructionRecordKey).HasMaxLength(500);
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Role).HasMaxLength(32).IsRequired();
        e.Property(x => x.Key).HasMaxLength(512).IsRequired();
        e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        e.Property(x => x.Verdict).HasMaxLength(16).IsRequired();
        e.Property(x => x.RetentionClass).HasMaxLength(200).IsRequired();
        e.Property(x => x.IntegrityStatus).HasMaxLength(16).IsRequired();
        e.Property(x => x.IntegrityDetail).HasMaxLength(500);
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => x.DocumentId);
        e.HasIndex(x => x.OfficeId);
    }
}
