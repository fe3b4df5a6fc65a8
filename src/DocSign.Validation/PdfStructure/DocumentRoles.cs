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
    /// <summary>The field or widget each of <see cref="Appearances"/> belongs to.</summary>
    public Dictionary<int, int> AppearanceOwner = new();
    /// <summary>Appearance streams of empty signature fields, with the field they belong to.</summary>
    public Dictionary<int, int> EmptySigAppearances = new();
    public HashSet<int> Dss = new();
    /// <summary>The form's default resources (/DR) and the resources of field appearances: fonts a filler may rewrite.</summary>
    public HashSet<int> FormResources = new();
    public HashSet<int>? Struct;

    /// <summary>
    /// Whether the object plays a part in what the document shows or in its form (a page, an annotation or its
    /// list, a field, an appearance, form resources): such an object keeps no bookkeeping role (information,
    /// metadata, DSS, structure) whatever else also names it.
    /// </summary>
    public bool ShownOrForm(int n) =>
        Pages.ContainsKey(n) || AnnotArrays.Contains(n) || Annotations.Contains(n) || UnsignedSigFields.Contains(n) || FormFields.Contains(n)
        || Appearances.Contains(n) || EmptySigAppearances.ContainsKey(n) || FormResources.Contains(n) || AnnotationAppearances.Contains(n);

    /// <summary>Objects reachable from any annotation's appearance (widgets included), as of this revision.</summary>
    public HashSet<int> AnnotationAppearances = new();

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
            CollectFormResources(v, acro, roles);
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
                foreach (var a in annots)
                {
                    if (a is PdfReference r) roles.Annotations.Add(r.ObjectNumber);
                    if (v.Resolve(a) is PdfDictionary ad && ad["AP"] is { } ap) CollectReachable(v, ap, roles.AnnotationAppearances);
                }
        }
        return roles;
    }

    /// <summary>Objects reachable from the form's /DR and from the /Resources of form field appearances (bounded).</summary>
    private static void CollectFormResources(PdfRevisionView v, PdfDictionary acro, DocumentRoles roles)
    {
        if (acro["DR"] is { } dr) CollectReachable(v, dr, roles.FormResources);
        foreach (var n in roles.Appearances)
            if (v.GetObject(n) is PdfStream s && s.Dictionary["Resources"] is { } res) CollectReachable(v, res, roles.FormResources);
    }

    /// <summary>Adds every object reachable from <paramref name="start"/> (not back through /Parent or /P) to <paramref name="into"/>, bounded.</summary>
    private static void CollectReachable(PdfRevisionView v, PdfObject start, HashSet<int> into)
    {
        var stack = new Stack<(PdfObject, int)>();
        stack.Push((start, 0));
        int work = 0;
        while (stack.Count > 0 && ++work < 200_000)
        {
            var (o, depth) = stack.Pop();
            if (depth > 32) continue;
            if (o is PdfReference r)
            {
                if (!into.Add(r.ObjectNumber)) continue;
                try { o = v.GetObject(r); } catch (PdfException) { continue; }
            }
            switch (o)
            {
                case PdfArray a: foreach (var x in a) stack.Push((x, depth + 1)); break;
                case PdfStream s: stack.Push((s.Dictionary, depth + 1)); break;
                case PdfDictionary d: foreach (var kv in d) if (kv.Key is not ("Parent" or "P")) stack.Push((kv.Value, depth + 1)); break;
            }
        }
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
                        else if (myFt != "Sig")
                        {
                            roles.Appearances.Add(x.ObjectNumber);
                            if (node is PdfReference owned) roles.AppearanceOwner.TryAdd(x.ObjectNumber, owned.ObjectNumber);
                        }
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
