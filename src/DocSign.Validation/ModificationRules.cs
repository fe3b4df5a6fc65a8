using DocSign.Validation.PdfStructure.Rules;

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
        new ObjectStreamReplacedRule(),
        new CatalogRule(),
        new PageRule(),
        new AnnotationArrayRule(),
        new SignificantObjectGuard(),
        new OldXrefStreamRule(),
        new AcroFormRule(),
        new FieldsArrayRule(),
        new SignatureFieldSignedRule(),
        new FormFieldFilledRule(),
        new EmptySignatureAppearanceRule(),
        new FieldAppearanceRule(),
        new FormResourcesRule(),
        new InfoRule(),
        new MetadataRule(),
        new DssRule(),
        new StructureTreeRule(),
    ];
}
