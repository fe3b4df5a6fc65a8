using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class RateBudgetConfiguration : IEntityTypeConfiguration<RateBudget>
{
    public void Configure(EntityTypeBuilder<RateBudget> e)
    {
        e.ToTable("RateBudgets");
        e.HasKey(x => new { x.Key, x.WindowStartUnixMs });
        e.Property(x => x.Key).HasMaxLength(RateBudget.MaxKeyLength);
        e.HasIndex(x => x.WindowStartUnixMs);
    }
}
