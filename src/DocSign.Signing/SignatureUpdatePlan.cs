using DocSign.Pdf;

namespace DocSign.Signing;

/// <summary>
/// The objects one signature adds or changes, on top of the latest revision: the signature dictionary
/// (with /Contents and /ByteRange placeholders), the field's widget, its appearance, the page's
/// /Annots and the catalog's /AcroForm. Everything else in the file is left as it is.
/// </summary>
internal sealed class SignatureUpdatePlan
{
    private const int MaxFieldNodes = 20_000;
    private readonly PdfIncrementalWriter _writer;
    private readonly PdfPlaceholder _contents;
    private readonly PdfPlaceholder _byteRange;

    private SignatureUpdatePlan(PdfIncrementalWriter writer, string fieldName, PdfPlaceholder contents, PdfPlaceholder byteRange)
    {
        _writer = writer;
        FieldName = fieldName;
        _contents = contents;
        _byteRange = byteRange;
    }

    public string FieldName { get; }

    public static SignatureUpdatePlan Build(PdfFile pdf, SigningParameters p, SignerIdentity who, DateTimeOffset time, int reserve)
    {
        var writer = new PdfIncrementalWriter(pdf);
        var pages = pdf.GetPages();
        if (pages.Count == 0) throw new SigningException(SigningErrorCode.UnreadablePdf, "PDF tidak memiliki halaman.");

        var rootRef = pdf.Trailer["Root"] as PdfReference
            ?? throw new SigningException(SigningErrorCode.UnreadablePdf, "Katalog PDF (/Root) bukan objek tidak langsung; berkas tidak dapat diperbarui.");

        if (CertifiedWithoutChanges(pdf))
            throw new SigningException(SigningErrorCode.CertifiedNoChanges,
                "Dokumen ini disertifikasi tanpa izin perubahan (DocMDP P=1); tanda tangan baru akan membatalkan sertifikasinya.");

        var existing = ExistingFields(pdf);
        if (p.CertificationPermission is { } perm)
        {
            if (perm is < 1 or > 3)
                throw new SigningException(SigningErrorCode.CertificationNotAllowed, $"Izin sertifikasi DocMDP harus 1, 2 atau 3 (bukan {perm}).");
            if (pdf.Resolve(pdf.Catalog["Perms"]) is PdfDictionary oldPerms && oldPerms.ContainsKey("DocMDP")
                || existing.Values.Any(f => f.Dict.ContainsKey("V") && pdf.Resolve(f.Dict["V"]) is PdfDictionary))
                throw new SigningException(SigningErrorCode.CertificationNotAllowed,
                    "Dokumen ini sudah ditandatangani; hanya tanda tangan pertama yang dapat menyertifikasi (DocMDP).");
        }
        string fieldName = p.FieldName ?? NextFreeName(existing.Keys);
        if (string.IsNullOrWhiteSpace(fieldName) || fieldName.Contains('.'))
            throw new SigningException(SigningErrorCode.BadFieldName, $"Nama field tanda tangan tidak sah: \"{fieldName}\" (tidak boleh kosong atau mengandung titik).");
        // An empty signature field prepared in the document (e.g. "TTD Camat" in the template) is filled in
        // where it stands; any other field of that name is taken.
        PdfReference? emptyField = null;
        if (existing.TryGetValue(fieldName, out var found))
        {
            if (found.Ref is null || found.Dict.GetName("FT") != "Sig" || found.Dict.ContainsKey("Kids") || pdf.Resolve(found.Dict["Rect"]) is not PdfArray)
                throw new SigningException(SigningErrorCode.BadFieldName, $"Field \"{fieldName}\" sudah ada pada dokumen; pilih nama lain.");
            if (found.Dict.ContainsKey("V") && pdf.Resolve(found.Dict["V"]) is not PdfNull)
                throw new SigningException(SigningErrorCode.BadFieldName, $"Field \"{fieldName}\" sudah ditandatangani; pilih nama lain.");
            emptyField = found.Ref;
        }

        // Where the widget goes.
        PdfPage page;
        double[] rect;
        if (emptyField is not null)
        {
            rect = Numbers(pdf.Resolve(found.Dict["Rect"]) as PdfArray, "/Rect field");
            rect = [Math.Min(rect[0], rect[2]), Math.Min(rect[1], rect[3]), Math.Max(rect[0], rect[2]), Math.Max(rect[1], rect[3])];
            page = (found.Dict["P"] is PdfReference pr ? pages.FirstOrDefault(pg => pr.Equals(pg.Reference)) : null)
                ?? pages.FirstOrDefault(pg => pdf.Resolve(pg.Dictionary["Annots"]) is PdfArray a && a.Any(x => emptyField.Equals(x)))
                ?? throw new SigningException(SigningErrorCode.UnreadablePdf, $"Field \"{fieldName}\" tidak terletak pada halaman mana pun.");
        }
        else if (p.Visible is { } v)
        {
            if (v.Page < 1 || v.Page > pages.Count)
                throw new SigningException(SigningErrorCode.BadAppearanceRectangle, $"Halaman {v.Page} tidak ada; dokumen memiliki {pages.Count} halaman.");
            page = pages[v.Page - 1];
            var box = PageBox(page);
            double bw = box[2] - box[0], bh = box[3] - box[1];
            if (!(v.Width > 0 && v.Height > 0 && v.X >= 0 && v.Y >= 0 && v.X + v.Width <= bw + 1e-6 && v.Y + v.Height <= bh + 1e-6)
                || !double.IsFinite(v.X + v.Y + v.Width + v.Height))
                throw new SigningException(SigningErrorCode.BadAppearanceRectangle,
                    $"Kotak tanda tangan {v.X},{v.Y},{v.Width},{v.Height} berada di luar halaman {v.Page} ({bw:0.##} x {bh:0.##} pt).");
            rect = [box[0] + v.X, box[1] + v.Y, box[0] + v.X + v.Width, box[1] + v.Y + v.Height];
        }
        else
        {
            page = pages[0];
            rect = [0, 0, 0, 0];
        }
        // A prepared field with an area is shown; otherwise only --visible makes a signature visible.
        bool visible = emptyField is not null ? rect[2] > rect[0] && rect[3] > rect[1] : p.Visible is not null;
        var pageRef = page.Reference ?? throw new SigningException(SigningErrorCode.UnreadablePdf, "Halaman PDF bukan objek tidak langsung.");

        // Signature dictionary.
        var contents = PdfPlaceholder.HexString(reserve);
        var byteRange = PdfPlaceholder.ByteRange();
        var sig = new PdfDictionary()
            .Set("Type", new PdfName("Sig"))
            .Set("Filter", new PdfName("Adobe.PPKLite"))
            .Set("SubFilter", new PdfName("ETSI.CAdES.detached"))
            .Set("ByteRange", byteRange)
            .Set("Contents", contents)
            .Set("M", new PdfString(System.Text.Encoding.ASCII.GetBytes(PadesSigner.PdfDate(time))))
            .Set("Name", PdfString.FromText(p.SignerName ?? who.Name));
        if (p.Reason is { } reason) sig.Set("Reason", PdfString.FromText(reason));
        if (p.Location is { } location) sig.Set("Location", PdfString.FromText(location));
        if (p.ContactInfo is { } contact) sig.Set("ContactInfo", PdfString.FromText(contact));
        var sigRef = writer.Add(sig);
        if (p.CertificationPermission is { } permission) Certify(writer, rootRef, sig, sigRef, permission);

        // Appearance: a form XObject the size of the rectangle (empty for an invisible signature).
        // On a page shown rotated (/Rotate), the block is drawn in the reader's upright frame and the
        // form's /Matrix turns it back; the viewer fits the turned box onto /Rect (ISO 32000 12.5.5).
        int rotate = visible ? page.Rotate : 0;
        double w = rect[2] - rect[0], h = rect[3] - rect[1];
        if (rotate is 90 or 270) (w, h) = (h, w);
        var apDict = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Form"))
            .Set("BBox", PdfArray.OfNumbers(0, 0, w, h));
        if (rotate != 0)
            apDict.Set("Matrix", rotate switch
            {
                90 => PdfArray.OfNumbers(0, 1, -1, 0, 0, 0),
                180 => PdfArray.OfNumbers(-1, 0, 0, -1, 0, 0),
                _ => PdfArray.OfNumbers(0, -1, 1, 0, 0, 0),
            });
        byte[] apContent = [];
        if (visible)
        {
            var vis = p.Visible;
            var shown = who with
            {
                Name = vis?.Name ?? who.Name,
                Nip = vis?.Nip ?? who.Nip,
                Position = vis?.Position ?? who.Position,
                Office = vis?.Office ?? who.Office,
            };
            var lines = vis?.Lines is { Count: > 0 } custom
                ? custom
                : SignatureAppearance.Lines(shown, time).Select((l, i) => new AppearanceLine(l, i == 1)).ToList();
            apContent = SignatureAppearance.BuildContent(w, h, lines, vis?.VerificationUrl, vis?.Footer);
            var f1 = writer.Add(StandardFont("Helvetica"));
            var f2 = writer.Add(StandardFont("Helvetica-Bold"));
            apDict.Set("Resources", new PdfDictionary()
                .Set("Font", new PdfDictionary().Set("F1", f1).Set("F2", f2))
                .Set("ProcSet", new PdfArray(new PdfName("PDF"), new PdfName("Text"))));
        }
        var apRef = writer.AddStream(apDict, apContent, compress: apContent.Length > 512);

        if (emptyField is not null)
        {
            // Fill the prepared field in place: it is already in /Annots and /Fields.
            var field = writer.EditDictionary(emptyField);
            field.Set("V", sigRef).Set("F", new PdfInteger(132)).Set("P", pageRef).Set("AP", new PdfDictionary().Set("N", apRef));
            AddToAcroForm(writer, pdf, rootRef, widgetRef: null);
            return new SignatureUpdatePlan(writer, fieldName, contents, byteRange);
        }

        // A new field, merged with its widget annotation.
        var widget = new PdfDictionary()
            .Set("Type", new PdfName("Annot"))
            .Set("Subtype", new PdfName("Widget"))
            .Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText(fieldName))
            .Set("V", sigRef)
            .Set("F", new PdfInteger(132))
            .Set("Rect", PdfArray.OfNumbers(rect))
            .Set("P", pageRef)
            .Set("AP", new PdfDictionary().Set("N", apRef));
        var widgetRef = writer.Add(widget);

