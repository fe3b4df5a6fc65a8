using System.Globalization;
using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>
/// Finds every signature field with a value (signatures and document timestamps) through the AcroForm field
/// tree of the final revision, each field once, to a bounded depth.
/// </summary>
internal static class SignatureLocator
{
    private const int MaxFieldDepth = 32;
    private const int MaxFields = 100_000;

    public static List<PdfSignatureField> Find(PdfRevisionView view)
    {
        var result = new List<PdfSignatureField>();
        var acro = view.Resolve(view.Catalog["AcroForm"]) as PdfDictionary;
        if (acro is null) return result;
        if (view.Resolve(acro["Fields"]) is not PdfArray fields) return result;
        var seen = new HashSet<PdfReference>();
        var seenSigs = new HashSet<PdfReference>();
        var stack = new Stack<(PdfObject Node, string Prefix, string? InheritedFt, int Depth)>();
        for (int i = fields.Count - 1; i >= 0; i--) stack.Push((fields[i], "", null, 0));
        int count = 0;
        while (stack.Count > 0)
        {
            var (node, prefix, ft, depth) = stack.Pop();
            if (++count > MaxFields) throw new PdfLimitExceededException("MaxFields", MaxFields, "Too many form fields");
            if (depth > MaxFieldDepth) throw new PdfLimitExceededException("MaxFieldDepth", MaxFieldDepth, "Form field tree too deep");
            if (node is PdfReference r && !seen.Add(r)) continue; // a field tree that loops: each node once
            if (view.Resolve(node) is not PdfDictionary field) continue;
            var t = view.Resolve(field["T"]) is PdfString ts ? ts.ToText() : null;
            var name = t is null ? prefix : (prefix.Length == 0 ? t : prefix + "." + t);
            var myFt = view.Resolve(field["FT"]) is PdfName fn ? fn.Value : ft;
            if (view.Resolve(field["Kids"]) is PdfArray kids)
            {
                for (int i = kids.Count - 1; i >= 0; i--) stack.Push((kids[i], name, myFt, depth + 1));
            }
            if (myFt != "Sig") continue;
            var vObj = field["V"];
            if (vObj is null) continue;
            if (vObj is PdfReference vr && !seenSigs.Add(vr)) continue;
            if (view.Resolve(vObj) is not PdfDictionary sig) continue;
            result.Add(Read(view, name.Length == 0 ? $"(tanpa nama #{result.Count + 1})" : name, node as PdfReference, vObj as PdfReference, sig));
        }
        FindOnPages(view, seen, seenSigs, result);
        if (result.Count == 0) FindInXref(view, seenSigs, result);
        return result;
    }

    /// <summary>
    /// Signature widgets on the pages that the field tree does not list: pdfsig adds its field so when the file
    /// already has a form, and a later revision may drop a field from /Fields; viewers still show and check
    /// these, so they are verified too (and the modification analysis judges the dropping).
    /// </summary>
    private static void FindOnPages(PdfRevisionView view, HashSet<PdfReference> seenFields, HashSet<PdfReference> seenSigs, List<PdfSignatureField> result)
    {
        IReadOnlyList<PdfPage> pages;
        try { pages = view.GetPages(); }
        catch (PdfException) { return; }
        int count = 0;
        foreach (var page in pages)
        {
            if (view.Resolve(page.Dictionary["Annots"]) is not PdfArray annots) continue;
            foreach (var a in annots)
            {
                if (++count > MaxFields) throw new PdfLimitExceededException("MaxFields", MaxFields, "Too many annotations");
                if (a is PdfReference ar && seenFields.Contains(ar)) continue;
                if (view.Resolve(a) is not PdfDictionary widget || view.Resolve(widget["Subtype"]) is not PdfName { Value: "Widget" }) continue;
                // The field is the widget itself (merged) or up its /Parent chain; its name joins the /T's on the way.
                PdfDictionary field = widget;
                PdfObject fieldNode = a;
                string? ft = view.Resolve(widget["FT"]) is PdfName f0 ? f0.Value : null;
                var names = new List<string>();
                if (view.Resolve(widget["T"]) is PdfString t0) names.Add(t0.ToText());
                var cur = widget;
                for (int i = 0; i < MaxFieldDepth && cur["Parent"] is { } parentObj && view.Resolve(parentObj) is PdfDictionary parent; i++)
                {
                    if (ft is null && field["V"] is null) { field = parent; fieldNode = parentObj; }
                    ft ??= view.Resolve(parent["FT"]) is PdfName pf ? pf.Value : null;
                    if (view.Resolve(parent["T"]) is PdfString pt) names.Insert(0, pt.ToText());
                    cur = parent;
                }
                if (fieldNode is PdfReference fr && seenFields.Contains(fr)) continue;
                if (ft != "Sig" || field["V"] is not { } vObj) continue;
                if (vObj is PdfReference vr && !seenSigs.Add(vr)) continue;
                if (view.Resolve(vObj) is not PdfDictionary sig) continue;
                string name = names.Count > 0 ? string.Join(".", names) : $"(tanpa nama #{result.Count + 1})";
                result.Add(Read(view, name + " (di luar /AcroForm /Fields)", fieldNode as PdfReference, vObj as PdfReference, sig));
            }
        }
    }

