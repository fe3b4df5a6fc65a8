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
                case "DR": case "DA": result.Note(ModificationLevel.FormFilling, "sumber daya formulir /" + key); break;
                case "NeedAppearances" when ma.Final.Resolve(a) is not PdfBoolean { Value: true }: result.Note(ModificationLevel.FormFilling, "/NeedAppearances"); break;
                default: result.Note(ModificationLevel.Other, $"formulir (AcroForm): /{key} diubah"); break;
            }
        }
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
            if (key is "V" or "AP" or "AS") continue;
            result.Note(ModificationLevel.Other, $"kolom formulir {n}: /{key} diubah");
        }
        result.FormFieldsFilled = true;
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
        r.Note(Grade, "tampilan kolom formulir");
        return RuleOutcome.Judged;
    }
}
