using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Signing;
using DocSign.Pdf;
using DocSign.Infrastructure.Outbound;
using DocSign.Signing;
using DocSign.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// <see cref="ISignatureService"/> on DocSign's own engine: PadesSigner for B-B/B-T (one incremental update with the
/// visible stamp), then PadesExtender for B-LT/B-LTA (DSS, document time-stamp), each step into a temporary file.
/// The PKCS#12 is opened in memory for the one signature and disposed with it.
/// </summary>
internal sealed class PadesSignatureService : ISignatureService
{
    /// <summary>The TSA's client: its address is operator configuration, so it is not filtered by destination, but it
    /// never follows a redirect. Every other call (OCSP, CRL, CA issuers) goes through <see cref="OutboundHttp.ClientName"/>.</summary>
    public const string TsaClient = "DocSign.Signing.Tsa";

    /// <summary>Default stamp: 260 × 110 pt, 40 pt from the right and bottom edges of the last page.</summary>
    private const double StampWidth = 260, StampHeight = 110, Margin = 40;

    private readonly SigningOptions _settings;
    private readonly Uri? _tsa;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<PadesSignatureService> _logger;
    private readonly Lazy<X509Certificate2Collection> _anchors;

    public PadesSignatureService(IOptions<SigningOptions> settings, IHttpClientFactory http, TimeProvider clock, ILogger<PadesSignatureService> logger)
    {
        _settings = settings.Value;
        _http = http;
        _clock = clock;
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(_settings.TsaUrl))
        {
            if (!Uri.TryCreate(_settings.TsaUrl, UriKind.Absolute, out var tsa) || (tsa.Scheme != Uri.UriSchemeHttp && tsa.Scheme != Uri.UriSchemeHttps))
                throw new InvalidOperationException($"DocSign:Signing:TsaUrl is not an http(s) address: {_settings.TsaUrl}");
            _tsa = tsa;
        }
        _anchors = new(LoadAnchors);
    }

    public bool TimestampingAvailable => _tsa is not null;

    public SignerCertificate ReadCertificate(ReadOnlySpan<byte> pkcs12, string passphrase)
    {
        Pkcs12SigningToken token;
        try
        {
            token = Pkcs12SigningToken.Open(pkcs12, passphrase);
        }
        catch (SigningException e) when (e.Code == SigningErrorCode.WrongPassphrase)
        {
            throw new SignatureServiceException(SignatureFailure.WrongPassphrase, "Passphrase salah, atau berkas bukan PKCS#12 yang dapat dibuka.", e);
        }
        catch (SigningException e)
        {
            throw new SignatureServiceException(SignatureFailure.KeyUnusable, e.Message, e);
        }
        using (token)
        {
            var cert = token.Certificate;
            var who = SignerIdentity.From(cert);
            var issuerName = cert.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
            if (string.IsNullOrWhiteSpace(issuerName)) issuerName = cert.Issuer;
            var usage = cert.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            var canSign = usage is null || (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) != 0;
            return new SignerCertificate(cert.Subject, cert.Issuer, issuerName, cert.SerialNumber,
                new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                who.Name, who.Nip, who.Position, who.Office, canSign, ChainsToAnchor(cert, token.Chain));
        }
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to a configured signing trust anchor, with the PKCS#12's own
    /// certificates as intermediates only (trust is configuration, never the uploaded file). Dates and revocation are
    /// left to the enrolment's own check and to verification.
    /// </summary>
    private bool ChainsToAnchor(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        if (_anchors.Value.Count == 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors.Value);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        chain.ChainPolicy.VerificationTime = _clock.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }

    public DocumentLayout Layout(Stream pdf)
    {
        try
        {
            pdf.Position = 0;
            using var file = PdfFile.Open(pdf, leaveOpen: true);
            var pages = file.GetPages();
            if (pages.Count == 0) throw new SignatureServiceException(SignatureFailure.UnreadablePdf, "PDF tidak memiliki halaman.");
            var last = pages[^1];
            var box = Numbers(last.CropBox ?? last.MediaBox);
            double w = Math.Abs(box[2] - box[0]), h = Math.Abs(box[3] - box[1]);
            if (last.Rotate is 90 or 270) (w, h) = (h, w);
            var width = Math.Min(StampWidth, Math.Max(1, w - 2 * Margin));
            var height = Math.Min(StampHeight, Math.Max(1, h - 2 * Margin));
            var x = Math.Max(0, w - width - Margin);
            var y = Math.Min(Margin, Math.Max(0, h - height));
            if (last.Rotate is 90 or 270) (x, y, width, height) = (y, x, height, width);
            var (sizes, stamps) = StampWidgets.Read(file, pages);
            var place = StampSpots.Nearest(new StampPlacement(pages.Count, Math.Round(x, 2), Math.Round(y, 2), width, height),
                sizes[^1].Width, sizes[^1].Height, stamps);
            return new DocumentLayout(pages.Count, w, h, place) { Pages = sizes, Stamps = stamps };
        }
        catch (PdfException e)
        {
            throw new SignatureServiceException(SignatureFailure.UnreadablePdf, "Berkas bukan PDF yang dapat dibaca: " + e.Message, e);
        }
    }

    public Task<SignatureOutcome> SignAsync(Stream pdf, Stream output, SignatureRequest request, SignerKey key, CancellationToken cancellationToken = default)
    {
        // The key opens on the thread pool while the document is copied and hashed; its passphrase is checked
        // before any signature value exists, and a wrong one surfaces at first use.
        var pkcs12 = key.Pkcs12;
        var passphrase = key.Passphrase;
        return SignWithTokenAsync(pdf, output, request, () => Pkcs12SigningToken.Open(pkcs12.Span, passphrase), cancellationToken);
    }

    /// <summary>
    /// Signs with any local key ("who signs" is <paramref name="open"/>: a PKCS#12, a PKCS#11 token...), opened on the thread
    /// pool while the document is hashed and disposed after the signature.
    /// </summary>
    internal async Task<SignatureOutcome> SignWithTokenAsync(Stream pdf, Stream output, SignatureRequest request, Func<ISigningToken> open, CancellationToken cancellationToken = default)
    {
        if (request.Level.NeedsTimestamp() && _tsa is null)
            throw new SignatureServiceException(SignatureFailure.NotConfigured, $"Level {request.Level.ToWire()} memerlukan alamat TSA (DocSign:Signing:TsaUrl).");
        var extend = request.Level is SignatureLevel.BLT or SignatureLevel.BLTA;
        if (extend && _anchors.Value.Count == 0)
            throw new SignatureServiceException(SignatureFailure.NotConfigured,
                $"Level {request.Level.ToWire()} memerlukan jangkar kepercayaan (DocSign:Signing:TrustAnchors) untuk mengumpulkan data validasi. Hubungi admin.");

        var parameters = new SigningParameters
        {
            Level = request.Level == SignatureLevel.BB ? PadesLevel.BB : PadesLevel.BT,
            TsaUrl = request.Level == SignatureLevel.BB ? null : _tsa,
            Reason = request.Reason,
            Location = request.Location,
            SignerName = request.SignerName,
            SigningTime = request.SigningTime,
            Visible = request.Box is not { } box ? null : new VisibleSignature
            {
                Page = box.Page,
                X = box.X,
                Y = box.Y,
                Width = box.Width,
                Height = box.Height,
                VerificationUrl = request.QrUrl,
                Lines = request.Lines.Count == 0 ? null : request.Lines.Select(l => new AppearanceLine(l.Text, l.Bold)).ToList(),
                Footer = request.Footer,
            },
        };
        // The signer's own revocation is asked before any signature exists: a revoked certificate is refused in words.
        var signer = new PadesSigner(_clock, new HttpTimestampClient(TsaHttp()),
            new SignerRevocationCheck(_anchors.Value, _http.CreateClient(OutboundHttp.ClientName), _settings.OnlineTimeout));
        using var token = new DeferredSigningToken(open);
        try
        {
            if (!extend)
            {
                var result = await signer.SignAsync(pdf, output, parameters, token, cancellationToken);
                return new SignatureOutcome(result.FieldName, request.Level, result.TimestampTime);
            }
            await using var bt = new FileStream(Path.Combine(Path.GetTempPath(), $"docsign-bt-{Guid.NewGuid():N}.pdf"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var signed = await signer.SignAsync(pdf, bt, parameters, token, cancellationToken);
            bt.Position = 0;
            output.SetLength(0);
            await PadesExtender.ExtendAsync(bt, output, new ExtensionOptions
            {
                Target = request.Level == SignatureLevel.BLTA ? ExtensionTarget.BLTA : ExtensionTarget.BLT,
                TsaUrl = _tsa,
                TrustAnchors = _anchors.Value,
                OnlineTimeout = _settings.OnlineTimeout,
                HttpClient = _http.CreateClient(OutboundHttp.ClientName),
                TimestampClient = new HttpTimestampClient(TsaHttp()),
            }, cancellationToken);
            return new SignatureOutcome(signed.FieldName, request.Level, signed.TimestampTime);
        }
        catch (SigningException e)
        {
            throw Failure(e);
        }
        catch (ExtensionException e)
        {
            _logger.LogWarning("Validation data for a {Level} signature could not be added: {Reason}", request.Level.ToWire(), e.Message);
            throw new SignatureServiceException(e.ServiceUnavailable ? SignatureFailure.ServiceUnavailable : SignatureFailure.NotConfigured,
                $"Data validasi untuk level {request.Level.ToWire()} tidak dapat ditambahkan: {e.Message}.", e);
        }
    }

    /// <summary>The engine's refusal as the port's, in words for the signer.</summary>
    internal static SignatureServiceException Failure(SigningException e) =>
        new(e.Code switch
        {
            SigningErrorCode.WrongPassphrase => SignatureFailure.WrongPassphrase,
            SigningErrorCode.NoPrivateKey or SigningErrorCode.KeyUsageNotAllowed or SigningErrorCode.BadSignatureValue => SignatureFailure.KeyUnusable,
            SigningErrorCode.CertificateNotValidAtSigningTime or SigningErrorCode.CertificateRevoked => SignatureFailure.CertificateNotValid,
            SigningErrorCode.BadAppearanceRectangle => SignatureFailure.BadBox,
            SigningErrorCode.UnreadablePdf or SigningErrorCode.EncryptedPdf or SigningErrorCode.CertifiedNoChanges or SigningErrorCode.CertificationNotAllowed or SigningErrorCode.BadFieldName => SignatureFailure.UnreadablePdf,
            SigningErrorCode.TimestampFailed => SignatureFailure.ServiceUnavailable,
            _ => SignatureFailure.Other,
        }, e.Code == SigningErrorCode.WrongPassphrase ? "Passphrase salah." : e.Message, e);

    private HttpClient TsaHttp()
    {
        var client = _http.CreateClient(TsaClient);
        client.Timeout = _settings.OnlineTimeout * 2;
        return client;
    }

    private X509Certificate2Collection LoadAnchors()
    {
        var anchors = new X509Certificate2Collection();
        foreach (var path in _settings.TrustAnchors.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!File.Exists(path))
            {
                _logger.LogWarning("Signing trust anchor {Path} does not exist; B-LT/B-LTA signatures chaining to it cannot be made", path);
                continue;
            }
            anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        return anchors;
    }

    private static double[] Numbers(PdfArray? arr)
    {
        if (arr is not { Count: 4 }) throw new SignatureServiceException(SignatureFailure.UnreadablePdf, "Ukuran halaman (/MediaBox) tidak ada atau rusak.");
        return arr.Select(o => o switch
        {
            PdfInteger i => (double)i.Value,
            PdfReal r => r.Value,
            _ => throw new SignatureServiceException(SignatureFailure.UnreadablePdf, "Ukuran halaman (/MediaBox) rusak."),
        }).ToArray();
    }
}
