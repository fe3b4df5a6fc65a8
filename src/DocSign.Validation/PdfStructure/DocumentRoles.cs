using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>The roles objects play in one revision: catalog, info, form, pages, annotations, appearances, DSS, structure tree.</summary>
internal sealed class DocumentRoles
{
    public int Catalog = -1, Info = -1, AcroForm = -1, Fields = -1, Metadata = -1;
    public Dictionary<int, int> Pages = new();
    public HashSet<int> AnnotArrays = new();
    public HashSet<int> Annotations = new();
    public HashSet<int> UnsignedSigFields = new();
    public HashSet<int> FormFields = new();
    public HashSet<int> Appearances = new();
    /// <summary>Appearance streams of empty signature fields, with the field they belong to.</summary>
    public Dictionary<int, int> EmptySigAppearances = new();
    public HashSet<int> Dss = new();
    public HashSet<int>? Struct;

    /// <summary>Collects the roles as of revision <paramref name="v"/>.</summary>
    public static DocumentRoles Collect(PdfRevisionView v)
    {
        var roles = new DocumentRoles();
        if (v.Trailer["Root"] is PdfReference root) roles.Catalog = root.ObjectNumber;
        if (v.Trailer["Info"] is PdfReference info) roles.Info = info.ObjectNumber;
        var cat = v.Catalog;
        if (cat["Metadata"] is PdfReference md) roles.Metadata = md.ObjectNumber;
        if (cat["AcroForm"] is PdfReference af) roles.AcroForm = af.ObjectNumber;
        if (v.Resolve(cat["AcroForm"]) is PdfDictionary acro)
        {
            if (acro["Fields"] is PdfReference fr) roles.Fields = fr.ObjectNumber;
            if (v.Resolve(acro["Fields"]) is PdfArray fields) CollectSigFields(v, fields, roles);
        }
        if (cat["DSS"] is PdfReference dr) roles.Dss.Add(dr.ObjectNumber);
        if (v.Resolve(cat["DSS"]) is PdfDictionary dss)
        {
            foreach (var key in new[] { "Certs", "OCSPs", "CRLs", "VRI" })
            {
                if (dss[key] is PdfReference kr) roles.Dss.Add(kr.ObjectNumber);
                if (key == "VRI" && v.Resolve(dss[key]) is PdfDictionary vri)
                    foreach (var kv in vri)
                    {
                        if (kv.Value is PdfReference er) roles.Dss.Add(er.ObjectNumber);
                        if (v.Resolve(kv.Value) is PdfDictionary entry)
                            foreach (var ekv in entry) if (ekv.Value is PdfReference ar && v.Resolve(ar) is PdfArray) roles.Dss.Add(ar.ObjectNumber);
                    }
            }
        }
        foreach (var page in v.GetPages())
        {
            if (page.Reference is { } pr) roles.Pages[pr.ObjectNumber] = page.Index;
            if (page.Dictionary["Annots"] is PdfReference ar) roles.AnnotArrays.Add(ar.ObjectNumber);
            if (v.Resolve(page.Dictionary["Annots"]) is PdfArray annots)
                foreach (var a in annots) if (a is PdfReference r) roles.Annotations.Add(r.ObjectNumber);
        }
        return roles;
    }

    private static void CollectSigFields(PdfRevisionView v, PdfArray fields, DocumentRoles roles)
    {
        var seen = new HashSet<PdfReference>();
        var stack = new Stack<(PdfObject, string?, int)>();
        foreach (var f in fields) stack.Push((f, null, 0));
        while (stack.Count > 0)
        {
            var (node, ft, depth) = stack.Pop();
            if (depth > 32 || seen.Count > 100_000) break;
            if (node is PdfReference r && !seen.Add(r)) continue;
            if (v.Resolve(node) is not PdfDictionary d) continue;
            var myFt = d.GetName("FT") ?? ft;
            if (v.Resolve(d["Kids"]) is PdfArray kids) foreach (var k in kids) stack.Push((k, myFt, depth + 1));
            if (myFt == "Sig" && d["V"] is null && node is PdfReference nr) roles.UnsignedSigFields.Add(nr.ObjectNumber);
            if (myFt is not null && myFt != "Sig" && node is PdfReference fr) roles.FormFields.Add(fr.ObjectNumber);
            // Appearance streams of field widgets: filling a field redraws them. Never a signed signature's:
            // what the signer's widget shows is fixed once signed.
            if (!(myFt == "Sig" && d["V"] is not null) && v.Resolve(d["AP"]) is PdfDictionary ap)
                foreach (var kv in ap)
                {
                    var streams = new List<PdfReference>();
                    if (kv.Value is PdfReference sr) streams.Add(sr);
                    else if (v.Resolve(kv.Value) is PdfDictionary states)
                        foreach (var st in states) if (st.Value is PdfReference str) streams.Add(str);
                    foreach (var x in streams)
                    {
                        if (myFt == "Sig" && node is PdfReference owner) roles.EmptySigAppearances.TryAdd(x.ObjectNumber, owner.ObjectNumber);
                        else if (myFt != "Sig") roles.Appearances.Add(x.ObjectNumber);
                    }
                }
        }
    }

    /// <summary>The objects of the revision's structure tree (never pages, annotations or XObjects).</summary>
    public static HashSet<int> CollectStruct(PdfRevisionView v)
    {
        var set = new HashSet<int>();
        var start = v.Catalog["StructTreeRoot"];
        if (start is null) return set;
        var stack = new Stack<(PdfObject, int)>();
        stack.Push((start, 0));
        while (stack.Count > 0 && set.Count < 500_000)
        {
            var (o, depth) = stack.Pop();
            if (depth > 256) continue;
            if (o is PdfReference r)
            {
                if (!set.Add(r.ObjectNumber)) continue;
                o = v.GetObject(r);
            }
            switch (o)
            {
                case PdfArray a:
                    foreach (var x in a) if (x is PdfReference or PdfArray or PdfDictionary) stack.Push((x, depth + 1));
                    break;
                case PdfDictionary d:
                    // Structure only: never into pages, annotations, XObjects or marked content streams.
                    if (d.GetName("Type") is "Page" or "Annot" or "XObject") break;
                    foreach (var kv in d)
                        if (kv.Key is not ("Pg" or "Obj" or "Stm" or "StmOwn" or "P") && kv.Value is PdfReference or PdfArray or PdfDictionary)
                            stack.Push((kv.Value, depth + 1));
                    break;
            }
        }
        // Pages and annotations reached through MCR/OBJR dictionaries are not structure: remove any that slipped in.
        foreach (var p in v.GetPages()) if (p.Reference is { } pr) set.Remove(pr.ObjectNumber);
        return set;
    }
}
