using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class RevokedTokenConfiguration : IEntityTypeConfiguration<RevokedToken>
{
    public void Configure(EntityTypeBuilder<RevokedToken> e)
    {
        e.ToTable("RevokedTokens");
        e.HasKey(x => x.TokenId);
        e.Property(x => x.TokenId).HasMaxLength(64);
        e.Property(x => x.UserId).HasMaxLength(64).IsRequired();
        e.HasIndex(x => x.ExpiresAt);
    }
}
