using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>An empty signature field of the signed revision signed later.</summary>
internal sealed class SignatureFieldSignedRule() : ModificationRule("signature-field-signed", ModificationLevel.FormFilling,
    "an empty signature field signed later (with a new signature, never a reused one)")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.UnsignedSigFields.Contains(c.Number) || c.Before is not PdfDictionary b || c.After is not PdfDictionary f) return RuleOutcome.NotApplicable;
        CompareSigFieldFill(a, c.Number, b, f, r);
        return RuleOutcome.Judged;
    }

    internal static void CompareSigFieldFill(ModificationAnalyzer ma, int n, PdfDictionary before, PdfDictionary after, ModificationResult result)
    {
        if (SignatureWidgets.FieldWithValue(ma, after) is { } withValue && SignatureWidgets.ReusesSignedValue(ma, withValue))
        {
            result.Note(ModificationLevel.Annotations, $"kolom tanda tangan {n} diisi dengan nilai tanda tangan yang sudah ada (tanpa tanda tangan baru)");
            return;
        }
        if (SignatureWidgets.FieldWithValue(ma, after) is null && before.Keys.Union(after.Keys).Any(k => k is "AP" or "MK" or "F" && !ma.Same(before[k], after[k])))
        {
            result.Note(ModificationLevel.Annotations, $"tampilan kolom tanda tangan kosong {n} diubah tanpa tanda tangan baru");
            return;
        }
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            if (ma.Same(before[key], after[key])) continue;
            if (key is "V" or "AP" or "AS" or "MK" or "DA" or "F" or "Lock" or "SV") continue;
            result.Note(ModificationLevel.Other, $"kolom tanda tangan {n}: /{key} diubah");
        }
        if ((!ma.Same(before["AP"], after["AP"]) || !ma.Same(before["MK"], after["MK"])) && SignatureWidgets.PaintsOverSigned(ma, after, new PdfReference(n, 0)) is { } why)
        {
            result.Note(ModificationLevel.Annotations, $"kolom tanda tangan {n}: {why}");
            return;
        }
        result.Note(SignatureWidgets.SigValueLevel(ma, after), SignatureWidgets.IsDts(ma, after) ? "stempel waktu dokumen pada kolom yang ada" : "penandatanganan kolom tanda tangan yang sudah ada");
    }
}

/// <summary>The appearance stream of an empty signature field, redrawn when it is signed.</summary>
internal sealed class EmptySignatureAppearanceRule() : ModificationRule("empty-signature-appearance", ModificationLevel.FormFilling,
    "an empty signature field's appearance redrawn because it was signed")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.EmptySigAppearances.TryGetValue(c.Number, out var field) || c.Before is not PdfStream || c.After is not PdfStream) return RuleOutcome.NotApplicable;
        JudgeEmptySignatureAppearance(a, field, Grade, r);
        return RuleOutcome.Judged;
    }

    /// <summary>Judges an empty signature field's appearance stream that changed.</summary>
    internal static void JudgeEmptySignatureAppearance(ModificationAnalyzer ma, int sigField, ModificationLevel grade, ModificationResult result)
    {
        // An empty signature field's appearance is redrawn when it is signed, and only then.
        if (ma.Final.GetObject(sigField) is PdfDictionary sf && SignatureWidgets.FieldWithValue(ma, sf) is { } signedField && !SignatureWidgets.ReusesSignedValue(ma, signedField))
        {
            if (SignatureWidgets.PaintsOverSigned(ma, sf, new PdfReference(sigField, 0)) is { } why)
                result.Note(ModificationLevel.Annotations, $"kolom tanda tangan {sigField}: {why}");
            else
                result.Note(grade, "tampilan kolom tanda tangan yang ditandatangani");
        }
        else
            result.Note(ModificationLevel.Annotations, $"tampilan kolom tanda tangan kosong {sigField} digambar ulang tanpa tanda tangan baru");
    }
}
