namespace DocSign.Infrastructure.Signing;

/// <summary>Bound from <c>DocSign:Letters:Signing</c>: the keys that sign letters unattended, per office.</summary>
public sealed class LetterSigningOptions
{
    public const string Section = "DocSign:Letters:Signing";

    /// <summary>Time-stamping authority; with one the letter is signed at B-T (and can be renewed to B-LTA in the archive).</summary>
    public string? TsaUrl { get; set; }

    /// <summary>Per office id: the PKCS#12 file and its passphrase (from the environment or a secret store, never the database).</summary>
    public Dictionary<string, LetterKey> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One office's unattended signing key.</summary>
public sealed class LetterKey
{
    public string? Pkcs12Path { get; set; }
    public string? Passphrase { get; set; }
}
