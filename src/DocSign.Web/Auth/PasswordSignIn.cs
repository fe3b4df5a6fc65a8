using System.Security.Cryptography;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

/// <summary>Why a sign-in was not granted; the caller turns it into its own answer (a page message, a problem).</summary>
public enum SignInRefusal
{
    /// <summary>User name or password not given.</summary>
    Missing,
    /// <summary>Too many wrong passwords counted against one of the <see cref="SignInLimit"/>s: not even checked.</summary>
    Throttled,
    /// <summary>Unknown user, wrong password or locked account, deliberately not told apart.</summary>
    Refused,
}

/// <summary>Which count slowed a sign-in down; each has its own sentence, so people know what to do.</summary>
public enum SignInLimit
{
    /// <summary>This account from this address.</summary>
    AccountFromAddress,
    /// <summary>This address, whatever accounts it tried.</summary>
    Address,
    /// <summary>This browser (it signed in to the account before).</summary>
    Device,
    /// <summary>The account from anywhere, applied only to places it never signed in from.</summary>
    AccountFromNewPlaces,
}

/// <summary>The result of a password check: the user, or the refusal (with what limited it and how long to wait when throttled).</summary>
public sealed record SignInOutcome(DocSignUser? User, SignInRefusal? Refusal, TimeSpan? RetryAfter = null, SignInLimit? Limit = null)
{
    /// <summary>For the owner after a successful sign-in: wrong passwords typed for his account since his last one.</summary>
    public string? Notice { get; init; }

    /// <summary>The sentence to show, in Bahasa Indonesia.</summary>
    public string? Message => Refusal switch
    {
        SignInRefusal.Missing => PasswordSignIn.Missing,
        SignInRefusal.Throttled => PasswordSignIn.ThrottledMessage(Limit ?? SignInLimit.AccountFromAddress, RetryAfter ?? TimeSpan.FromMinutes(1)),
        SignInRefusal.Refused => PasswordSignIn.Refused,
        _ => null,
    };

    /// <summary>The Retry-After header's value (whole seconds, at least 1) when throttled.</summary>
    public string? RetryAfterHeader => RetryAfter is { } wait
        ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;
}

