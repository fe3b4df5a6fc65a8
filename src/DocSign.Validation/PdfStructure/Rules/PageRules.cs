using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>A page dictionary: only its /Annots may change.</summary>
internal sealed class PageRule() : ModificationRule("page", ModificationLevel.Annotations,
    "a page dictionary: only its /Annots may change, each new annotation judged by what it shows")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.Pages.TryGetValue(c.Number, out var index) || c.Before is not PdfDictionary bp || c.After is not PdfDictionary ap) return RuleOutcome.NotApplicable;
        ComparePage(a, index, bp, ap, a.Old, r);
        return RuleOutcome.Judged;
    }

    internal static void ComparePage(ModificationAnalyzer ma, int index, PdfDictionary before, PdfDictionary after, PdfRevisionView old, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            var b = before[key];
            var a = after[key];
            if (ma.Same(b, a)) continue;
            if (key == "Annots")
                AnnotationArrayRule.CompareAnnots(ma, old.Resolve(b) as PdfArray ?? new PdfArray(), ma.Final.Resolve(a) as PdfArray ?? new PdfArray(), old, $"halaman {index + 1}", result);
            else
                result.Note(ModificationLevel.Other, $"halaman {index + 1}: /{key} diubah (isi atau tampilan halaman)");
        }
    }
}

/// <summary>A page's /Annots array: each annotation removed or added is judged by what it shows.</summary>
internal sealed class AnnotationArrayRule() : ModificationRule("annotation-array", ModificationLevel.Annotations,
    "a page's /Annots array: new signature widgets that show nothing or belong to a new signature")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.AnnotArrays.Contains(c.Number) || c.Before is not PdfArray bn || c.After is not PdfArray an) return RuleOutcome.NotApplicable;
        CompareAnnots(a, bn, an, a.Old, "halaman", r);
        return RuleOutcome.Judged;
    }

    internal static void CompareAnnots(ModificationAnalyzer ma, PdfArray before, PdfArray after, PdfRevisionView old, string where, ModificationResult result)
    {
        var afterRefs = after.OfType<PdfReference>().ToHashSet();
        foreach (var x in before)
            if (x is PdfReference r ? !afterRefs.Contains(r) : !after.Any(y => ma.Same(x, y)))
            {
                if (IsComment(old.Resolve(x))) result.NoteComment($"{where}: komentar dihapus");
                else result.Note(ModificationLevel.Annotations, $"{where}: anotasi dihapus");
            }
        var beforeRefs = before.OfType<PdfReference>().ToHashSet();
        foreach (var x in after)
        {
            if (x is PdfReference r && beforeRefs.Contains(r)) continue;
            if (x is not PdfReference && before.Any(y => ma.Same(x, y))) continue;
            JudgeNewAnnotation(ma, x, where, result);
        }
    }

    internal static void JudgeNewAnnotation(ModificationAnalyzer ma, PdfObject x, string where, ModificationResult result)
    {
        if (ma.Final.Resolve(x) is not PdfDictionary a) { result.Note(ModificationLevel.Annotations, $"{where}: entri /Annots yang bukan kamus"); return; }
        var subtype = a.GetName("Subtype");
        if (subtype == "Widget")
        {
            // The field of a widget is itself (merged) or its /Parent chain.
            PdfDictionary? field = a;
            string? ft = a.GetName("FT");
            var cur = a;
            for (int i = 0; i < 16 && ft is null && ma.Final.Resolve(cur["Parent"]) is PdfDictionary p; i++) { cur = p; ft = p.GetName("FT"); field = p; }
            if (ft == "Sig" && field is not null)
            {
                SignatureWidgets.JudgeNewSignatureWidget(ma, field, a, where, result);
                return;
            }
            result.Note(ModificationLevel.Annotations, $"{where}: widget formulir baru ({ft ?? "?"}) ditambahkan");
            return;
        }
        if (IsComment(a) && !ma.CoversSignedContent(a, x as PdfReference)) result.NoteComment($"{where}: komentar /{subtype} ditambahkan");
        else if (IsComment(a)) result.Note(ModificationLevel.Annotations, $"{where}: komentar /{subtype} menutupi isi yang ditandatangani");
        else result.Note(ModificationLevel.Annotations, $"{where}: anotasi baru /{subtype ?? "?"} ditambahkan (dapat menggambar di atas halaman)");
    }

    /// <summary>
    /// Markup annotations (ISO 32000-2 §12.5.6.2) and their pop-ups: the comments a certification with DocMDP P=3
    /// permits. Widgets, links, screens, redactions (which change content when applied) and the rest are not comments.
    /// </summary>
    internal static bool IsComment(PdfObject annotation) =>
        annotation is PdfDictionary d && d.GetName("Subtype") is "Text" or "FreeText" or "Line" or "Square" or "Circle"
            or "Polygon" or "PolyLine" or "Highlight" or "Underline" or "Squiggly" or "StrikeOut" or "Caret" or "Ink"
            or "FileAttachment" or "Stamp" or "Popup";
}