    /// <summary>
    /// When no field names a signature, signature dictionaries are looked for in the file itself (the object that
    /// holds each "/ByteRange"), so a file whose later revision unlinked every signature is reported, not called unsigned.
    /// </summary>
    private static void FindInXref(PdfRevisionView view, HashSet<PdfReference> seenSigs, List<PdfSignatureField> result)
    {
        var file = view.File;
        var starts = new List<(long Offset, int Num, int Gen)>();
        foreach (int n in view.ObjectNumbers)
            if (view.GetEntry(n) is { Type: PdfXrefEntryType.InUse } e) starts.Add((e.Offset, n, e.Generation));
        if (starts.Count == 0) return;
        starts.Sort((x, y) => x.Offset.CompareTo(y.Offset));
        var offsets = starts.Select(x => x.Offset).ToArray();
        long pos = 0;
        int found = 0;
        while (found < MaxFields)
        {
            long at = file.IndexOf("/ByteRange"u8, pos, file.Length);
            if (at < 0) break;
            pos = at + 10;
            int i = Array.BinarySearch(offsets, at);
            if (i < 0) i = ~i - 1;
            if (i < 0) continue;
            var r = new PdfReference(starts[i].Num, starts[i].Gen);
            if (seenSigs.Contains(r)) continue;
            PdfObject obj;
            try { obj = view.GetObject(r); }
            catch (PdfException) { continue; }
            if (obj is not PdfDictionary sig || sig["ByteRange"] is null || sig["Contents"] is null) continue;
            seenSigs.Add(r);
            found++;
            result.Add(Read(view, $"(tanda tangan tanpa kolom, objek {r.ObjectNumber})", null, r, sig));
        }
    }