        AddToPageAnnots(writer, pdf, pageRef, widgetRef);
        AddToAcroForm(writer, pdf, rootRef, widgetRef);
        return new SignatureUpdatePlan(writer, fieldName, contents, byteRange);
    }

    /// <summary>Appends the update to <paramref name="output"/>, which holds exactly the original file.</summary>
    public (PdfPlaceholder Contents, PdfPlaceholder ByteRange) Write(PdfFile pdf, Stream output)
    {
        _writer.WriteTo(output, outputHoldsOriginal: true);
        return (_contents, _byteRange);
    }

    /// <summary>
    /// Makes the signature a certification: a DocMDP signature reference (ISO 32000-2 §12.8.2.2, table 257) with the
    /// permission, and the catalog's /Perms naming the signature dictionary.
    /// </summary>
    private static void Certify(PdfIncrementalWriter writer, PdfReference rootRef, PdfDictionary sig, PdfReference sigRef, int permission)
    {
        var transform = new PdfDictionary()
            .Set("Type", new PdfName("TransformParams"))
            .Set("P", new PdfInteger(permission))
            .Set("V", new PdfName("1.2"));
        sig.Set("Reference", new PdfArray(new PdfDictionary()
            .Set("Type", new PdfName("SigRef"))
            .Set("TransformMethod", new PdfName("DocMDP"))
            .Set("TransformParams", transform)));
        writer.EditDictionary(rootRef).Set("Perms", new PdfDictionary().Set("DocMDP", sigRef));
    }

    private static PdfDictionary StandardFont(string name) => new PdfDictionary()
        .Set("Type", new PdfName("Font"))
        .Set("Subtype", new PdfName("Type1"))
        .Set("BaseFont", new PdfName(name))
        .Set("Encoding", new PdfName("WinAnsiEncoding"));

    private static double[] PageBox(PdfPage page)
    {
        var n = Numbers(page.CropBox ?? page.MediaBox, $"/MediaBox halaman {page.Index + 1}");
        return [Math.Min(n[0], n[2]), Math.Min(n[1], n[3]), Math.Max(n[0], n[2]), Math.Max(n[1], n[3])];
    }

    /// <summary>A rectangle's four numbers (direct integers or reals), or a refusal naming <paramref name="what"/>.</summary>
    private static double[] Numbers(PdfArray? arr, string what)
    {
        if (arr is not { Count: 4 }) throw new SigningException(SigningErrorCode.UnreadablePdf, $"{what} tidak ada atau rusak.");
        var n = arr.Select(o => o switch
        {
            PdfInteger i => (double)i.Value,
            PdfReal r => r.Value,
            _ => double.NaN,
        }).ToArray();
        if (n.Any(x => !double.IsFinite(x))) throw new SigningException(SigningErrorCode.UnreadablePdf, $"{what} rusak.");
        return n;
    }

    private static void AddToPageAnnots(PdfIncrementalWriter writer, PdfFile pdf, PdfReference pageRef, PdfReference widgetRef)
    {
        var pageDict = pdf.Latest.GetObject(pageRef) as PdfDictionary
            ?? throw new SigningException(SigningErrorCode.UnreadablePdf, "Objek halaman rusak.");
        if (pageDict["Annots"] is PdfReference annotsRef)
        {
            // The array lives in its own object: change only that object.
            var arr = writer.Resolve(annotsRef) as PdfArray
                ?? throw new SigningException(SigningErrorCode.UnreadablePdf, "/Annots halaman bukan array.");
            var copy = (PdfArray)arr.Clone();
            copy.Add(widgetRef);
            writer.Set(annotsRef, copy);
            return;
        }
        var page = writer.EditDictionary(pageRef);
        var annots = page["Annots"] as PdfArray ?? new PdfArray();
        annots.Add(widgetRef);
        page.Set("Annots", annots);
    }

    private static void AddToAcroForm(PdfIncrementalWriter writer, PdfFile pdf, PdfReference rootRef, PdfReference? widgetRef)
    {
        var catalog = pdf.Latest.GetObject(rootRef) as PdfDictionary
            ?? throw new SigningException(SigningErrorCode.UnreadablePdf, "Katalog PDF rusak.");
        PdfDictionary acro;
        switch (catalog["AcroForm"])
        {
            case PdfReference acroRef when writer.Resolve(acroRef) is PdfDictionary:
                acro = writer.EditDictionary(acroRef);
                break;
            case PdfDictionary:
                acro = (PdfDictionary)writer.EditDictionary(rootRef)["AcroForm"]!;
                break;
            default:
                acro = new PdfDictionary();
                writer.EditDictionary(rootRef).Set("AcroForm", writer.Add(acro));
                break;
        }
        if (widgetRef is null) { }
        else if (acro["Fields"] is PdfReference fieldsRef && writer.Resolve(fieldsRef) is PdfArray shared)
        {
            var copy = (PdfArray)shared.Clone();
            copy.Add(widgetRef);
            writer.Set(fieldsRef, copy);
        }
        else
        {
            var fields = acro["Fields"] as PdfArray ?? new PdfArray();
            fields.Add(widgetRef);
            acro.Set("Fields", fields);
        }
        long flags = (pdf.Resolve(acro["SigFlags"]) as PdfInteger)?.Value ?? 0;
        acro.Set("SigFlags", new PdfInteger(flags | 3));
    }

    /// <summary>
    /// A certification signature with DocMDP permission 1 forbids any change, a new signature included
    /// (ISO 32000-2 12.8.2.2); signing anyway would turn the certified document invalid.
    /// </summary>
    private static bool CertifiedWithoutChanges(PdfFile pdf)
    {
        if (pdf.Resolve(pdf.Catalog["Perms"]) is not PdfDictionary perms || pdf.Resolve(perms["DocMDP"]) is not PdfDictionary sig) return false;
        if (pdf.Resolve(sig["Reference"]) is not PdfArray refs) return false;
        foreach (var r in refs)
        {
            if (pdf.Resolve(r) is not PdfDictionary sigRef || pdf.Resolve(sigRef["TransformMethod"]) is not PdfName { Value: "DocMDP" }) continue;
            long p = pdf.Resolve(sigRef["TransformParams"]) is PdfDictionary tp && pdf.Resolve(tp["P"]) is PdfInteger pi ? pi.Value : 2;
            if (p == 1) return true;
        }
        return false;
    }

    /// <summary>The form's fields by fully qualified name, with their object and dictionary (bounded walk).</summary>
    private static Dictionary<string, (PdfReference? Ref, PdfDictionary Dict)> ExistingFields(PdfFile pdf)
    {
        var fieldsByName = new Dictionary<string, (PdfReference?, PdfDictionary)>(StringComparer.Ordinal);
        if (pdf.Resolve(pdf.Catalog["AcroForm"]) is not PdfDictionary acro || pdf.Resolve(acro["Fields"]) is not PdfArray fields) return fieldsByName;
        var stack = new Stack<(PdfObject Node, string Prefix)>();
        foreach (var f in fields) stack.Push((f, ""));
        var seen = new HashSet<PdfReference>();
        int visited = 0;
        while (stack.Count > 0 && visited++ < MaxFieldNodes)
        {
            var (node, prefix) = stack.Pop();
            if (node is PdfReference r && !seen.Add(r)) continue;
            if (pdf.Resolve(node) is not PdfDictionary d) continue;
            string name = pdf.Resolve(d["T"]) is PdfString t ? t.ToText() : "";
            string full = name.Length == 0 ? prefix : prefix.Length == 0 ? name : prefix + "." + name;
            if (full.Length > 0) fieldsByName.TryAdd(full, (node as PdfReference, d));
            if (pdf.Resolve(d["Kids"]) is PdfArray kids)
                foreach (var k in kids) stack.Push((k, full));
        }
        return fieldsByName;
    }

    private static string NextFreeName(IEnumerable<string> existing)
    {
        var taken = existing.ToHashSet(StringComparer.Ordinal);
        for (int i = 1; ; i++)
            if (!taken.Contains("Signature" + i)) return "Signature" + i;
    }
}
