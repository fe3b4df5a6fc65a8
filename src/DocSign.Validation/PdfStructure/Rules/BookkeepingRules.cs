using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>The document information dictionary.</summary>
internal sealed class InfoRule() : ModificationRule(ModificationRules.InfoId, ModificationLevel.LtaUpdates,
    "the document information dictionary (/Info)")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Number != a.SignedRoles.Info) return RuleOutcome.NotApplicable;
        // Matched by its nature too, not by number alone: an /Info that is also a page's or a form's object is that.
        if (c.Before is not PdfDictionary || c.After is not PdfDictionary || a.SignedRoles.ShownOrForm(c.Number)) return RuleOutcome.Unexplained;
        r.Note(Grade, "kamus /Info");
        return RuleOutcome.Judged;
    }
}

/// <summary>The catalog's XMP metadata stream.</summary>
internal sealed class MetadataRule() : ModificationRule(ModificationRules.MetadataId, ModificationLevel.LtaUpdates,
    "the catalog's XMP metadata stream")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Number != a.SignedRoles.Metadata) return RuleOutcome.NotApplicable;
        if (c.Before is not PdfStream || c.After is not PdfStream || a.SignedRoles.ShownOrForm(c.Number)) return RuleOutcome.Unexplained;
        r.Note(Grade, "metadata XMP");
        return RuleOutcome.Judged;
    }
}

/// <summary>The document security store.</summary>
internal sealed class DssRule() : ModificationRule(ModificationRules.DssId, ModificationLevel.LtaUpdates,
    "the document security store (validation data)")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.SignedRoles.Dss.Contains(c.Number)) return RuleOutcome.NotApplicable;
        if (a.SignedRoles.ShownOrForm(c.Number)) return RuleOutcome.Unexplained;
        r.Note(Grade, "DSS");
        return RuleOutcome.Judged;
    }
}

/// <summary>The logical structure tree.</summary>
internal sealed class StructureTreeRule() : ModificationRule("structure-tree", ModificationLevel.FormFilling,
    "the logical structure tree (tags for new widgets)")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (!a.InStructureTree(c.Number)) return RuleOutcome.NotApplicable;
        if (a.SignedRoles.ShownOrForm(c.Number)) return RuleOutcome.Unexplained;
        r.Note(Grade, "struktur tag (StructTreeRoot)");
        return RuleOutcome.Judged;
    }
}
