using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
                // PasswordPolicy (below) is the one password check, with Bahasa messages; Identity's own is left out.
                o.Password.RequiredLength = PasswordPolicy.MinLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                // Wrong passwords never lock an account (a stranger could lock the Camat out): the sign-in throttle
                // slows the guesser instead. Only an admin lock (LockoutEnd) keeps an account out.
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
            })
            .AddEntityFrameworkStores<DocSignDbContext>();
        services.RemoveAll<IPasswordValidator<DocSignUser>>();
        services.AddScoped<IPasswordValidator<DocSignUser>, PasswordPolicy>();
        services.AddScoped<SessionStore>();
        services.AddScoped<DocSign.Core.Access.ISessionDirectory, Security.SessionDirectory>();
        services.AddScoped<DocSign.Core.Access.ISignInAttempts, Security.EfSignInAttempts>();
        services.AddSingleton<Security.RateBudgets>();   // per-minute request budgets shared by the instances
        services.AddDocSignDataProtection(configuration);
        return services;
    }
}
