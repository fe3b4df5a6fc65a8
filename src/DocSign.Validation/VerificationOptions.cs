using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation;

/// <summary>What a verification trusts and how far it may go (network, time, size).</summary>
public sealed class VerificationOptions
{
    /// <summary>Trust anchors: a chain must end at one of these (the CLI's --trust, the office's configured anchors).</summary>
    public X509Certificate2Collection TrustAnchors { get; init; } = new();

    /// <summary>Whether OCSP/CRL may be fetched online when the file does not embed revocation data. Only addresses
    /// named by certificates that chain to a trust anchor are contacted, never those of unknown issuers.</summary>
    public bool AllowOnlineRevocation { get; init; } = true;

    /// <summary>Time limit for each online request.</summary>
    public TimeSpan OnlineTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time budget for a whole verification; past it the call ends with an "unreadable" result.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxFileSize { get; init; } = 512L * 1024 * 1024;

    /// <summary>The "current time" of the validation; the clock when null (tests fix it).</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>HTTP client for OCSP/CRL; a private one with <see cref="OnlineTimeout"/> when null.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Whether to hash the whole file (SHA-256) for the report. A second pass over the bytes besides the
    /// signatures' own digests, so a plain pass/fail check may leave it off.</summary>
    public bool ComputeFileSha256 { get; init; } = true;

    /// <summary>Most signatures and document timestamps verified in one file: each costs a pass of hashing, so a
    /// file with thousands of them is refused rather than allowed to take the machine.</summary>
    public int MaxSignatures { get; init; } = 200;

    /// <summary>The password of an encrypted PDF (user or owner); the empty user password is tried when null. Never
    /// logged or put in a report.</summary>
    public string? Password { get; init; }

    /// <summary>Largest CRL downloaded, in bytes.</summary>
    public int MaxCrlDownload { get; init; } = 10 * 1024 * 1024;
}
