namespace DocSign.Core.Workflow;

/// <summary>
/// One version of an office's own SOP (a seed template adapted by the office, or a SOP the office entered itself),
/// stored in the template format and never changed afterwards: a workflow started on it keeps running on it while
/// the office moves on to a newer version.
/// </summary>
public sealed class OfficeSopVersion
{
    public const int MaxJsonLength = 200_000;

    private OfficeSopVersion() { }

    public OfficeSopVersion(string key, string officeId, int version, string json, string createdBy, DateTimeOffset createdAt)
    {
        Key = key;
        OfficeId = officeId;
        Version = version;
        Json = json;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    /// <summary>The template key workflows name (e.g. <c>kanigaran-v2</c>); never a seed template's key.</summary>
    public string Key { get; private set; } = "";
    public string OfficeId { get; private set; } = "";
    /// <summary>1, 2, ... per office.</summary>
    public int Version { get; private set; }
    /// <summary>The SOP in the template format (<see cref="SopTemplateLoader.Write"/>).</summary>
    public string Json { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The key of an office's n-th version: lower-case letters, digits and '-' only, at most 64 characters.</summary>
    public static string KeyFor(string officeId, int version)
    {
        var safe = new string(officeId.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray());
        if (safe.Length > 40) safe = safe[..40];
        return $"{safe}-v{version}";
    }
}
