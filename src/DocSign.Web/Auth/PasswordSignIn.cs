using System.Security.Cryptography;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

/// <summary>Why a sign-in was not granted; the caller turns it into its own answer (a page message, a problem).</summary>
public enum SignInRefusal
{
    /// <summary>User name or password not given.</summary>
    Missing,
    /// <summary>Too many failures from this address, or too many attempts at this user name: not even checked.</summary>
    Throttled,
    /// <summary>Unknown user, wrong password or locked account, deliberately not told apart.</summary>
    Refused,
}

/// <summary>The result of a password check: the user, or the refusal (with how long to wait when throttled).</summary>
public sealed record SignInOutcome(DocSignUser? User, SignInRefusal? Refusal, TimeSpan? RetryAfter = null)
{
    /// <summary>The sentence to show, in Bahasa Indonesia.</summary>
    public string? Message => Refusal switch
    {
        SignInRefusal.Missing => PasswordSignIn.Missing,
        SignInRefusal.Throttled => PasswordSignIn.ThrottledMessage(RetryAfter ?? TimeSpan.FromMinutes(1)),
        SignInRefusal.Refused => PasswordSignIn.Refused,
        _ => null,
    };

    /// <summary>The Retry-After header's value (whole seconds, at least 1) when throttled.</summary>
    public string? RetryAfterHeader => RetryAfter is { } wait
        ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;
}

/// <summary>
/// The one password check behind both ways in (the Masuk page's cookie and <c>/api/auth/token</c>), so both keep the
/// same rules: throttled per address and per user name before the password is looked at (an anonymous caller cannot
/// lock a Camat out), the same answer and the same hashing work for an unknown user, a wrong password and a locked
/// account, lock-out counted by Identity, every attempt in the audit trail, passwords never logged.
/// </summary>
public sealed class PasswordSignIn(UserManager<DocSignUser> users, SignInThrottle throttle, IOptions<AuthOptions> options,
    IAuditTrail audit, ILogger<PasswordSignIn> logger)
{
    public const string Missing = "Nama pengguna dan kata sandi wajib diisi.";

    /// <summary>One answer for an unknown user, a wrong password and a locked account: none of them tells an outsider which it was.</summary>
    public const string Refused = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci. Periksa isian Anda; bila akun terkunci, coba lagi nanti atau hubungi admin.";

    public static string ThrottledMessage(TimeSpan wait) =>
        $"Terlalu banyak percobaan masuk yang salah dari alamat ini. Coba lagi dalam {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} menit.";

    // A hash of a random password, made once, so that an unknown user name costs the same hashing as a known one.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<DocSignUser>().HashPassword(new DocSignUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <param name="userName">As typed.</param>
    /// <param name="password">As typed; never logged.</param>
    /// <param name="address">The client's address, for the per-address throttle.</param>
    /// <param name="channel">"token" or "cookie", recorded with the audit event.</param>
    public async Task<SignInOutcome> CheckAsync(string? userName, string? password, string? address, string channel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return new(null, SignInRefusal.Missing);
        userName = userName.Trim();
        var o = options.Value;

        // Throttled before the password is even looked at: a refused attempt costs the account nothing.
        var wait = await throttle.RetryAfterAsync(SignInThrottle.AddressKey(address), o.FailuresPerAddress, o.FailureWindow, cancellationToken)
                   ?? await throttle.RetryAfterAsync(SignInThrottle.UserKey(userName), o.AttemptsPerUserName, o.FailureWindow, cancellationToken);
        if (wait is { } w)
        {
            logger.LogWarning("Sign-in ({Channel}) throttled for {Address}", channel, address);
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied) { ActorName = Clip(userName), Detail = "throttled" }, cancellationToken);
            return new(null, SignInRefusal.Throttled, w);
        }
        await throttle.CountAsync(SignInThrottle.UserKey(userName), cancellationToken);

        var user = await users.FindByNameAsync(userName);
        bool ok;
        if (user is null)
        {
            // Same work as a real check, then the same answer.
            new PasswordHasher<DocSignUser>().VerifyHashedPassword(new DocSignUser(), DummyHash.Value, password);
            ok = false;
        }
        else
        {
            var locked = await users.IsLockedOutAsync(user);
            ok = await users.CheckPasswordAsync(user, password) && !locked;
            if (!ok && !locked) await users.AccessFailedAsync(user);
        }
        if (!ok)
        {
            await throttle.CountAsync(SignInThrottle.AddressKey(address), cancellationToken);
            logger.LogInformation("Sign-in ({Channel}) refused for an attempt from {Address}", channel, address);
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied)
                { ActorUserId = user?.Id, ActorName = Clip(user?.UserName ?? userName), Detail = user is null ? "unknown user" : "refused" }, cancellationToken);
            return new(null, SignInRefusal.Refused);
        }
        await users.ResetAccessFailedCountAsync(user!);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SignIn) { ActorUserId = user!.Id, ActorName = user.UserName, Detail = channel }, cancellationToken);
        logger.LogInformation("Sign-in ({Channel}) of {User}", channel, user.UserName);
        return new(user, null);
    }

    /// <summary>A typed user name goes into the audit trail only up to a sane length.</summary>
    private static string Clip(string s) => s.Length <= 64 ? s : s[..64];
}
