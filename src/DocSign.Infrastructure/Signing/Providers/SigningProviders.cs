using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Verification;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing.Providers;

/// <summary>
/// <see cref="ISigningProviders"/>: local keys (PKCS#12, PKCS#11) sign on DocSign's engine through
/// <see cref="PadesSignatureService"/>; BSrE (ECS v2, or v1 when the office chose it) and the BSrE e-seal sign remotely,
/// and what they return passes the <see cref="RemoteSignatureGuard"/> before a single byte reaches the output.
/// </summary>
internal sealed class SigningProviders : ISigningProviders
{
    private readonly PadesSignatureService _local;
    private readonly BsreOptions _bsre;
    private readonly Pkcs11Options _pkcs11;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<SigningProviders> _logger;
    private readonly Lazy<X509Certificate2Collection> _anchors;

    public SigningProviders(PadesSignatureService local, IOptions<BsreOptions> bsre, IOptions<Pkcs11Options> pkcs11,
        IOptions<VerificationSettings> verification, IOptions<SigningOptions> engine, IHttpClientFactory http, TimeProvider clock,
        ILogger<SigningProviders> logger)
    {
        _local = local;
        _bsre = bsre.Value;
        _pkcs11 = pkcs11.Value;
        _http = http;
        _clock = clock;
        _logger = logger;
        // BSrE's roots (its own configuration) plus every root DocSign already trusts for signing and verification.
        _anchors = new(() => VerificationProfile.LoadAnchors(_bsre.TrustAnchors.Concat(verification.Value.TrustAnchors).Concat(engine.Value.TrustAnchors).Distinct(), logger));
    }

    public async Task<SignatureOutcome> SignAsync(Stream pdf, Stream output, SignatureRequest request, SignerCredential credential, ExpectedSigner expected,
        CancellationToken cancellationToken = default)
    {
        switch (credential)
        {
            case Pkcs12Credential p12:
                return await _local.SignAsync(pdf, output, request, p12.Key, cancellationToken);
            case Pkcs11Credential p11:
                var library = _pkcs11.LibraryPath;
                return await _local.SignWithTokenAsync(pdf, output, request, () => new Pkcs11SigningToken(library, p11.TokenLabel, p11.KeyLabel, p11.Pin), cancellationToken);
            case BsreCredential or BsreSealCredential:
                var sent = await ReadAllAsync(pdf, cancellationToken);
                var results = await RemoteAsync([(sent, request)], credential, expected, cancellationToken);
                var (bytes, outcome) = results[0].Signed!.Value;
                output.SetLength(0);
                await output.WriteAsync(bytes, cancellationToken);
                await output.FlushAsync(cancellationToken);
                return outcome;
            default:
                throw new SignatureServiceException(SignatureFailure.NotConfigured, "Cara tanda tangan ini belum didukung server.");
        }
    }

    public async Task<IReadOnlyList<SignedInBatch>> SignBatchAsync(IReadOnlyList<BatchDocument> documents, SignerCredential credential,
        ExpectedSigner expected, Action<int>? signed = null, CancellationToken cancellationToken = default)
    {
        var done = 0;
        switch (credential)
        {
            case Pkcs12Credential or Pkcs11Credential:
            {
                // One unlock (PKCS#12) or one login (PKCS#11) for the whole batch; a wrong secret fails it before any signature.
                var key = credential is Pkcs12Credential p12 ? p12.Key : null;
                var library = _pkcs11.LibraryPath;
                Func<ISigningToken> open = credential switch
                {
                    Pkcs12Credential => () => Pkcs12SigningToken.Open(key!.Pkcs12.Span, key.Passphrase),
                    Pkcs11Credential p11 => () => new Pkcs11SigningToken(library, p11.TokenLabel, p11.KeyLabel, p11.Pin),
                    _ => throw new ArgumentException("Not a local credential", nameof(credential)),
                };
                ISigningToken token;
                try { token = await Task.Run(open, cancellationToken); }
                catch (SigningException e) { throw PadesSignatureService.Failure(e); }
                try
                {
                    var results = new List<SignedInBatch>();
                    foreach (var d in documents)
                    {
                        try
                        {
                            d.Pdf.Position = 0;
                            results.Add(new SignedInBatch(await _local.SignWithTokenAsync(d.Pdf, d.Output, d.Request, () => new SharedToken(token), cancellationToken), null));
                        }
                        catch (SignatureServiceException e) when (e.Failure is not (SignatureFailure.WrongPassphrase or SignatureFailure.NotConfigured))
                        {
                            _logger.LogWarning("A document of a {Method} batch was not signed: {Failure}: {Reason}", credential.Method, e.Failure, e.Message);
                            d.Output.SetLength(0);
                            results.Add(new SignedInBatch(null, e));
                        }
                        signed?.Invoke(++done);
                    }
                    return results;
                }
                finally { (token as IDisposable)?.Dispose(); }
            }
            case BsreCredential or BsreSealCredential:
            {
                var sent = new List<(byte[], SignatureRequest)>();
                foreach (var d in documents) sent.Add((await ReadAllAsync(d.Pdf, cancellationToken), d.Request));
                var remote = documents.Count == 1
                    ? [await RemoteOneAsync(sent[0], credential, expected, cancellationToken)]
                    : await RemoteAsync(sent, credential, expected, cancellationToken);
                var results = new List<SignedInBatch>();
                for (int i = 0; i < documents.Count; i++)
                {
                    if (remote[i].Signed is var (bytes, outcome))
                    {
                        documents[i].Output.SetLength(0);
                        await documents[i].Output.WriteAsync(bytes, cancellationToken);
                        await documents[i].Output.FlushAsync(cancellationToken);
                        results.Add(new SignedInBatch(outcome, null));
                    }
                    else results.Add(new SignedInBatch(null, remote[i].Error));
                    signed?.Invoke(++done);
                }
                return results;
            }
            default:
                throw new SignatureServiceException(SignatureFailure.NotConfigured, "Cara tanda tangan ini belum didukung server.");
        }
    }

