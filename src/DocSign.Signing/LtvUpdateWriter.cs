using System.Security.Cryptography;
using DocSign.Pdf;

namespace DocSign.Signing;

/// <summary>Validation data for one DSS update: what goes in the arrays, and per signature (VRI key: the upper-case
/// hex SHA-1 of its /Contents) which of it that signature needs.</summary>
public sealed class DssUpdate
{
    /// <summary>DER certificates for /Certs.</summary>
    public List<byte[]> Certificates { get; } = new();

    /// <summary>DER OCSP responses for /OCSPs.</summary>
    public List<byte[]> OcspResponses { get; } = new();

    /// <summary>DER CRLs for /CRLs.</summary>
    public List<byte[]> Crls { get; } = new();

    /// <summary>VRI entries by key.</summary>
    public Dictionary<string, (List<byte[]> Certificates, List<byte[]> OcspResponses, List<byte[]> Crls)> Vri { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Writes the incremental updates that keep signatures verifiable over time: a DSS (merged with the one the file
/// already has) and a document timestamp. With <see cref="PadesSigner"/>'s signature fields these are all the
/// updates DocSign appends to a signed file, written in one project; DocSign.Validation decides what goes in them.
/// Never changes a byte of the input: each call returns the input followed by one new revision.
/// </summary>
public static class LtvUpdateWriter
{
    /// <summary>Room reserved for a document timestamp token, in bytes (hex doubles it in the file).</summary>
    public const int DocumentTimestampReserve = 16384;

    /// <summary>Appends a DSS holding the earlier DSS's entries and <paramref name="update"/>'s (each DER stored once,
    /// shared between the arrays and the VRI).</summary>
    /// <param name="file">The file to update, open on the bytes it was read from.</param>
    /// <param name="update">The validation data to add.</param>
    /// <exception cref="PdfException">The file cannot be updated.</exception>
    public static byte[] AppendDss(PdfFile file, DssUpdate update)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(update);
        var rootRef = file.Trailer["Root"] as PdfReference ?? throw new PdfException(PdfErrorKind.Malformed, "PDF tanpa katalog", 0);
        var existingDss = file.Resolve(file.Catalog["DSS"]) as PdfDictionary;
        var w = new PdfIncrementalWriter(file);
        var streamOf = new Dictionary<string, PdfReference>(StringComparer.Ordinal);
        PdfReference Stream(byte[] der)
        {
            var key = Convert.ToHexString(SHA256.HashData(der));
            if (!streamOf.TryGetValue(key, out var r)) streamOf[key] = r = w.AddStream(new PdfDictionary(), der);
            return r;
        }
        PdfArray Merge(string key, IEnumerable<byte[]> items)
        {
            var a = new PdfArray();
            if (existingDss is not null && file.Resolve(existingDss[key]) is PdfArray old) foreach (var x in old) a.Add(x);
            foreach (var d in items) a.Add(Stream(d));
            return a;
        }
        var dss = new PdfDictionary()
            .Set("Type", new PdfName("DSS"))
            .Set("Certs", Merge("Certs", update.Certificates))
            .Set("OCSPs", Merge("OCSPs", update.OcspResponses))
            .Set("CRLs", Merge("CRLs", update.Crls));
        var vriDict = new PdfDictionary();
        if (existingDss is not null && file.Resolve(existingDss["VRI"]) is PdfDictionary oldVri)
            foreach (var kv in oldVri) vriDict.Set(kv.Key, kv.Value);
        foreach (var (key, e) in update.Vri)
        {
            var d = new PdfDictionary();
            if (e.Certificates.Count > 0) d.Set("Cert", new PdfArray(e.Certificates.Select(c => (PdfObject)Stream(c))));
            if (e.OcspResponses.Count > 0) d.Set("OCSP", new PdfArray(e.OcspResponses.Select(o => (PdfObject)Stream(o))));
            if (e.Crls.Count > 0) d.Set("CRL", new PdfArray(e.Crls.Select(c => (PdfObject)Stream(c))));
            vriDict.Set(key, d);
        }
        dss.Set("VRI", w.Add(vriDict));
        w.EditDictionary(rootRef).Set("DSS", w.Add(dss));
        var ms = new MemoryStream();
        w.WriteTo(ms);
        return ms.ToArray();
    }

    /// <summary>
    /// Appends a document timestamp (ETSI.RFC3161) over the whole file: an invisible, print-flagged widget on the first
    /// page in a new field "DocTimeStampN", the token fetched from <paramref name="tsaUrl"/> over the SHA-256 of the
    /// byte range.
    /// </summary>
    /// <returns>The updated file, the token's time and the new field's name.</returns>
    /// <exception cref="PdfException">The file cannot be updated.</exception>
    /// <exception cref="SigningException">The TSA failed (<see cref="SigningErrorCode.TimestampFailed"/>) or its token is too large.</exception>
    public static async Task<(byte[] Bytes, DateTimeOffset Time, string Field)> AddDocumentTimestampAsync(
        PdfFile file, IEnumerable<string> existingFieldNames, ITimestampClient client, Uri tsaUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(client);
        var w = new PdfIncrementalWriter(file);
        var contents = PdfPlaceholder.HexString(DocumentTimestampReserve);
        var byteRange = PdfPlaceholder.ByteRange();
        var sigRef = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("DocTimeStamp"))
            .Set("Filter", new PdfName("Adobe.PPKLite"))
            .Set("SubFilter", new PdfName("ETSI.RFC3161"))
            .Set("ByteRange", byteRange)
            .Set("Contents", contents));
        var existing = existingFieldNames.ToHashSet(StringComparer.Ordinal);
        var name = Enumerable.Range(1, 10_000).Select(i => "DocTimeStamp" + i).First(n => !existing.Contains(n));
        var page = file.GetPages()[0];
        // A zero rectangle and Print|Locked flags: the timestamp shows nothing, so it cannot paint over the page.
        var widget = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText(name)).Set("V", sigRef).Set("F", new PdfInteger(132))
            .Set("P", page.Reference!).Set("Rect", PdfArray.OfNumbers(0, 0, 0, 0)));
        var pageDict = w.EditDictionary(page.Reference!);
        var annots = new PdfArray();
        if (w.Resolve(pageDict["Annots"]) is PdfArray oldAnnots) foreach (var a in oldAnnots) annots.Add(a);
        annots.Add(widget);
        pageDict.Set("Annots", annots);
        var rootRef = (PdfReference)file.Trailer["Root"]!;
        var catalog = w.EditDictionary(rootRef);
        PdfDictionary acro;
        if (catalog["AcroForm"] is PdfReference ar) acro = w.EditDictionary(ar);
        else
        {
            acro = (w.Resolve(catalog["AcroForm"]) as PdfDictionary)?.CloneDictionary() ?? new PdfDictionary();
            catalog.Set("AcroForm", acro);
        }
        var fields = new PdfArray();
        if (w.Resolve(acro["Fields"]) is PdfArray oldFields) foreach (var f in oldFields) fields.Add(f);
        fields.Add(widget);
        acro.Set("Fields", fields);
        acro.Set("SigFlags", new PdfInteger(3));
        var ms = new MemoryStream();
        w.WriteTo(ms);
        var range = PdfPlaceholderPatcher.ByteRangeExcluding(contents, ms.Length);
        PdfPlaceholderPatcher.PatchByteRange(ms, byteRange, range);
        var data = ms.GetBuffer();
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(data, 0, (int)range[1]);
        h.AppendData(data, (int)range[2], (int)range[3]);
        var digest = h.GetHashAndReset();
        var ts = await client.GetTokenAsync(tsaUrl, digest, HashAlgorithmName.SHA256, ct).ConfigureAwait(false);
        if (ts.Token.Length > contents.ByteCount)
            throw new SigningException(SigningErrorCode.SignatureTooLarge, "token stempel waktu terlalu besar untuk ruang yang disediakan");
        PdfPlaceholderPatcher.PatchHexString(ms, contents, ts.Token);
        return (ms.ToArray(), ts.Time, name);
    }
}
