using DocSign.Validation.Reports;
using System.Security.Cryptography.X509Certificates;
using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Validation;

namespace DocSign.Validation.Tests;

/// <summary>Signed files made once per test run (signing needs the sample PKI's services) and helpers to verify them.</summary>
internal static class Signed
{
    private static readonly Lazy<Task<byte[]>> BbLazy = new(() => TestSigner.SignAsync(SamplePdfs.MultiPageText(2)));
    private static readonly Lazy<Task<byte[]>> BtLazy = new(() => { PkiServices.EnsureRunning(); return TestSigner.SignAsync(SamplePdfs.MultiPageText(2), new TestSignOptions { Tsa = SamplePki.TsaUrl }); });

    /// <summary>B-B, camat-kanigaran, invisible, classic xref.</summary>
    public static Task<byte[]> BB() => BbLazy.Value;

    /// <summary>B-T (signature timestamp from the sample TSA).</summary>
    public static Task<byte[]> BT() => BtLazy.Value;

    public static X509Certificate2Collection SampleAnchors() => new() { SamplePki.Root() };

    public static VerificationOptions Options(bool online = true, X509Certificate2Collection? anchors = null) => new()
    {
        TrustAnchors = anchors ?? SampleAnchors(),
        AllowOnlineRevocation = online,
        TimeLimit = TimeSpan.FromSeconds(60),
        // Short: a stuck OCSP responder (openssl ocsp serves one connection at a time) then costs little before the CRL is used.
        OnlineTimeout = TimeSpan.FromSeconds(2),
    };

    public static async Task<VerificationReport> Verify(byte[] pdf, VerificationOptions? options = null)
    {
        if (options is null || options.AllowOnlineRevocation) PkiServices.EnsureRunning();
        using var ms = new MemoryStream(pdf, writable: false);
        return await PdfSignatureVerifier.Default.VerifyAsync(ms, options ?? Options());
    }

    public static string Describe(VerificationReport r) => VerificationReportJson.ToJson(r, indented: true);
}
