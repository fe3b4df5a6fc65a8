using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Validation;

namespace DocSign.BsreEmulator;

/// <summary>The fault switches: what the emulator does wrong on purpose, for the trust checks' tests.</summary>
public enum Fault
{
    None,
    /// <summary>Never answers the signing and verification calls (the client's timeout ends them).</summary>
    Timeout,
    /// <summary>Answers 500 with a Spring-style body.</summary>
    Error500,
    /// <summary>Changes one byte inside the signed revision after signing (the hash no longer matches).</summary>
    AlterByte,
    /// <summary>Signs and returns another PDF than the one sent.</summary>
    DifferentDocument,
    /// <summary>Signs with another person's certificate than the NIK's.</summary>
    OtherCertificate,
}

/// <summary>The visible signature as the emulator places it, in PDF points from the page's bottom-left.</summary>
public sealed record Placement(int Page, double X, double Y, double Width, double Height);

/// <summary>One document to sign: its placement (null = INVISIBLE) and texts.</summary>
public sealed record SignJob(byte[] Pdf, Placement? Visible, string? Reason, string? Location, Uri? LinkQr);

/// <summary>
/// Signs as BSrE does, on DocSign's own engine: PAdES B-T with the emulator's TSA, then a DSS (B-LT) with the OCSP
/// answers of the emulator's responder, reached in-process. Applies the current <see cref="Fault"/>.
/// </summary>
public sealed class EmulatorSigner(EmulatorPki pki, EmulatorTsa tsa, EmulatorOcsp ocsp, TimeProvider clock)
{
    /// <summary>The address written into the sample certificates; also the TSA's nominal address.</summary>
    public static readonly Uri ServicesBase = new("http://127.0.0.1:18791/");

    public async Task<byte[]> SignAsync(SignJob job, X509Certificate2 certificate, Fault fault, CancellationToken ct)
    {
        var pdf = job.Pdf;
        if (fault == Fault.DifferentDocument)
        {
            pdf = OtherDocument();
            job = job with { Visible = job.Visible is { } place ? place with { Page = 1 } : null }; // the other document has one page
        }
        using var input = new MemoryStream(pdf, writable: false);
        using var bt = new MemoryStream();
        var signer = new PadesSigner(clock, tsa);
        var identity = SignerIdentity.From(certificate);
        var parameters = new SigningParameters
        {
            Level = PadesLevel.BT,
            TsaUrl = new Uri(ServicesBase, "tsa"),
            Reason = job.Reason,
            Location = job.Location,
            ContentsReserve = 24 * 1024,
            Visible = job.Visible is not { } v ? null : new VisibleSignature
            {
                Page = v.Page, X = v.X, Y = v.Y, Width = v.Width, Height = v.Height,
                VerificationUrl = job.LinkQr,
                Lines = [new AppearanceLine("Ditandatangani secara elektronik oleh", false), new AppearanceLine(identity.Name, true)],
                Footer = "CONTOH BSrE (emulator)",
            },
        };
        await signer.SignAsync(input, bt, parameters, new CertificateToken(certificate, [pki.Ca, pki.Root]), ct);
        bt.Position = 0;
        using var lt = new MemoryStream();
        await PadesExtender.ExtendAsync(bt, lt, new ExtensionOptions
        {
            Target = ExtensionTarget.BLT,
            TrustAnchors = [pki.Root],
            HttpClient = ServicesClient(),
            TimestampClient = tsa,
        }, ct);
        var signed = lt.ToArray();
        if (fault == Fault.AlterByte) AlterOneByte(signed, pdf.Length);
        return signed;
    }

    /// <summary>An HTTP client whose OCSP and CA-issuer requests are answered in-process (no port needed).</summary>
    public HttpClient ServicesClient() => new(new ServicesHandler(this)) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Answers the services' paths: <c>/ocsp</c>, <c>/tsa</c>, <c>/ca/root.cer</c>, <c>/ca/ca.cer</c>; null when none matches.</summary>
    public (byte[] Body, string ContentType)? Service(string path, byte[] body) => path switch
    {
        "/ocsp" => (ocsp.Respond(body), "application/ocsp-response"),
        "/tsa" => (tsa.Respond(body), "application/timestamp-reply"),
        "/ca/root.cer" => (pki.Root.RawData, "application/pkix-cert"),
        "/ca/ca.cer" => (pki.Ca.RawData, "application/pkix-cert"),
        _ => null,
    };

    /// <summary>Flips one whitespace byte of the new revision before its /Contents gap: still a PDF, no longer the signed bytes.</summary>
    private static void AlterOneByte(byte[] signed, int originalLength)
    {
        int gap = IndexOf(signed, "/Contents <"u8, originalLength);
        for (int i = gap - 1; i > originalLength; i--)
            if (signed[i] == (byte)' ')
            {
                signed[i] = (byte)'\n';
                return;
            }
        signed[originalLength + 1] ^= 0x01;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern, int from)
    {
        int i = data.AsSpan(from).IndexOf(pattern);
        return i < 0 ? data.Length - 1 : from + i;
    }

    /// <summary>A small one-page PDF that is not the one sent (the "different document" fault).</summary>
    public static byte[] OtherDocument()
    {
        var content = "BT /F1 14 Tf 72 720 Td (Dokumen lain - bukan yang dikirim) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var sb = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }
        int xref = sb.Length;
        sb.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(o.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        sb.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>The page's size (crop box, else media box) in points, for the top-left origin of API v2.</summary>
    public static (double Width, double Height) PageSize(byte[] pdf, int page)
    {
        using var file = PdfFile.Open(pdf);
        var pages = file.GetPages();
        if (page < 1 || page > pages.Count) throw new ArgumentOutOfRangeException(nameof(page), $"Halaman {page} tidak ada (dokumen {pages.Count} halaman).");
        var p = pages[page - 1];
        var box = (p.CropBox ?? p.MediaBox)?.Select(o => o switch { PdfInteger i => (double)i.Value, PdfReal r => r.Value, _ => 0 }).ToArray();
        if (box is not { Length: 4 }) return (595, 842);
        return (Math.Abs(box[2] - box[0]), Math.Abs(box[3] - box[1]));
    }

    private sealed class ServicesHandler(EmulatorSigner owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
            var path = request.RequestUri!.AbsolutePath;
            if (request.RequestUri.Authority == ServicesBase.Authority && owner.Service(path, body) is { } answer)
            {
                var content = new ByteArrayContent(answer.Body);
                content.Headers.ContentType = new(answer.ContentType);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}

/// <summary>A certificate with its private key as an <see cref="ISigningToken"/>.</summary>
internal sealed class CertificateToken(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain) : ISigningToken
{
    public X509Certificate2 Certificate => certificate;
    public IReadOnlyList<X509Certificate2> Chain => chain;

    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default)
    {
        using var rsa = certificate.GetRSAPrivateKey() ?? throw new CryptographicException("The sample certificate has no RSA key.");
        return Task.FromResult(rsa.SignData(data.Span, hash, RSASignaturePadding.Pkcs1));
    }
}
