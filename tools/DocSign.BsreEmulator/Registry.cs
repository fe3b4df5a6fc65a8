using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DocSign.BsreEmulator;

/// <summary>BSrE user statuses as <c>user/check/status</c> names them; only <see cref="ISSUE"/> may sign.</summary>
#pragma warning disable CA1707
public enum UserStatus { ISSUE, EXPIRED, RENEW, WAITING_FOR_VERIFICATION, NEW, NO_CERTIFICATE, NOT_REGISTERED, SUSPEND, REVOKE }
#pragma warning restore CA1707

/// <summary>One fictional person in the emulator's NIK registry.</summary>
/// <param name="Nik">16 digits; the sample NIKs start with 99, which is no province code, so they can never be a real person's.</param>
/// <param name="CertificateStem">File stem under certs-sample/bsre/people, for people whose certificate is ISSUE.</param>
/// <param name="TotpSecret">The secret of the person's authenticator app (RFC 6238), base32 in the README.</param>
public sealed record Person(string Nik, string Name, string Email, UserStatus Status, string Passphrase, string? CertificateStem, byte[] TotpSecret);

/// <summary>An institution's e-seal: <c>idSubscriber</c>, its certificate and its activation secret.</summary>
public sealed record Seal(string IdSubscriber, string Name, string CertificateStem, byte[] ActivationSecret);

/// <summary>
/// The emulator's sample data: application accounts (HTTP Basic), the NIK registry with one person per status, and the
/// seals. All fictional; the README's table lists the same rows.
/// </summary>
public sealed class Registry
{
    /// <summary>The demo/test application account.</summary>
    public const string DefaultUser = "docsign", DefaultPassword = "contoh-esign";

    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Seal> _seals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Code, int FilesLeft, DateTimeOffset Expires)> _sealCodes = new();

    public Registry()
    {
        Accounts[DefaultUser] = DefaultPassword;
        Add(new Person("9901011508710001", "Bambang Setiadi", "bambang.setiadi@contoh.lumajang.go.id", UserStatus.ISSUE, "Contoh#Lumajang1", "bambang-setiadi", Secret("bambang")));
        Add(new Person("9901012210760002", "Sri Wahyuningsih", "sri.wahyuningsih@contoh.lumajang.go.id", UserStatus.ISSUE, "Contoh#Candipuro2", "sri-wahyuningsih", Secret("sri")));
        Add(new Person("9901011503740003", "Hendra Wijaya Kusuma", "hendra.wijaya@contoh.probolinggo.go.id", UserStatus.ISSUE, "Contoh#Kanigaran3", "hendra-wijaya-kusuma", Secret("hendra")));
        Add(new Person("9901010101800011", "Andi Kurniawan", "andi@contoh.go.id", UserStatus.EXPIRED, "Contoh#1", null, Secret("andi")));
        Add(new Person("9901010101800012", "Lestari Handayani", "lestari@contoh.go.id", UserStatus.RENEW, "Contoh#1", null, Secret("lestari")));
        Add(new Person("9901010101800013", "Joko Prasetyo", "joko@contoh.go.id", UserStatus.WAITING_FOR_VERIFICATION, "Contoh#1", null, Secret("joko")));
        Add(new Person("9901010101800014", "Rina Marlina", "rina@contoh.go.id", UserStatus.NEW, "Contoh#1", null, Secret("rina")));
        Add(new Person("9901010101800015", "Fajar Nugroho", "fajar@contoh.go.id", UserStatus.NO_CERTIFICATE, "Contoh#1", null, Secret("fajar")));
        Add(new Person("9901010101800016", "Agus Salim Wibowo", "agus@contoh.go.id", UserStatus.SUSPEND, "Contoh#1", null, Secret("agus")));
        Add(new Person("9901010101800017", "Yuliana Puspita", "yuliana@contoh.go.id", UserStatus.REVOKE, "Contoh#1", null, Secret("yuliana")));
        _seals["CONTOH-SEAL-LUMAJANG"] = new Seal("CONTOH-SEAL-LUMAJANG", "Kecamatan Lumajang", "seal-lumajang", Secret("seal-lumajang"));
    }

    /// <summary>App accounts: user name to password.</summary>
    public ConcurrentDictionary<string, string> Accounts { get; } = new(StringComparer.Ordinal);

    public IEnumerable<Person> People => _people.Values;

    public void Add(Person p) => _people[p.Nik] = p;

    public Person? ByNik(string? nik) => nik is not null && _people.TryGetValue(nik, out var p) ? p : null;

    public Person? ByEmail(string? email) =>
        email is null ? null : _people.Values.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));

    public Seal? SealOf(string? id) => id is not null && _seals.TryGetValue(id, out var s) ? s : null;

    /// <summary>Issues the one-time sealing code <c>seal/get/totp</c> hands out, good for <paramref name="files"/> files for five minutes.</summary>
    public string IssueSealCode(Seal seal, int files, DateTimeOffset now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        _sealCodes[seal.IdSubscriber] = (code, Math.Max(1, files), now.AddMinutes(5));
        return code;
    }

    /// <summary>Takes <paramref name="files"/> uses of the seal's current code when it matches.</summary>
    public bool UseSealCode(Seal seal, string? code, int files, DateTimeOffset now)
    {
        if (code is null || !_sealCodes.TryGetValue(seal.IdSubscriber, out var c)) return false;
        if (now > c.Expires || c.FilesLeft < files || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(code), System.Text.Encoding.ASCII.GetBytes(c.Code))) return false;
        return _sealCodes.TryUpdate(seal.IdSubscriber, (c.Code, c.FilesLeft - files, c.Expires), c);
    }

    /// <summary>A fixed, obviously-sample secret per person (so a test's "authenticator app" can compute the codes).</summary>
    public static byte[] Secret(string who) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("CONTOH-TOTP-" + who))[..20];
}

/// <summary>RFC 6238 TOTP: HMAC-SHA1, 30-second steps, 6 digits (RFC 4226 dynamic truncation).</summary>
public static class Totp
{
    public static string Code(byte[] secret, DateTimeOffset time)
    {
        long step = time.ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var mac = HMACSHA1.HashData(secret, counter);
        int offset = mac[^1] & 0x0F;
        int bin = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        return (bin % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Accepts the code of the current step or the one before/after (clock drift).</summary>
    public static bool Verify(byte[] secret, string? code, DateTimeOffset now) =>
        code is { Length: 6 } && new[] { -30, 0, 30 }.Any(d => CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Code(secret, now.AddSeconds(d))), System.Text.Encoding.ASCII.GetBytes(code)));

    /// <summary>Base32 (RFC 4648, no padding): how authenticator apps take the secret.</summary>
    public static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5) { sb.Append(alphabet[(buffer >> (bits - 5)) & 31]); bits -= 5; }
        }
        if (bits > 0) sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }
}