    /// <summary>A batch of one: a refusal of its only document is that document's, not the call's (unless the secret was wrong).</summary>
    private async Task<RemoteResult> RemoteOneAsync((byte[], SignatureRequest) document, SignerCredential credential, ExpectedSigner expected, CancellationToken ct)
    {
        try { return (await RemoteAsync([document], credential, expected, ct))[0]; }
        catch (RemoteSignerException e) when (e.ProviderMessage is null && e.Failure == SignatureFailure.Other) { return new RemoteResult(null, e); }
    }

    /// <summary>
    /// Several documents in one BSrE call (bulk v2, one passphrase/TOTP): each returned file is checked on its own, so one
    /// refused file leaves the others standing. A refusal of the whole call (wrong passphrase, timeout) is thrown.
    /// </summary>
    public async Task<IReadOnlyList<RemoteResult>> RemoteAsync(IReadOnlyList<(byte[] Pdf, SignatureRequest Request)> documents, SignerCredential credential,
        ExpectedSigner expected, CancellationToken cancellationToken)
    {
        var client = new BsreClient(_http.CreateClient(BsreClient.HttpClientName), _bsre);
        var docs = documents.Select(d => Document(d.Pdf, d.Request)).ToList();
        IReadOnlyList<byte[]> returned = credential switch
        {
            BsreCredential who => await client.SignAsync(who, docs, cancellationToken),
            BsreSealCredential seal => await client.SealAsync(seal, docs, cancellationToken),
            _ => throw new ArgumentException("Not a remote credential", nameof(credential)),
        };
        var guard = new RemoteSignatureGuard(_anchors.Value, _http.CreateClient(OutboundHttp.ClientName), _clock, TimeSpan.FromSeconds(5));
        var minimum = _bsre.ExpectedLevel switch { "B-B" => PadesLevelReached.BB, "B-T" => PadesLevelReached.BT, "B-LTA" => PadesLevelReached.BLTA, _ => PadesLevelReached.BLT };
        var results = new List<RemoteResult>();
        for (int i = 0; i < docs.Count; i++)
        {
            try
            {
                var outcome = await guard.CheckAsync(docs[i].Pdf, returned[i], expected, minimum, cancellationToken);
                results.Add(new RemoteResult((returned[i], outcome), null));
            }
            catch (RemoteSignerException e)
            {
                _logger.LogWarning("A {Method} signature was refused by DocSign's checks: {Reason}", credential.Method, e.Explanation);
                results.Add(new RemoteResult(null, e));
            }
        }
        if (docs.Count == 1 && results[0].Error is { } only) throw only;
        return results;
    }

    private static BsreDocument Document(byte[] pdf, SignatureRequest request)
    {
        BsrePlacement? placement = null;
        if (request.Box is { } box) placement = new BsrePlacement(box.Page, box.X, box.Y, box.Width, box.Height, PageHeight(pdf, box.Page));
        return new BsreDocument(pdf, placement, request.Reason, request.Location, request.QrUrl);
    }

    private static double PageHeight(byte[] pdf, int page)
    {
        try
        {
            using var file = PdfFile.Open(pdf);
            var pages = file.GetPages();
            if (page < 1 || page > pages.Count) throw new SignatureServiceException(SignatureFailure.BadBox, $"Halaman {page} tidak ada pada dokumen ({pages.Count} halaman).");
            var p = pages[page - 1];
            var box = (p.CropBox ?? p.MediaBox)?.Select(o => o switch { PdfInteger i => (double)i.Value, PdfReal r => r.Value, _ => 0 }).ToArray();
            return box is { Length: 4 } ? Math.Abs(box[3] - box[1]) : 842;
        }
        catch (PdfException e)
        {
            throw new SignatureServiceException(SignatureFailure.UnreadablePdf, "Berkas bukan PDF yang dapat dibaca.", e);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream s, CancellationToken ct)
    {
        s.Position = 0;
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return ms.ToArray();
    }
}

/// <summary>A token opened once for a batch, lent to each signature: the batch disposes it, not the signature.</summary>
internal sealed class SharedToken(ISigningToken token) : ISigningToken
{
    public X509Certificate2 Certificate => token.Certificate;
    public IReadOnlyList<X509Certificate2> Chain => token.Chain;
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, System.Security.Cryptography.HashAlgorithmName hash, CancellationToken cancellationToken = default) =>
        token.SignAsync(data, hash, cancellationToken);
    public Task<byte[]> SignPssAsync(ReadOnlyMemory<byte> data, System.Security.Cryptography.HashAlgorithmName hash, CancellationToken cancellationToken = default) =>
        token.SignPssAsync(data, hash, cancellationToken);
}

/// <summary>One document of a remote batch: the accepted bytes and outcome, or why it was refused.</summary>
internal sealed record RemoteResult((byte[] Bytes, SignatureOutcome Outcome)? Signed, RemoteSignerException? Error);
