namespace DocSign.Infrastructure.Demo;

/// <summary>Bound from <c>DocSign:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "DocSign:Demo";

    /// <summary>Creates the four demo offices and their users (embedded defaults only; off in production).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Offices whose demo Camat signs through BSrE (the loopback emulator) rather than a sample PKCS#12: office id →
    /// his fictional NIK (<c>DocSign:Demo:BsreNik:&lt;office&gt;</c>). Used only when <c>DocSign:Signing:Bsre:BaseUrl</c> is set.
    /// </summary>
    public Dictionary<string, string> BsreNik { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public const string Password = "docsign-demo";
}