    private static PdfSignatureField Read(PdfRevisionView view, string name, PdfReference? fieldRef, PdfReference? sigRef, PdfDictionary sig)
    {
        var type = view.Resolve(sig["Type"]) is PdfName tn ? tn.Value : null;
        var subFilter = view.Resolve(sig["SubFilter"]) is PdfName sf ? sf.Value : null;
        var filter = view.Resolve(sig["Filter"]) is PdfName f ? f.Value : null;
        bool isDts = type == "DocTimeStamp" || subFilter == "ETSI.RFC3161";

        long[]? br = null;
        string? brProblem = null;
        var brObj = view.Resolve(sig["ByteRange"]);
        if (brObj is PdfArray arr)
        {
            if (arr.Count != 4) brProblem = $"/ByteRange memuat {arr.Count} angka (harus 4)";
            else
            {
                var vals = new long[4];
                for (int i = 0; i < 4; i++)
                {
                    if (view.Resolve(arr[i]) is PdfInteger pi) vals[i] = pi.Value;
                    else { brProblem = "/ByteRange memuat nilai yang bukan bilangan bulat"; break; }
                }
                if (brProblem is null) br = vals;
            }
        }
        else brProblem = brObj is PdfNull ? "/ByteRange tidak ada" : "/ByteRange bukan array";

        byte[]? contents = null;
        long cs = -1, ce = -1;
        string? cProblem = null;
        // Only a string read from the file itself has offsets that can be matched against the byte range gap.
        var cObj = sig["Contents"] is PdfReference cref ? view.Resolve(cref) : sig["Contents"];
        if (cObj is PdfString s)
        {
            contents = s.ToArray();
            if (s.HasFileOffsets) { cs = s.StartOffset; ce = s.EndOffset + 1; }
            else cProblem = "/Contents tidak terletak langsung di berkas (misalnya di dalam object stream)";
            if (!s.IsHex) cProblem ??= "/Contents bukan string heksadesimal";
        }
        else cProblem = cObj is null or PdfNull ? "/Contents tidak ada" : "/Contents bukan string";

        int? p = null;
        if (view.Resolve(sig["Reference"]) is PdfArray refs)
        {
            foreach (var item in refs)
            {
                if (view.Resolve(item) is not PdfDictionary rd) continue;
                if (view.Resolve(rd["TransformMethod"]) is PdfName { Value: "DocMDP" })
                {
                    p = 2;
                    if (view.Resolve(rd["TransformParams"]) is PdfDictionary tp && view.Resolve(tp["P"]) is PdfInteger pv && pv.Value is >= 1 and <= 3)
                        p = (int)pv.Value;
                }
            }
        }
        return new PdfSignatureField
        {
            FieldName = name, FieldRef = fieldRef, SigDictRef = sigRef, SigDict = sig, IsDocTimestamp = isDts,
            Filter = filter, SubFilter = subFilter, ByteRange = br, ByteRangeProblem = brProblem,
            Contents = contents, ContentsStart = cs, ContentsEnd = ce, ContentsProblem = cProblem,
            M = Text(view, sig, "M"), Reason = Text(view, sig, "Reason"), Location = Text(view, sig, "Location"), Name = Text(view, sig, "Name"),
            DocMdpP = p,
        };
    }

    private static string? Text(PdfRevisionView view, PdfDictionary d, string key) =>
        view.Resolve(d[key]) is PdfString s ? s.ToText() : null;

    /// <summary>Parses a PDF date string (D:YYYYMMDDHHmmSSOHH'mm'); null when it is not one.</summary>
    public static DateTimeOffset? ParseDate(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        if (s.StartsWith("D:", StringComparison.Ordinal)) s = s[2..];
        int Part(int start, int len, int dflt) =>
            s.Length >= start + len && int.TryParse(s.AsSpan(start, len), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : dflt;
        if (s.Length < 4 || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return null;
        int month = Part(4, 2, 1), day = Part(6, 2, 1), hour = Part(8, 2, 0), min = Part(10, 2, 0), sec = Part(12, 2, 0);
        var offset = TimeSpan.Zero;
        int z = 14;
        while (z < s.Length && z > 0 && !(s[z] is 'Z' or '+' or '-')) z++;
        if (z < s.Length && s[z] is '+' or '-')
        {
            var rest = s[(z + 1)..].Replace("'", "");
            int oh = rest.Length >= 2 && int.TryParse(rest.AsSpan(0, 2), out var h) ? h : 0;
            int om = rest.Length >= 4 && int.TryParse(rest.AsSpan(2, 2), out var m2) ? m2 : 0;
            if (oh > 23 || om > 59) return null;
            offset = new TimeSpan(oh, om, 0);
            if (s[z] == '-') offset = -offset;
        }
        try { return new DateTimeOffset(year, month, day, hour, min, Math.Min(sec, 59), offset).ToUniversalTime(); }
        catch (ArgumentOutOfRangeException) { return null; }
    }
}
