using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public const int DeviceLength = 200;
    public const int AddressLength = 64;

    public void Configure(EntityTypeBuilder<AuthSession> e)
    {
        e.ToTable("AuthSessions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64).ValueGeneratedNever();
        e.Property(x => x.UserId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Kind).HasMaxLength(16).IsRequired();
        e.Property(x => x.EndReason).HasMaxLength(32);
        e.Property(x => x.ClientAddress).HasMaxLength(AddressLength);
        e.Property(x => x.Device).HasMaxLength(DeviceLength);
        e.HasIndex(x => x.UserId);
        e.HasIndex(x => x.ExpiresAtUnixMs);
    }
}

internal sealed class SignInSourceConfiguration : IEntityTypeConfiguration<SignInSource>
{
    public void Configure(EntityTypeBuilder<SignInSource> e)
    {
        e.ToTable("SignInSources");
        e.HasKey(x => new { x.UserId, x.Key });
        e.Property(x => x.UserId).HasMaxLength(64);
        e.Property(x => x.Key).HasMaxLength(100);
    }
}

internal sealed class SignInAlertConfiguration : IEntityTypeConfiguration<SignInAlert>
{
    public void Configure(EntityTypeBuilder<SignInAlert> e)
    {
        e.ToTable("SignInAlerts");
        e.HasKey(x => x.UserId);
        e.Property(x => x.UserId).HasMaxLength(64).ValueGeneratedNever();
        e.Property(x => x.Addresses).HasMaxLength(SignInAlert.MaxAddressesLength + 70).IsRequired();
    }
}
