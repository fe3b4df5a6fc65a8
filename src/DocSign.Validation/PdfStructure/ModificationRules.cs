using DocSign.Pdf;

namespace DocSign.Validation;

/// <summary>The rules DocSign's <see cref="ModificationPolicy.Default"/> is made of, with their ids.</summary>
public static class ModificationRules
{
    /// <summary>Id of the catalog rule (its grade applies to the catalog's bookkeeping entries).</summary>
    public const string CatalogId = "catalog";

    /// <summary>Id of the rule allowing a changed document information dictionary (/Info).</summary>
    public const string InfoId = "info-dictionary";

    /// <summary>Id of the rule allowing a changed XMP metadata stream.</summary>
    public const string MetadataId = "xmp-metadata";

    /// <summary>Id of the rule allowing DSS updates.</summary>
    public const string DssId = "dss";

    /// <summary>Id of the rule allowing existing form fields to be filled in.</summary>
    public const string FormFillId = "form-field-filled";

    /// <summary>DocSign's rules in the order they are asked. Order matters: the guards (object streams, objects
    /// that decide what a page shows) come before every rule that allows something, so an object that plays an
    /// allowed role and also decides the page's content is never let through by the allowed role.</summary>
    public static IReadOnlyList<ModificationRule> Standard() =>
    [
        new Rule("object-stream-replaced", ModificationLevel.Other,
            "a replaced object stream: objects inside it can change without new cross-reference entries",
            (a, c, r, g) =>
            {
                if (c.Before is not PdfStream bs || bs.Dictionary.GetName("Type") != "ObjStm") return RuleOutcome.NotApplicable;
                r.Note(g, $"object stream {c.Number} diganti: objek di dalamnya dapat berubah tanpa entri xref baru");
                return RuleOutcome.Judged;
            }),
        new Rule(CatalogId, ModificationLevel.LtaUpdates,
            "the catalog: DSS, ESIC extensions, version and XMP entries; the AcroForm judged by the form rules; anything else OTHER",
            (a, c, r, g) =>
            {
                if (c.Number != a.SignedRoles.Catalog || c.Before is not PdfDictionary bc || c.After is not PdfDictionary ac) return RuleOutcome.NotApplicable;
                a.CompareCatalog(bc, ac, a.Old, a.SignedRoles, g, r);
                return RuleOutcome.Judged;
            }),
        new Rule("page", ModificationLevel.Annotations,
            "a page dictionary: only its /Annots may change, each new annotation judged by what it shows",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.Pages.TryGetValue(c.Number, out var index) || c.Before is not PdfDictionary bp || c.After is not PdfDictionary ap) return RuleOutcome.NotApplicable;
                a.ComparePage(index, bp, ap, a.Old, r);
                return RuleOutcome.Judged;
            }),
        new Rule("annotation-array", ModificationLevel.Annotations,
            "a page's /Annots array: new signature widgets that show nothing or belong to a new signature",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.AnnotArrays.Contains(c.Number) || c.Before is not PdfArray bn || c.After is not PdfArray an) return RuleOutcome.NotApplicable;
                a.CompareAnnots(bn, an, a.Old, "halaman", r);
                return RuleOutcome.Judged;
            }),
        new Rule("page-content-guard", ModificationLevel.Other,
            "an object that decides what the document shows (content, resources, optional content, names...) keeps no allowed role",
            (a, c, r, g) => a.IsSignificant(c.Number) ? RuleOutcome.Unexplained : RuleOutcome.NotApplicable),
        new Rule("old-xref-stream", ModificationLevel.None,
            "an old cross-reference stream's object number reused, when the signed document did not use it",
            (a, c, r, g) =>
            {
                if (c.Before is not PdfStream xs || xs.Dictionary.GetName("Type") != "XRef") return RuleOutcome.NotApplicable;
                if (a.UsedWhenSigned(c.Number)) return RuleOutcome.Unexplained;
                r.Note(g, "xref stream lama");
                return RuleOutcome.Judged;
            }),
        new Rule("acroform", ModificationLevel.FormFilling,
            "the interactive form dictionary: /Fields (new signature fields), /SigFlags, /DR, /DA, /NeedAppearances",
            (a, c, r, g) =>
            {
                if (c.Number != a.SignedRoles.AcroForm || c.Before is not PdfDictionary ba || c.After is not PdfDictionary aa) return RuleOutcome.NotApplicable;
                a.CompareAcroForm(ba, aa, a.Old, a.SignedRoles, r);
                return RuleOutcome.Judged;
            }),
        new Rule("fields-array", ModificationLevel.FormFilling,
            "the /Fields array: new signature fields, judged by what their widgets show",
            (a, c, r, g) =>
            {
                if (c.Number != a.SignedRoles.Fields || c.Before is not PdfArray bf || c.After is not PdfArray af) return RuleOutcome.NotApplicable;
                a.CompareFields(bf, af, a.Old, r);
                return RuleOutcome.Judged;
            }),
        new Rule("signature-field-signed", ModificationLevel.FormFilling,
            "an empty signature field signed later (with a new signature, never a reused one)",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.UnsignedSigFields.Contains(c.Number) || c.Before is not PdfDictionary b || c.After is not PdfDictionary f) return RuleOutcome.NotApplicable;
                a.CompareSigFieldFill(c.Number, b, f, r);
                return RuleOutcome.Judged;
            }),
        new Rule(FormFillId, ModificationLevel.FormFilling,
            "an existing form field's value (/V, /AP, /AS) filled in",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.FormFields.Contains(c.Number) || c.Before is not PdfDictionary b || c.After is not PdfDictionary f) return RuleOutcome.NotApplicable;
                a.CompareFormFill(c.Number, b, f, g, r);
                return RuleOutcome.Judged;
            }),
        new Rule("empty-signature-appearance", ModificationLevel.FormFilling,
            "an empty signature field's appearance redrawn because it was signed",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.EmptySigAppearances.TryGetValue(c.Number, out var field) || c.Before is not PdfStream || c.After is not PdfStream) return RuleOutcome.NotApplicable;
                a.JudgeEmptySignatureAppearance(field, g, r);
                return RuleOutcome.Judged;
            }),
        new Rule("field-appearance", ModificationLevel.FormFilling,
            "a form field's appearance stream redrawn (the field was filled in)",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.Appearances.Contains(c.Number) || c.Before is not PdfStream || c.After is not PdfStream) return RuleOutcome.NotApplicable;
                r.FormFieldsFilled = true;
                r.Note(g, "tampilan kolom formulir");
                return RuleOutcome.Judged;
            }),
        new Rule(InfoId, ModificationLevel.LtaUpdates, "the document information dictionary (/Info)",
            (a, c, r, g) =>
            {
                if (c.Number != a.SignedRoles.Info) return RuleOutcome.NotApplicable;
                r.Note(g, "kamus /Info");
                return RuleOutcome.Judged;
            }),
        new Rule(MetadataId, ModificationLevel.LtaUpdates, "the catalog's XMP metadata stream",
            (a, c, r, g) =>
            {
                if (c.Number != a.SignedRoles.Metadata) return RuleOutcome.NotApplicable;
                r.Note(g, "metadata XMP");
                return RuleOutcome.Judged;
            }),
        new Rule(DssId, ModificationLevel.LtaUpdates, "the document security store (validation data)",
            (a, c, r, g) =>
            {
                if (!a.SignedRoles.Dss.Contains(c.Number)) return RuleOutcome.NotApplicable;
                r.Note(g, "DSS");
                return RuleOutcome.Judged;
            }),
        new Rule("structure-tree", ModificationLevel.FormFilling, "the logical structure tree (tags for new widgets)",
            (a, c, r, g) =>
            {
                if (!a.InStructureTree(c.Number)) return RuleOutcome.NotApplicable;
                r.Note(g, "struktur tag (StructTreeRoot)");
                return RuleOutcome.Judged;
            }),
    ];

    /// <summary>A rule whose recognition is a function of the analysis; the grade is passed in so re-grading works.</summary>
    private sealed class Rule(string id, ModificationLevel grade, string description,
        Func<PdfStructure.ModificationAnalyzer, ObjectChange, PdfStructure.ModificationResult, ModificationLevel, RuleOutcome> apply)
        : ModificationRule(id, grade, description)
    {
        internal override RuleOutcome Apply(PdfStructure.ModificationAnalyzer analysis, ObjectChange change, PdfStructure.ModificationResult result) =>
            apply(analysis, change, result, Grade);
    }
}
