namespace DocSign.Core.Offices;

/// <summary>The text form of <see cref="OfficeId"/>, for callers (Razor pages) that only need the normalised string.</summary>
public static class OfficeIds
{
    public static string Normalize(string? officeId) => OfficeId.From(officeId).Value;
}