/// <summary>
/// The one password check behind both ways in (the Masuk page's cookie and <c>/api/auth/token</c>). Nothing a stranger
/// can do here blocks the owner: wrong passwords never lock the account and never end its sessions; they are counted
/// per (account, address), per address, per browser, and per account, and each count slows only its own key down, with
/// a wait that doubles (<see cref="SignInThrottle"/>). A browser or address the account signed in from before is not
/// slowed by failures elsewhere; the per-account count applies only to places the account never signed in from.
/// Unknown user, wrong password and locked account get the same answer and the same hashing work; every attempt,
/// throttled ones included, is in the audit trail; the owner is told at his next sign-in; passwords are never logged.
/// </summary>
public sealed class PasswordSignIn(UserManager<DocSignUser> users, SignInThrottle throttle, SessionStore sessions,
    IOptions<AuthOptions> options, IAuditTrail audit, ILogger<PasswordSignIn> logger)
{
    public const string Missing = "Nama pengguna dan kata sandi wajib diisi.";

    /// <summary>One answer for an unknown user, a wrong password and a locked account: none of them tells an outsider which it was.</summary>
    public const string Refused = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci oleh admin. Periksa isian Anda; bila akun dikunci, hubungi admin.";

    public static string ThrottledMessage(SignInLimit limit, TimeSpan wait)
    {
        var minutes = $"Coba lagi dalam {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} menit";
        return limit switch
        {
            SignInLimit.AccountFromAddress =>
                $"Terlalu banyak kata sandi salah untuk akun ini dari alamat jaringan Anda. {minutes}, atau masuk dari perangkat yang biasa Anda pakai.",
            SignInLimit.Address =>
                $"Terlalu banyak percobaan masuk yang salah dari alamat jaringan Anda (untuk beberapa akun). {minutes}.",
            SignInLimit.Device =>
                $"Terlalu banyak kata sandi salah dari peramban ini. {minutes}.",
            _ =>
                $"Akun ini sedang menerima banyak percobaan masuk yang salah dari tempat lain, sehingga masuk dari perangkat atau alamat yang belum pernah dipakai untuk akun ini ditunda. {minutes}, atau masuk dari perangkat yang biasa Anda pakai.",
        };
    }

    // A hash of a random password, made once, so that an unknown user name costs the same hashing as a known one.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<DocSignUser>().HashPassword(new DocSignUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <param name="userName">As typed.</param>
    /// <param name="password">As typed; never logged.</param>
    /// <param name="address">The client's address.</param>
    /// <param name="deviceId">The browser's device cookie (<see cref="AuthSetup.DeviceCookieName"/>), when it has one; remembered on success.</param>
    /// <param name="channel">"token" or "cookie", recorded with the audit event.</param>
    public async Task<SignInOutcome> CheckAsync(string? userName, string? password, string? address, string? deviceId, string channel,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return new(null, SignInRefusal.Missing);
        userName = userName.Trim();
        var o = options.Value;

        var user = await users.FindByNameAsync(userName);
        var addressSource = SessionStore.AddressSource(address);
        var deviceSource = string.IsNullOrEmpty(deviceId) ? null : SessionStore.DeviceSource(deviceId);
        var known = user is null ? [] : await sessions.KnownSourcesAsync(user.Id,
            deviceSource is null ? [addressSource] : [addressSource, deviceSource], cancellationToken);
        var knownDevice = deviceSource is not null && known.Contains(deviceSource);

        // The keys this attempt is counted under, each with its free failures. A browser the account signed in from
        // answers for itself alone; elsewhere the (account, address) pair and the address count, and the account as a
        // whole only where it never signed in before.
        List<(string Key, int Free, SignInLimit Limit)> keys = knownDevice
            ? [(SignInThrottle.DeviceKey(userName, deviceSource!), o.FailuresPerDevice, SignInLimit.Device)]
            : [(SignInThrottle.PairKey(userName, address), o.FailuresPerAccountAndAddress, SignInLimit.AccountFromAddress),
               (SignInThrottle.AddressKey(address), o.FailuresPerAddress, SignInLimit.Address)];
        if (!knownDevice && !known.Contains(addressSource))
            keys.Add((SignInThrottle.AccountKey(userName), o.FailuresPerAccountFromNewPlaces, SignInLimit.AccountFromNewPlaces));

        // Throttled before the password is even looked at.
        foreach (var (key, free, limit) in keys)
        {
            if (await throttle.RetryAfterAsync(key, free, cancellationToken) is not { } wait) continue;
            logger.LogWarning("Sign-in ({Channel}) throttled for {Address}: {Limit}", channel, address, limit);
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied)
                { ActorUserId = user?.Id, ActorName = Clip(user?.UserName ?? userName), Detail = "throttled: " + LimitName(limit) }, cancellationToken);
            if (user is not null) await AlertAsync(user, address, cancellationToken);
            return new(null, SignInRefusal.Throttled, wait, limit);
        }

        bool ok;
        if (user is null)
        {
            // Same work as a real check, then the same answer.
            new PasswordHasher<DocSignUser>().VerifyHashedPassword(new DocSignUser(), DummyHash.Value, password);
            ok = false;
        }
        else
        {
            // Only an admin lock (or a disabled demo account) sets LockoutEnd: wrong passwords never do.
            var locked = await users.IsLockedOutAsync(user);
            ok = await users.CheckPasswordAsync(user, password) && !locked;
        }

        if (!ok)
        {
            var counted = keys.Select(k => k.Key).ToList();
            if (knownDevice) counted.Add(SignInThrottle.AccountKey(userName));   // the account's own count sees every failure
            await throttle.CountAsync(counted, cancellationToken);
            logger.LogInformation("Sign-in ({Channel}) refused for an attempt from {Address}", channel, address);
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInFailed, AuditOutcome.Denied)
                { ActorUserId = user?.Id, ActorName = Clip(user?.UserName ?? userName), Detail = user is null ? "unknown user" : "refused" }, cancellationToken);
            if (user is not null) await AlertAsync(user, address, cancellationToken);
            return new(null, SignInRefusal.Refused);
        }

        // The owner is in: this address and this browser are his places from now on, and his own earlier typing
        // errors from here no longer count against him.
        await sessions.RememberSourcesAsync(user!.Id, deviceSource is null ? [addressSource] : [addressSource, deviceSource], cancellationToken);
        await throttle.ForgetAsync(deviceSource is null
            ? [SignInThrottle.PairKey(userName, address)]
            : [SignInThrottle.PairKey(userName, address), SignInThrottle.DeviceKey(userName, deviceSource)], cancellationToken);
        var alert = await sessions.TakeAlertAsync(user.Id, cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SignIn) { ActorUserId = user.Id, ActorName = user.UserName, Detail = channel }, cancellationToken);
        logger.LogInformation("Sign-in ({Channel}) of {User}", channel, user.UserName);
        return new(user, null) { Notice = alert is null ? null : NoticeOf(alert) };
    }

    /// <summary>
    /// Counts a failed attempt (wrong password or held back) for the owner's next sign-in and the admin's list; once per
    /// attack (the count restarts at the owner's next sign-in), when it reaches the count at which new places are
    /// slowed, the audit trail gets an entry of its own.
    /// </summary>
    private async Task AlertAsync(DocSignUser user, string? address, CancellationToken cancellationToken)
    {
        var failures = await sessions.CountFailureAsync(user.Id, address, cancellationToken);
        if (failures != options.Value.FailuresPerAccountFromNewPlaces) return;
        logger.LogWarning("Account {User} has {Failures} failed sign-ins since its last sign-in", user.UserName, failures);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SignInAttack, AuditOutcome.Denied)
        {
            ActorUserId = user.Id, ActorName = user.UserName,
            Detail = $"{failures} percobaan masuk gagal sejak masuk terakhir; dari tempat baru, masuk ke akun ini diperlambat",
        }, cancellationToken);
    }

    /// <summary>What the owner reads right after signing in when someone typed wrong passwords for his account.</summary>
    public static string NoticeOf(SignInAlert alert)
    {
        var addresses = alert.Addresses.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var more = alert.Addresses.Length >= SignInAlert.MaxAddressesLength ? "lebih dari " : "";
        var last = Ui.Tampil.Waktu(DateTimeOffset.FromUnixTimeMilliseconds(alert.LastFailureUnixMs));
        return $"Perhatian: sejak Anda terakhir masuk, ada {alert.Failures} percobaan masuk yang gagal ke akun Anda (kata sandi salah, atau ditahan " +
               $"karena terlalu banyak percobaan), dari {more}{addresses.Length} alamat jaringan (terakhir {last}). Bila itu bukan Anda, segera ganti " +
               "kata sandi dan beri tahu admin. Sesi Anda tidak terpengaruh.";
    }

    private static string LimitName(SignInLimit limit) => limit switch
    {
        SignInLimit.AccountFromAddress => "account from this address",
        SignInLimit.Address => "address",
        SignInLimit.Device => "browser",
        _ => "account from new places",
    };

    /// <summary>A typed user name goes into the audit trail only up to a sane length.</summary>
    private static string Clip(string s) => s.Length <= 64 ? s : s[..64];
}
