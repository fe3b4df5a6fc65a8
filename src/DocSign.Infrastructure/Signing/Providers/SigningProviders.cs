using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Verification;
using DocSign.Pdf;
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
    private readonly BsreSettings _bsre;
    private readonly Pkcs11Settings _pkcs11;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<SigningProviders> _logger;
    private readonly Lazy<X509Certificate2Collection> _anchors;

    public SigningProviders(PadesSignatureService local, IOptions<BsreSettings> bsre, IOptions<Pkcs11Settings> pkcs11,
        IOptions<VerificationSettings> verification, IOptions<SigningEngineSettings> engine, IHttpClientFactory http, TimeProvider clock,
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

/// <summary>One document of a remote batch: the accepted bytes and outcome, or why it was refused.</summary>
internal sealed record RemoteResult((byte[] Bytes, SignatureOutcome Outcome)? Signed, RemoteSignerException? Error);
