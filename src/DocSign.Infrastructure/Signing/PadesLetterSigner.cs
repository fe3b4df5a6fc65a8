using System.Collections.Concurrent;
using System.Security.Cryptography;
using DocSign.Core.Letters;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Signing.Providers;
using DocSign.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// Seals DocSign's own letters unattended with the office's e-seal, and only with an e-seal: a PKCS#12 file through the
/// PAdES engine (<see cref="PadesSigner"/>), BSrE's seal API (idSubscriber + a TOTP from the seal's activation
/// secret), or a PKCS#11 token. A configured PKCS#12 whose certificate names a person (a NIP) is refused: a person's key
/// never sits on the server with its passphrase in configuration; people sign letters themselves
/// (<see cref="SignCoverLetterHandler"/>). With only the sample PKI configured (demo and tests), the sample seal file
/// <c>seal-&lt;office&gt;.p12</c> is used. Opened PKCS#12 keys are kept in memory for the life of the process.
/// </summary>
public sealed class PadesLetterSigner(
    IOptions<LetterSigningOptions> options, IConfiguration configuration, ISigningProviders providers, ISignatureService engine,
    IHttpClientFactory http, IOptions<BsreOptions> bsre, TimeProvider clock, ILogger<PadesLetterSigner> logger) : ILetterSigner, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Pkcs12SigningToken>> _tokens = new(StringComparer.Ordinal);
    private readonly PadesSigner _signer = new(clock);

    public async Task<byte[]> SignAsync(string officeId, LetterSigner signer, byte[] pdf, string reason, string location, CancellationToken cancellationToken = default)
    {
        if (signer != LetterSigner.Seal)
            throw new LetterSigningUnavailableException($"Letters of {officeId} are signed by a person ({signer.ToWire()}), never unattended.");
        options.Value.Keys.TryGetValue(officeId, out var key);
        if (key is { BsreIdSubscriber.Length: > 0 } || key is { Pkcs11TokenLabel.Length: > 0 })
            return await SealThroughProviderAsync(officeId, key, pdf, reason, location, cancellationToken);

        var token = Token(officeId, key);
        var tsa = options.Value.TsaUrl;
        var parameters = new SigningParameters
        {
            Level = string.IsNullOrWhiteSpace(tsa) ? PadesLevel.BB : PadesLevel.BT,
            TsaUrl = string.IsNullOrWhiteSpace(tsa) ? null : new Uri(tsa),
            Reason = reason,
            Location = location,
        };
        using var input = new MemoryStream(pdf, writable: false);
        using var output = new MemoryStream();
        try
        {
            await _signer.SignAsync(input, output, parameters, token, cancellationToken);
        }
        catch (SigningException e)
        {
            throw new LetterSigningUnavailableException($"Signing the letter of {officeId} failed: {e.Message}", e);
        }
        return output.ToArray();
    }

    /// <summary>
    /// The certificate the office e-seal will use, for the letter's footer. A PKCS#12 seal is read from its file; a seal
    /// at BSrE or on a PKCS#11 token is described by its configured name only (its issuer is not known before it
    /// signs), so the footer then claims no issuer (never BSrE by assumption).
    /// </summary>
    public Task<LetterCertificate> DescribeAsync(string officeId, LetterSigner signer, CancellationToken cancellationToken = default)
    {
        if (signer != LetterSigner.Seal)
            throw new LetterSigningUnavailableException($"Letters of {officeId} are signed by a person ({signer.ToWire()}), never unattended.");
        options.Value.Keys.TryGetValue(officeId, out var key);
        if (key is { BsreIdSubscriber.Length: > 0 } || key is { Pkcs11TokenLabel.Length: > 0 })
            return Task.FromResult(new LetterCertificate(key.SealName ?? "", "penyelenggara sertifikasi elektronik yang tercantum pada sertifikatnya", ""));
        var certificate = Token(officeId, key).Certificate;
        var issuer = certificate.IssuerName;
        var issuerName = issuer.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value is "2.5.4.3" or "2.5.4.10")
            .OrderBy(r => r.GetSingleElementType().Value == "2.5.4.3" ? 0 : 1)
            .Select(r => r.GetSingleElementValue()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? issuer.Name;
        return Task.FromResult(new LetterCertificate(certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false), issuerName!, issuer.Name));
    }

    /// <summary>The office e-seal at BSrE (seal API) or on a PKCS#11 token, through the signing providers and their checks.</summary>
    private async Task<byte[]> SealThroughProviderAsync(string officeId, LetterKey key, byte[] pdf, string reason, string location, CancellationToken cancellationToken)
    {
        var name = key.SealName ?? "";
        try
        {
            SignerCredential credential;
            if (key.BsreIdSubscriber is { Length: > 0 } id)
            {
                var client = new BsreClient(http.CreateClient(BsreClient.HttpClientName), bsre.Value);
                var activation = SealTotp.Code(SealTotp.FromBase32(key.BsreActivationSecret ?? ""), clock.GetUtcNow());
                credential = new BsreSealCredential(id, await client.SealCodeAsync(id, activation, 1, cancellationToken));
            }
            else
            {
                credential = new Pkcs11Credential(key.Pkcs11TokenLabel!, key.Pkcs11KeyLabel ?? "", key.Pkcs11Pin ?? "");
            }
            var request = new SignatureRequest
            {
                Level = engine.TimestampingAvailable ? SignatureLevel.BT : SignatureLevel.BB,
                Reason = reason, Location = location, SignerName = name, SigningTime = clock.GetUtcNow(),
            };
            using var input = new MemoryStream(pdf, writable: false);
            using var output = new MemoryStream();
            await providers.SignAsync(input, output, request, credential, new ExpectedSigner(name), cancellationToken);
            return output.ToArray();
        }
        catch (SignatureServiceException e)
        {
            logger.LogWarning("The e-seal of {Office} did not seal a letter: {Failure}", officeId, e.Failure);
            throw new LetterSigningUnavailableException($"The e-seal of {officeId} did not seal the letter: {e.Message}", e);
        }
    }

    private Pkcs12SigningToken Token(string officeId, LetterKey? key)
    {
        var (path, passphrase) = KeyOf(officeId, key);
        var lazy = _tokens.GetOrAdd(path, p => new Lazy<Pkcs12SigningToken>(() => Pkcs12SigningToken.Open(p, passphrase)));
        Pkcs12SigningToken token;
        try
        {
            token = lazy.Value;
        }
        catch (Exception e)
        {
            _tokens.TryRemove(path, out _);
            // The passphrase is never part of the message.
            logger.LogWarning("The letter e-seal of {Office} ({Path}) could not be opened: {Error}", officeId, path, e.GetType().Name);
            throw new LetterSigningUnavailableException($"The letter e-seal of {officeId} could not be opened.", e);
        }
        if (IsPersonal(token))
        {
            logger.LogError("The letter key configured for {Office} ({Path}) is a person's certificate, not an office e-seal; refused", officeId, path);
            throw new LetterSigningUnavailableException(
                $"The letter key of {officeId} is a person's certificate; only the office e-seal may seal letters unattended (DocSign:Letters:Signing:Keys:{officeId}).");
        }
        return token;
    }

    /// <summary>A certificate that names a person by NIP (or carries a personal title) is a person's key, not an e-seal.</summary>
    public static bool IsPersonal(Pkcs12SigningToken token) =>
        token.Certificate.SubjectName.EnumerateRelativeDistinguishedNames().Any(r =>
            r.GetSingleElementType().Value == "2.5.4.12"   // title: a person's post
            || (r.GetSingleElementType().Value == "2.5.4.5" && r.GetSingleElementValue()?.StartsWith("NIP", StringComparison.OrdinalIgnoreCase) == true)
            || (r.GetSingleElementType().Value == "2.5.4.3" && r.GetSingleElementValue()?.Contains("NIP", StringComparison.Ordinal) == true));

    /// <summary>A start-up problem when the configured PKCS#12 of <paramref name="officeId"/> is a person's key; null otherwise (or unreadable).</summary>
    public static string? PersonalKeyProblem(string officeId, LetterKey key)
    {
        try
        {
            using var token = Pkcs12SigningToken.Open(key.Pkcs12Path!, key.Passphrase ?? "");
            return IsPersonal(token)
                ? $"DocSign:Letters:Signing:Keys:{officeId} holds a person's certificate with its passphrase in configuration: that key is not under its owner's sole control. Configure the office e-seal instead; the Camat or Sekcam signs letters himself."
                : null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or SigningException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private (string Path, string Passphrase) KeyOf(string officeId, LetterKey? key)
    {
        if (key is { Pkcs12Path.Length: > 0 } k)
            return (k.Pkcs12Path, k.Passphrase ?? "");
        // Demo and tests only (the start-up guard refuses the sample PKI elsewhere).
        if (Security.SampleTrust.File(configuration, "seal-" + officeId + ".p12") is { } file)
            return (file, Security.SampleTrust.Passphrase);
        throw new LetterSigningUnavailableException($"No e-seal is configured for office {officeId} (DocSign:Letters:Signing:Keys:{officeId}).");
    }

    public void Dispose()
    {
        foreach (var t in _tokens.Values.Where(t => t.IsValueCreated)) t.Value.Dispose();
    }
}

/// <summary>RFC 6238 TOTP (30 s, 6 digits, HMAC-SHA1), as the e-seal's authenticator makes it from its activation secret.</summary>
internal static class SealTotp
{
    public static string Code(byte[] secret, DateTimeOffset time)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, time.ToUnixTimeSeconds() / 30);
        var mac = HMACSHA1.HashData(secret, counter);
        var offset = mac[^1] & 0x0F;
        var value = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Base32 (RFC 4648, padding and spaces ignored) to bytes.</summary>
    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is '=' or ' ' or '-') continue;
            var v = alphabet.IndexOf(c);
            if (v < 0) throw new LetterSigningUnavailableException("The e-seal activation secret is not base32.");
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) { bytes.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return [.. bytes];
    }
}
