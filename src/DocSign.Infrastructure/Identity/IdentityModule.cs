using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Identity;

/// <summary>
/// Accounts (ASP.NET Core Identity on the database) and the keys that protect bearer tokens and cookies: kept in the
/// database so that every instance shares them, encrypted with a secret from configuration (<c>DocSign:DataProtection</c>).
/// </summary>
public static class IdentityModule
{
    public static IServiceCollection AddDocSignIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<DocSignUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
            })
            .AddEntityFrameworkStores<DocSignDbContext>();
        services.AddDocSignDataProtection(configuration);
        return services;
    }
}
