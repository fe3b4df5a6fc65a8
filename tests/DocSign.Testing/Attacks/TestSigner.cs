using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Testing.Pki;

namespace DocSign.Testing.Attacks;

/// <summary>Options of <see cref="TestSigner"/>.</summary>
public sealed record TestSignOptions
{
    public string FieldName { get; init; } = "Signature1";
    /// <summary>Sample PKI signer name (certs-sample/NAME.p12).</summary>
    public string Signer { get; init; } = SamplePki.Names.CamatKanigaran;
    /// <summary>A signature timestamp from this TSA (B-T) when set.</summary>
    public Uri? Tsa { get; init; }
    /// <summary>Widget rectangle; invisible (all zeros) when null.</summary>
    public double[]? Rect { get; init; }
    /// <summary>DocMDP certification with this /P when set.</summary>
    public int? CertifyP { get; init; }
    public int ContentsBytes { get; init; } = 16384;
    public DateTimeOffset SigningTime { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// A test-only PAdES signer built from the parts the product uses (DocSign.Pdf incremental writer,
/// DocSign.Signing CAdES builder, PKCS#12 token, RFC 3161 client), so the verification tests can make
/// signed files, and then attack them, without waiting for the product signer. It also appends DSS
/// (B-LT) and document timestamps (B-LTA).
/// </summary>
public static class TestSigner
{
    public static async Task<byte[]> SignAsync(byte[] pdf, TestSignOptions? options = null)
    {
        options ??= new TestSignOptions();
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(options.Signer), SamplePki.Passphrase);
        using var file = PdfFile.Open(pdf);
        var w = new PdfIncrementalWriter(file);
        var contents = PdfPlaceholder.HexString(options.ContentsBytes);
        var byteRange = PdfPlaceholder.ByteRange();
        var sig = new PdfDictionary()
            .Set("Type", new PdfName("Sig"))
            .Set("Filter", new PdfName("Adobe.PPKLite"))
            .Set("SubFilter", new PdfName("ETSI.CAdES.detached"))
            .Set("ByteRange", byteRange)
            .Set("Contents", contents)
            .Set("M", PdfString.FromText(PdfDate(options.SigningTime)));
        if (options.CertifyP is { } p)
        {
            var tp = new PdfDictionary().Set("Type", new PdfName("TransformParams")).Set("P", new PdfInteger(p)).Set("V", new PdfName("1.2"));
            var sr = new PdfDictionary().Set("Type", new PdfName("SigRef")).Set("TransformMethod", new PdfName("DocMDP")).Set("TransformParams", tp);
            sig.Set("Reference", new PdfArray(sr));
        }
        var sigRef = w.Add(sig);
        AddField(w, file, options.FieldName, sigRef, options.Rect, certifyRef: options.CertifyP is null ? null : sigRef);
        var ms = new MemoryStream();
        w.WriteTo(ms);
        var range = PdfPlaceholderPatcher.ByteRangeExcluding(contents, ms.Length);
        PdfPlaceholderPatcher.PatchByteRange(ms, byteRange, range);
        var digest = HashRanges(ms.ToArray(), range, HashAlgorithmName.SHA256);
        var attrs = CadesSignedData.BuildSignedAttributes(digest, token.Certificate, HashAlgorithmName.SHA256);
        var value = await token.SignAsync(attrs, HashAlgorithmName.SHA256);
        byte[] tst = [];
        if (options.Tsa is { } tsa)
        {
            var client = new HttpTimestampClient();
            tst = (await client.GetTokenAsync(tsa, SHA256.HashData(value), HashAlgorithmName.SHA256)).Token;
        }
        var cms = CadesSignedData.Build(attrs, value, token.Certificate, token.Chain, HashAlgorithmName.SHA256, tst);
        PdfPlaceholderPatcher.PatchHexString(ms, contents, cms);
        return ms.ToArray();
    }

    /// <summary>Appends a document timestamp (/DocTimeStamp, ETSI.RFC3161) from <paramref name="tsa"/>.</summary>
    public static Task<byte[]> AddDocTimestampAsync(byte[] pdf, Uri tsa, string fieldName = "DocTimeStamp1") =>
        DocTimestampUpdateAsync(pdf, tsa, (file, w, dts) => AddField(w, file, fieldName, dts, null, null));

    /// <summary>An update holding a document timestamp dictionary from <paramref name="tsa"/>, which <paramref name="place"/> puts in a field.</summary>
    public static async Task<byte[]> DocTimestampUpdateAsync(byte[] pdf, Uri tsa, Action<PdfFile, PdfIncrementalWriter, PdfReference> place)
    {
        using var file = PdfFile.Open(pdf);
        var w = new PdfIncrementalWriter(file);
        var contents = PdfPlaceholder.HexString(12000);
        var byteRange = PdfPlaceholder.ByteRange();
        var dts = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("DocTimeStamp"))
            .Set("Filter", new PdfName("Adobe.PPKLite"))
            .Set("SubFilter", new PdfName("ETSI.RFC3161"))
            .Set("ByteRange", byteRange)
            .Set("Contents", contents));
        place(file, w, dts);
        return await WriteTimestampedAsync(w, contents, byteRange, tsa);
    }

    private static async Task<byte[]> WriteTimestampedAsync(PdfIncrementalWriter w, PdfPlaceholder contents, PdfPlaceholder byteRange, Uri tsa)
    {
        var ms = new MemoryStream();
        w.WriteTo(ms);
        var range = PdfPlaceholderPatcher.ByteRangeExcluding(contents, ms.Length);
        PdfPlaceholderPatcher.PatchByteRange(ms, byteRange, range);
        var digest = HashRanges(ms.ToArray(), range, HashAlgorithmName.SHA256);
        var token = (await new HttpTimestampClient().GetTokenAsync(tsa, digest, HashAlgorithmName.SHA256)).Token;
        PdfPlaceholderPatcher.PatchHexString(ms, contents, token);
        return ms.ToArray();
    }

    /// <summary>Appends a DSS with the given certificates, OCSP responses and CRLs (DER each).</summary>
    public static byte[] AddDss(byte[] pdf, IEnumerable<X509Certificate2> certs, IEnumerable<byte[]> ocsps, IEnumerable<byte[]> crls)
    {
        using var file = PdfFile.Open(pdf);
        var w = new PdfIncrementalWriter(file);
        PdfArray Streams(IEnumerable<byte[]> items)
        {
            var a = new PdfArray();
            foreach (var d in items) a.Add(w.AddStream(new PdfDictionary(), d));
            return a;
        }
        var dss = new PdfDictionary()
            .Set("Certs", Streams(certs.Select(c => c.RawData)))
            .Set("OCSPs", Streams(ocsps))
            .Set("CRLs", Streams(crls));
        var rootRef = (PdfReference)file.Trailer["Root"]!;
        w.EditDictionary(rootRef).Set("DSS", w.Add(dss));
        var ms = new MemoryStream();
        w.WriteTo(ms);
        return ms.ToArray();
    }

    private static void AddField(PdfIncrementalWriter w, PdfFile file, string name, PdfReference sigRef, double[]? rect, PdfReference? certifyRef)
    {
        var page = file.GetPages()[0];
        var pageRef = page.Reference!;
        var widget = new PdfDictionary()
            .Set("Type", new PdfName("Annot"))
            .Set("Subtype", new PdfName("Widget"))
            .Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText(name))
            .Set("V", sigRef)
            .Set("F", new PdfInteger(132))
            .Set("P", pageRef)
            .Set("Rect", PdfArray.OfNumbers(rect ?? [0, 0, 0, 0]));
        if (rect is not null)
        {
            var wdt = rect[2] - rect[0];
            var hgt = rect[3] - rect[1];
            var ap = PdfIncrementalWriter.CreateStream(new PdfDictionary()
                .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form"))
                .Set("BBox", PdfArray.OfNumbers(0, 0, wdt, hgt)), System.Text.Encoding.ASCII.GetBytes($"0 0 1 rg 0 0 {wdt} {hgt} re f\n"), compress: false);
            widget.Set("AP", new PdfDictionary().Set("N", w.Add(ap)));
        }
        var widgetRef = w.Add(widget);
        var pageDict = w.EditDictionary(pageRef);
        var annots = new PdfArray();
        if (w.Resolve(pageDict["Annots"]) is PdfArray old) foreach (var a in old) annots.Add(a);
        annots.Add(widgetRef);
        pageDict.Set("Annots", annots);
        var rootRef = (PdfReference)file.Trailer["Root"]!;
        var catalog = w.EditDictionary(rootRef);
        var acroObj = catalog["AcroForm"];
        PdfDictionary acro;
        if (acroObj is PdfReference ar) acro = w.EditDictionary(ar);
        else
        {
            acro = (w.Resolve(acroObj) as PdfDictionary)?.CloneDictionary() ?? new PdfDictionary();
            catalog.Set("AcroForm", acro);
        }
        var fields = new PdfArray();
        if (w.Resolve(acro["Fields"]) is PdfArray of) foreach (var f in of) fields.Add(f);
        fields.Add(widgetRef);
        acro.Set("Fields", fields);
        acro.Set("SigFlags", new PdfInteger(3));
        if (certifyRef is not null) catalog.Set("Perms", new PdfDictionary().Set("DocMDP", certifyRef));
    }

    public static byte[] HashRanges(byte[] file, IReadOnlyList<long> range, HashAlgorithmName alg)
    {
        using var h = IncrementalHash.CreateHash(alg);
        h.AppendData(file, (int)range[0], (int)range[1]);
        h.AppendData(file, (int)range[2], (int)range[3]);
        return h.GetHashAndReset();
    }

    private static string PdfDate(DateTimeOffset t) => "D:" + t.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";
}
