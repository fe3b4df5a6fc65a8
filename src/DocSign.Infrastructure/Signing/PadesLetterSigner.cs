using System.Collections.Concurrent;
using DocSign.Core.Letters;
using DocSign.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// Signs DocSign's own letters with the PAdES engine (<see cref="PadesSigner"/>), with the office's configured key:
/// its e-seal, or the Camat's where the office template says so. With only the sample PKI configured (demo and
/// tests), the sample seal/Camat files are used. Opened keys are kept in memory for the life of the process.
/// </summary>
public sealed class PadesLetterSigner(
    IOptions<LetterSigningOptions> options, IConfiguration configuration, TimeProvider clock, ILogger<PadesLetterSigner> logger) : ILetterSigner, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Pkcs12SigningToken>> _tokens = new(StringComparer.Ordinal);
    private readonly PadesSigner _signer = new(clock);

    public async Task<byte[]> SignAsync(string officeId, LetterSigner signer, byte[] pdf, string reason, string location, CancellationToken cancellationToken = default)
    {
        var token = Token(officeId, signer);
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

    public Task<LetterCertificate> DescribeAsync(string officeId, LetterSigner signer, CancellationToken cancellationToken = default)
    {
        var certificate = Token(officeId, signer).Certificate;
        var issuer = certificate.IssuerName;
        var issuerName = issuer.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value is "2.5.4.3" or "2.5.4.10")
            .OrderBy(r => r.GetSingleElementType().Value == "2.5.4.3" ? 0 : 1)
            .Select(r => r.GetSingleElementValue()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? issuer.Name;
        return Task.FromResult(new LetterCertificate(certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false), issuerName!, issuer.Name));
    }

    private Pkcs12SigningToken Token(string officeId, LetterSigner signer)
    {
        var (path, passphrase) = KeyOf(officeId, signer);
        var lazy = _tokens.GetOrAdd(path, p => new Lazy<Pkcs12SigningToken>(() => Pkcs12SigningToken.Open(p, passphrase)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e)
        {
            _tokens.TryRemove(path, out _);
            // The passphrase is never part of the message.
            logger.LogWarning("The letter signing key of {Office} ({Path}) could not be opened: {Error}", officeId, path, e.GetType().Name);
            throw new LetterSigningUnavailableException($"The letter signing key of {officeId} could not be opened.", e);
        }
    }

    private (string Path, string Passphrase) KeyOf(string officeId, LetterSigner signer)
    {
        if (options.Value.Keys.TryGetValue(officeId, out var key) && !string.IsNullOrWhiteSpace(key.Pkcs12Path))
            return (key.Pkcs12Path, key.Passphrase ?? "");
        // Demo and tests only (the start-up guard refuses the sample PKI elsewhere).
        if (Security.SampleTrust.File(configuration, (signer == LetterSigner.Camat ? "camat-" : "seal-") + officeId + ".p12") is { } file)
            return (file, Security.SampleTrust.Passphrase);
        throw new LetterSigningUnavailableException($"No letter signing key is configured for office {officeId} (DocSign:Letters:Signing:Keys:{officeId}).");
    }

    public void Dispose()
    {
        foreach (var t in _tokens.Values.Where(t => t.IsValueCreated)) t.Value.Dispose();
    }
}
