namespace DocSign.Core.Signing;

/// <summary>How an enrolled signer signs: which provider holds his key.</summary>
public enum SigningMethod
{
    /// <summary>The PKCS#12 he uploaded at enrolment, opened with his passphrase for each signature.</summary>
    Pkcs12 = 0,
    /// <summary>BSrE's Esign Client Service (the key stays at BSrE): NIK plus passphrase or TOTP for each signature.</summary>
    Bsre = 1,
    /// <summary>A PKCS#11 token or HSM (a Camat's own token, or the office e-seal): token label plus PIN.</summary>
    Pkcs11 = 2,
    /// <summary>The office e-seal through BSrE's seal API: idSubscriber plus a one-time seal code.</summary>
    BsreSeal = 3,
}

/// <summary>
/// "Who signs", for one signature: the provider's handle on the key and the secret typed for this one use. Lives for one
/// request; its text form never shows the secret, and nothing in DocSign stores, logs or caches it.
/// </summary>
public abstract class SignerCredential
{
    private protected SignerCredential() { }

    public abstract SigningMethod Method { get; }

    public sealed override string ToString() => $"{GetType().Name}(hidden)";
}

/// <summary>The enrolled PKCS#12 and its passphrase.</summary>
public sealed class Pkcs12Credential(ReadOnlyMemory<byte> pkcs12, string passphrase) : SignerCredential
{
    public override SigningMethod Method => SigningMethod.Pkcs12;
    public SignerKey Key { get; } = new(pkcs12, passphrase);
}

/// <summary>A BSrE user: NIK and either the passphrase or a TOTP; <see cref="UseApiV1"/> when the office chose the v1 fallback.</summary>
public sealed class BsreCredential(string nik, string? passphrase, string? totp, bool useApiV1 = false) : SignerCredential
{
    public override SigningMethod Method => SigningMethod.Bsre;
    public string Nik { get; } = nik;
    public string? Passphrase { get; } = passphrase;
    public string? Totp { get; } = totp;
    public bool UseApiV1 { get; } = useApiV1;
}

/// <summary>An office e-seal at BSrE: the idSubscriber and the one-time seal code (from <c>seal/get/totp</c>).</summary>
public sealed class BsreSealCredential(string idSubscriber, string sealCode) : SignerCredential
{
    public override SigningMethod Method => SigningMethod.BsreSeal;
    public string IdSubscriber { get; } = idSubscriber;
    public string SealCode { get; } = sealCode;
}

/// <summary>A key on a PKCS#11 token: the token's label, the key's label on it, and the user PIN.</summary>
public sealed class Pkcs11Credential(string tokenLabel, string keyLabel, string pin) : SignerCredential
{
    public override SigningMethod Method => SigningMethod.Pkcs11;
    public string TokenLabel { get; } = tokenLabel;
    public string KeyLabel { get; } = keyLabel;
    public string Pin { get; } = pin;
}

/// <summary>
/// Whom the signature must name, from DocSign's own records: the enrolled name (BSrE's registry name for a BSrE user,
/// the office for a seal) and the NIP from DocSign's record. The certificate that comes back must carry this name; a NIP
/// is never taken from a certificate's CN.
/// </summary>
public sealed record ExpectedSigner(string Name, string? Nip = null);
