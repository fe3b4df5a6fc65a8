using DocSign.Core.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class LocalClassificationCodeConfiguration : IEntityTypeConfiguration<LocalClassificationCode>
{
    public void Configure(EntityTypeBuilder<LocalClassificationCode> e)
    {
        e.ToTable("LocalClassificationCodes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Code).HasMaxLength(Letter.MaxClassificationLength).IsRequired();
        e.Property(x => x.Title).HasMaxLength(LocalClassificationCode.MaxTitleLength).IsRequired();
        e.Property(x => x.AddedBy).HasMaxLength(256).IsRequired();
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OfficeId, x.Code }).IsUnique();
    }
}
