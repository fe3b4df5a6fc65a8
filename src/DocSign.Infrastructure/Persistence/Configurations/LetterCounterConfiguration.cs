using DocSign.Core.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class LetterCounterConfiguration : IEntityTypeConfiguration<LetterCounter>
{
    public void Configure(EntityTypeBuilder<LetterCounter> e)
    {
        e.ToTable("LetterCounters");
        e.HasKey(x => new { x.OfficeId, x.Year });
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.Year).ValueGeneratedNever();
        e.Property(x => x.LastSequence).IsRequired();
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
