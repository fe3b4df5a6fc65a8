using System.Security.Cryptography.X509Certificates;
using DocSign.Infrastructure.Security;
using DocSign.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Verification;

/// <summary>
/// The one trust every verification in the service uses (<c>DocSign:Verification</c>): the anchors, loaded once at
/// start; the online policy and time limits; and the sample-PKI rule (when the sample root is an anchor, every
/// report leads with <see cref="SampleTrust.Warning"/>). The archive's renewal collects validation data under the
/// same anchors.
/// </summary>
public sealed class VerificationProfile
{
    private readonly VerificationSettings _settings;

    public VerificationProfile(IOptions<VerificationSettings> settings, ILogger<VerificationProfile> logger)
    {
        _settings = settings.Value;
        Anchors = LoadAnchors(_settings.TrustAnchors, logger);
        SampleTrusted = Anchors.Any(SampleTrust.IsSample);
        if (SampleTrusted)
            logger.LogWarning("A certificate of the sample PKI is a trust anchor: every verification report says it is a sample (demo and tests only)");
    }

    public X509Certificate2Collection Anchors { get; }

    /// <summary>Whether the sample root is trusted (demo and tests; Production refuses to start with it).</summary>
    public bool SampleTrusted { get; }

    /// <summary>The engine's options for one verification; <paramref name="password"/> opens an encrypted PDF (never logged).</summary>
    public VerificationOptions Options(string? password = null) => new()
    {
        Password = password,
        TrustAnchors = Anchors,
        AllowOnlineRevocation = _settings.AllowOnlineRevocation,
        OnlineTimeout = _settings.OnlineTimeout,
        TimeLimit = _settings.TimeLimit,
    };

    /// <summary>Applies the sample-PKI rule to a finished report: its warning first, so every rendering leads with it.</summary>
    public void Mark(VerificationReport report)
    {
        if (SampleTrusted) report.Messages.Insert(0, SampleTrust.Warning);
    }

    internal static X509Certificate2Collection LoadAnchors(IEnumerable<string> paths, ILogger logger)
    {
        var anchors = new X509Certificate2Collection();
        foreach (var path in paths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!File.Exists(path))
            {
                logger.LogWarning("Trust anchor file {Path} does not exist; signatures chaining to it will be INDETERMINATE", path);
                continue;
            }
            anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        if (anchors.Count == 0)
            logger.LogWarning("No trust anchors configured (DocSign:Verification:TrustAnchors): every chain will be INDETERMINATE");
        return anchors;
    }
}
