using System.Security.Cryptography;
using System.Text;
using DocSign.Infrastructure.Security;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// The chain key: keys each audit link (HMAC-SHA256 over the entry's fields and the previous link) and the records
/// that anchor the chain (the switch point from the older unkeyed links, and each anchor).
/// </summary>
public sealed class AuditChainKey
{
    private readonly byte[] _key;

    public AuditChainKey(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The audit chain key must be at least 32 bytes.", nameof(key));
        _key = key;
    }

    /// <summary>Whether the key was made by this start (no key existed before): then nothing keyed before can verify.</summary>
    public bool CreatedNow { get; private init; }

    /// <summary>Whether the key is the default file under this instance's data folder (not configured).</summary>
    public bool FromDataDirectory { get; private init; }

    /// <summary>Hex HMAC-SHA256 of <paramref name="text"/> (UTF-8) under the key.</summary>
    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>What the MAC over the chain's switch point to keyed links covers.</summary>
    public static string SwitchStatement(long keyedFrom) =>
        "docsign-audit-keyed-from/v1|" + keyedFrom.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Compares a stored MAC in constant time.</summary>
    public bool Verify(string text, string? mac) =>
        mac is { Length: 64 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(text)), Encoding.ASCII.GetBytes(mac));

    /// <summary>The key from <paramref name="options"/>, or from the key file under the data directory (made if missing).</summary>
    public static AuditChainKey Load(AuditChainOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.ChainKey)) return new AuditChainKey(Decode(options.ChainKey, "DocSign:Audit:ChainKey"));
        var path = string.IsNullOrWhiteSpace(options.ChainKeyFile) ? Path.Combine(dataDirectory, "keys", "audit-chain.key") : options.ChainKeyFile;
        var own = string.IsNullOrWhiteSpace(options.ChainKeyFile);
        if (File.Exists(path)) return new AuditChainKey(Decode(File.ReadAllText(path), path)) { FromDataDirectory = own };
        if (!own)
            throw new InvalidOperationException($"DocSign:Audit:ChainKeyFile {path} does not exist.");
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = OperatingSystem.IsWindows()
                   ? new FileStream(temp, FileMode.CreateNew, FileAccess.Write)
                   : new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFiles.FileMode }))
        using (var writer = new StreamWriter(stream)) writer.Write(Convert.ToBase64String(key));
        try
        {
            // Two processes starting at once on a new data folder: the first key written wins, the other reads it.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return new AuditChainKey(Decode(File.ReadAllText(path), path)) { FromDataDirectory = true };
        }
        return new AuditChainKey(key) { CreatedNow = true, FromDataDirectory = true };
    }

    private static byte[] Decode(string base64, string where)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length >= 32) return key;
        }
        catch (FormatException) { }
        throw new InvalidOperationException($"The audit chain key ({where}) must be at least 32 bytes in base64 (e.g. from `openssl rand -base64 32`).");
    }
}
