using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> e)
    {
        e.ToTable("SignInAttempts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Key).HasMaxLength(200).IsRequired();
        e.HasIndex(x => new { x.Key, x.AtUnixMs });
        e.HasIndex(x => x.AtUnixMs);
    }
}
