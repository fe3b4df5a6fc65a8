using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>The catalog: its bookkeeping entries at this rule's grade, the form by the form rules, anything else OTHER.</summary>
internal sealed class CatalogRule() : ModificationRule(ModificationRules.CatalogId, ModificationLevel.LtaUpdates,
    "the catalog: DSS, ESIC extensions, version and XMP entries; the AcroForm judged by the form rules; anything else OTHER")
{
    internal override RuleOutcome Apply(ModificationAnalyzer a, ObjectChange c, ModificationResult r)
    {
        if (c.Number != a.SignedRoles.Catalog || c.Before is not PdfDictionary bc || c.After is not PdfDictionary ac) return RuleOutcome.NotApplicable;
        CompareCatalog(a, bc, ac, a.Old, a.SignedRoles, Grade, r);
        return RuleOutcome.Judged;
    }

    // bookkeepingGrade: the grade of the catalog entries that only carry validation data or metadata (DSS, ESIC
    // extensions, version, XMP), as the catalog rule of the policy says.
    internal static void CompareCatalog(ModificationAnalyzer ma, PdfDictionary before, PdfDictionary after, PdfRevisionView old, DocumentRoles roles, ModificationLevel bookkeepingGrade, ModificationResult result)
    {
        foreach (var key in before.Keys.Union(after.Keys).ToList())
        {
            var b = before[key];
            var a = after[key];
            if (ma.Same(b, a)) continue;
            switch (key)
            {
                case "DSS": result.Note(bookkeepingGrade, "DSS"); break;
                case "Extensions": result.Note(bookkeepingGrade, "/Extensions (ESIC)"); break;
                case "Version": result.Note(bookkeepingGrade, "versi PDF"); break;
                case "Metadata": result.Note(bookkeepingGrade, "metadata XMP"); break;
                case "AcroForm":
                {
                    var ob = old.Resolve(b) as PdfDictionary ?? new PdfDictionary();
                    var na = ma.Final.Resolve(a) as PdfDictionary;
                    if (na is null) { result.Note(ModificationLevel.Other, "/AcroForm dihapus dari katalog"); break; }
                    AcroFormRule.CompareAcroForm(ma, ob, na, old, roles, result);
                    break;
                }
                default:
                    result.Note(ModificationLevel.Other, $"katalog dokumen: /{key} diubah");
                    break;
            }
        }
    }
}
