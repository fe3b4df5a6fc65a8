namespace DocSign.Infrastructure.Signing;

/// <summary>
/// Bound from <c>DocSign:Letters:Signing</c>: the office e-seals that seal letters unattended, per office. Only an
/// office e-seal may be configured here: a person's key (a certificate that names a person by NIP) is refused, because
/// a personal key on the server with its passphrase in configuration is not under its owner's sole control.
/// </summary>
public sealed class LetterSigningOptions
{
    public const string Section = "DocSign:Letters:Signing";

    /// <summary>Time-stamping authority; with one the letter is signed at B-T (and can be renewed to B-LTA in the archive).</summary>
    public string? TsaUrl { get; set; }

    /// <summary>Per office id: its e-seal (from the environment or a secret store, never the database).</summary>
    public Dictionary<string, LetterKey> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// One office's e-seal, by one of three means: a PKCS#12 file (<see cref="Pkcs12Path"/>), BSrE's seal API
/// (<see cref="BsreIdSubscriber"/> with the activation secret behind the office's authenticator), or a PKCS#11 token
/// (<see cref="Pkcs11TokenLabel"/>). The first one set is used.
/// </summary>
public sealed class LetterKey
{
    public string? Pkcs12Path { get; set; }
    public string? Passphrase { get; set; }

    /// <summary>The seal's idSubscriber at BSrE (the ECS address and app account are <c>DocSign:Signing:Bsre</c>).</summary>
    public string? BsreIdSubscriber { get; set; }
    /// <summary>The seal's activation secret (base32, as <c>seal/get/activation</c> gives it), from which DocSign makes the activation TOTP.</summary>
    public string? BsreActivationSecret { get; set; }

    /// <summary>PKCS#11 token and key labels and the user PIN (the module is <c>DocSign:Signing:Pkcs11:LibraryPath</c>).</summary>
    public string? Pkcs11TokenLabel { get; set; }
    public string? Pkcs11KeyLabel { get; set; }
    public string? Pkcs11Pin { get; set; }

    /// <summary>The name the seal's certificate carries (the office), checked on what BSrE or the token returns.</summary>
    public string? SealName { get; set; }
}
