namespace DocSign.Core.Offices;

/// <summary>
/// The one spelling of an office id: trimmed and lower case, as offices are stored (<c>kanigaran</c>). Every id
/// that comes from outside (a URL, a form, a setting) goes through <see cref="Normalize"/> before it is compared.
/// </summary>
public static class OfficeIds
{
    public static string Normalize(string? officeId) => (officeId ?? "").Trim().ToLowerInvariant();
}
