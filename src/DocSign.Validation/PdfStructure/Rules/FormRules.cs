using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>The interactive form dictionary, entry by entry.</summary>
internal sealed class AcroFormRule() : ModificationRule("acroform", ModificationLevel.FormFilling,
    "the interactive form dictionary: /Fields (new signature fields), /SigFlags, /DR, /DA, /NeedAppearances")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Number != a.SignedRoles.AcroForm || c.Before is not PdfDictionary ba || c.After is not PdfDictionary aa) return RuleOutcome.NotApplicable;
        CompareAcroForm(a, ba, aa, a.Old, a.SignedRoles, r);
        return RuleOutcome.Judged;
    }

    /// <summary>Whether <paramref name="after"/> only adds entries to the dictionary <paramref name="before"/> (each existing entry unchanged).</summary>
    internal static bool OnlyAdds(ModificationAnalyzer ma, PdfObject before, PdfObject after, int depth = 0)
    {
        if (depth > 4 || before is not PdfDictionary b || after is not PdfDictionary a || before is PdfStream) return false;
        foreach (var kv in b)
        {
            if (ma.Same(kv.Value, a[kv.Key])) continue;
            // A subdictionary (/Font) that itself only grew.
            if (!OnlyAdds(ma, ma.Old.Resolve(kv.Value), ma.Final.Resolve(a[kv.Key]), depth + 1)) return false;
        }
        return true;
    }

    internal static void CompareAcroForm(ModificationAnalyzer ma, PdfDictionary before, PdfDictionary after, PdfRevisionView old, DocumentRoles roles, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            var b = before[key];
            var a = after[key];
            if (ma.Same(b, a)) continue;
            switch (key)
            {
                case "Fields":
                    FieldsArrayRule.CompareFields(ma, old.Resolve(b) as PdfArray ?? new PdfArray(), ma.Final.Resolve(a) as PdfArray ?? new PdfArray(), old, result);
                    break;
                case "SigFlags": result.Note(ModificationLevel.LtaUpdates, "/SigFlags"); break;
                // Form-level defaults: viewers redraw fields with them, so changing them is filling the form. Adding
                // resources (a later signer's font) leaves every existing field as it was drawn.
                case "DR":
                    if (!OnlyAdds(ma, old.Resolve(b), ma.Final.Resolve(a))) result.FormFieldsFilled = true;
                    result.Note(ModificationLevel.FormFilling, "sumber daya formulir /DR");
                    break;
                case "DA":
                    result.FormFieldsFilled = true;
                    result.Note(ModificationLevel.FormFilling, "sumber daya formulir /DA");
                    break;
                case "NeedAppearances" when ma.Final.Resolve(a) is not PdfBoolean { Value: true }:
                    result.FormFieldsFilled = true;
                    result.Note(ModificationLevel.FormFilling, "/NeedAppearances");
                    break;
                default: result.Note(ModificationLevel.Other, $"formulir (AcroForm): /{key} diubah"); break;
            }
        }
    }
}

/// <summary>The form's default resources and the resources of field appearances (fonts a filler rewrites).</summary>
internal sealed class FormResourcesRule() : ModificationRule("form-resources", ModificationLevel.FormFilling,
    "the form's default resources (/DR) and field appearance resources: adding is bookkeeping, changing is filling the form")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.FormResources.Contains(c.Number)) return RuleOutcome.NotApplicable;
        if (!AcroFormRule.OnlyAdds(a, c.Before, c.After)) r.FormFieldsFilled = true;
        r.Note(Grade, "sumber daya formulir");
        return RuleOutcome.Judged;
    }
}

