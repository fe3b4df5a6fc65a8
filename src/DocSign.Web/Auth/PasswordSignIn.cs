using DocSign.Core.Audit;
using DocSign.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace DocSign.Web.Auth;

/// <summary>
/// The password check behind the Masuk page, with the same rules as the token endpoint: one message for an
/// unknown user and a wrong password, lock-out counted by Identity, passwords never logged.
/// </summary>
public sealed class PasswordSignIn(UserManager<DocSignUser> users, IAuditTrail audit, ILogger<PasswordSignIn> logger)
{
    public const string Wrong = "Nama pengguna atau kata sandi salah.";
    public const string Locked = "Akun dikunci sementara karena terlalu banyak percobaan masuk yang salah. Coba lagi beberapa menit lagi.";

    /// <returns>The user, or null with the message to show.</returns>
    public async Task<(DocSignUser? User, string? Error)> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return (null, "Nama pengguna dan kata sandi wajib diisi.");
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            logger.LogInformation("Sign-in refused: unknown user");
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied) { Detail = "unknown user" }, cancellationToken);
            return (null, Wrong);
        }
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied)
                { ActorUserId = user.Id, ActorName = user.UserName, Detail = "locked out" }, cancellationToken);
            return (null, Locked);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            logger.LogInformation("Sign-in refused: wrong password for {User}", user.UserName);
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied)
                { ActorUserId = user.Id, ActorName = user.UserName, Detail = "wrong password" }, cancellationToken);
            return (null, Wrong);
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SignIn) { ActorUserId = user.Id, ActorName = user.UserName, Detail = "cookie" }, cancellationToken);
        logger.LogInformation("Browser sign-in of {User}", user.UserName);
        return (user, null);
    }
}
