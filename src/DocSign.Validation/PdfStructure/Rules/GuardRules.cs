using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>A replaced object stream.</summary>
internal sealed class ObjectStreamReplacedRule() : ModificationRule("object-stream-replaced", ModificationLevel.Other,
    "a replaced object stream: objects inside it can change without new cross-reference entries")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Before is not PdfStream bs || bs.Dictionary.GetName("Type") != "ObjStm") return RuleOutcome.NotApplicable;
        r.Note(Grade, $"object stream {c.Number} diganti: objek di dalamnya dapat berubah tanpa entri xref baru");
        return RuleOutcome.Judged;
    }
}

/// <summary>An object that decides what the document shows keeps no allowed role.</summary>
internal sealed class SignificantObjectGuard() : ModificationRule("page-content-guard", ModificationLevel.Other,
    "an object that decides what the document shows (content, resources, optional content, names...) keeps no allowed role")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        return a.IsSignificant(c.Number) ? RuleOutcome.Unexplained : RuleOutcome.NotApplicable;
    }
}

/// <summary>An old cross-reference stream's object number reused.</summary>
internal sealed class OldXrefStreamRule() : ModificationRule("old-xref-stream", ModificationLevel.None,
    "an old cross-reference stream's object number reused, when the signed document did not use it")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Before is not PdfStream xs || xs.Dictionary.GetName("Type") != "XRef") return RuleOutcome.NotApplicable;
        if (a.UsedWhenSigned(c.Number)) return RuleOutcome.Unexplained;
        r.Note(Grade, "xref stream lama");
        return RuleOutcome.Judged;
    }
}