/// <summary>The form's /Fields array: fields removed or added.</summary>
internal sealed class FieldsArrayRule() : ModificationRule("fields-array", ModificationLevel.FormFilling,
    "the /Fields array: new signature fields, judged by what their widgets show")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Number != a.SignedRoles.Fields || c.Before is not PdfArray bf || c.After is not PdfArray af) return RuleOutcome.NotApplicable;
        CompareFields(a, bf, af, a.Old, r);
        return RuleOutcome.Judged;
    }

    internal static void CompareFields(ModificationAnalyzer ma, PdfArray before, PdfArray after, PdfRevisionView old, ModificationResult result)
    {
        var afterSet = after.OfType<PdfReference>().ToHashSet();
        foreach (var f in before)
        {
            if (f is PdfReference r ? !afterSet.Contains(r) : !after.Any(x => ma.Same(x, f)))
                result.Note(ModificationLevel.Other, "kolom formulir dihapus dari /Fields");
        }
        var beforeSet = before.OfType<PdfReference>().ToHashSet();
        foreach (var f in after)
        {
            if (f is PdfReference r && beforeSet.Contains(r)) continue;
            if (f is not PdfReference && before.Any(x => ma.Same(x, f))) continue;
            JudgeNewField(ma, f, result);
        }
    }

    internal static void JudgeNewField(ModificationAnalyzer ma, PdfObject f, ModificationResult result)
    {
        if (ma.Final.Resolve(f) is not PdfDictionary d) { result.Note(ModificationLevel.Other, "entri /Fields bukan kamus"); return; }
        var ft = d.GetName("FT");
        if (ft != "Sig" && d["Kids"] is null) { result.Note(ModificationLevel.Annotations, $"kolom formulir baru jenis {ft ?? "?"}"); return; }
        if (ft != "Sig")
        {
            result.Note(ModificationLevel.Annotations, "kolom formulir baru yang bukan kolom tanda tangan");
            return;
        }
        SignatureWidgets.JudgeNewSignatureWidget(ma, d, d, "kolom", result);
    }
}

/// <summary>An existing (non-signature) form field whose value was filled in.</summary>
internal sealed class FormFieldFilledRule() : ModificationRule(ModificationRules.FormFillId, ModificationLevel.FormFilling,
    "an existing form field's value (/V, /AP, /AS) filled in")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.FormFields.Contains(c.Number) || c.Before is not PdfDictionary b || c.After is not PdfDictionary f) return RuleOutcome.NotApplicable;
        CompareFormFill(a, c.Number, b, f, Grade, r);
        return RuleOutcome.Judged;
    }

    internal static void CompareFormFill(ModificationAnalyzer ma, int n, PdfDictionary before, PdfDictionary after, ModificationLevel grade, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            if (ma.Same(before[key], after[key])) continue;
            // The value and what a viewer rewrites in the field's own widget when it fills it: the appearance, its
            // state, the default appearance string and the widget's appearance characteristics.
            if (key is "V" or "AP" or "AS" or "DA" or "MK") continue;
            result.Note(ModificationLevel.Other, $"kolom formulir {n}: /{key} diubah");
        }
        result.FormFieldsFilled = true;
        if (FormAppearance.Problem(ma, after) is { } problem)
        {
            result.Note(ModificationLevel.Annotations, $"kolom formulir {n}: {problem}");
            return;
        }
        result.Note(grade, "pengisian kolom formulir");
    }
}

/// <summary>A form field's appearance stream redrawn because the field was filled in.</summary>
internal sealed class FieldAppearanceRule() : ModificationRule("field-appearance", ModificationLevel.FormFilling,
    "a form field's appearance stream redrawn (the field was filled in)")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.Appearances.Contains(c.Number) || c.Before is not PdfStream || c.After is not PdfStream) return RuleOutcome.NotApplicable;
        r.FormFieldsFilled = true;
        if (a.SignedRoles.AppearanceOwner.TryGetValue(c.Number, out var owner) && a.Final.GetObject(owner) is PdfDictionary widget
            && FormAppearance.Problem(a, widget) is { } problem)
        {
            r.Note(ModificationLevel.Annotations, $"kolom formulir {owner}: {problem}");
            return RuleOutcome.Judged;
        }
        r.Note(Grade, "tampilan kolom formulir");
        return RuleOutcome.Judged;
    }
}
