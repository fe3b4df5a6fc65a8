namespace DocSign.Infrastructure.Signing.Providers;

/// <summary>
/// <c>DocSign:Signing:Bsre</c>: the institution's BSrE Esign Client Service. The application account (HTTP Basic) is the
/// institution's, not a person's; no signer's passphrase or TOTP is ever configured or stored.
/// </summary>
public sealed class BsreOptions
{
    public const string Section = "DocSign:Signing:Bsre";

    /// <summary>The ECS base address, e.g. http://esign.internal:8080/ (the emulator: http://127.0.0.1:18790/).</summary>
    public string? BaseUrl { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>How long one signing call may take before DocSign gives up and stores nothing.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Use the multipart API v1 (being retired) instead of v2; an office choice for old ECS installations.</summary>
    public bool UseApiV1 { get; set; }

    /// <summary>
    /// Certificate files (PEM or DER) of the roots BSrE's chains end in: the real "Root CA Indonesia DS G1" in production,
    /// certs-sample/bsre/root.pem with the emulator. Added to DocSign's own anchors when checking what BSrE returns.
    /// </summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>The level a BSrE signature must reach (BSrE signs B-LT).</summary>
    public string ExpectedLevel { get; set; } = "B-LT";
}

/// <summary><c>DocSign:Signing:Pkcs11</c>: the PKCS#11 module of the tokens or HSM attached to the server.</summary>
public sealed class Pkcs11Options
{
    public const string Section = "DocSign:Signing:Pkcs11";

    /// <summary>Path of the PKCS#11 module (SoftHSM2 on Debian: /usr/lib/softhsm/libsofthsm2.so).</summary>
    public string LibraryPath { get; set; } = "/usr/lib/softhsm/libsofthsm2.so";
}
