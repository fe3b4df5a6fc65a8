namespace DocSign.Core.Signing;

/// <summary>
/// An office's signing rules: the PAdES level of its signatures (null: the service default, B-LTA when a TSA is
/// configured) and whether a paraf (approval signature of the Sekcam or a Kasubbag) must precede the Camat's.
/// </summary>
public sealed class OfficeSigningPolicy
{
    private OfficeSigningPolicy() { }

    public OfficeSigningPolicy(string officeId) => OfficeId = officeId;

    public string OfficeId { get; private set; } = "";
    public SignatureLevel? Level { get; private set; }
    public bool ParafRequired { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public void Change(SignatureLevel? level, bool parafRequired, string by, DateTimeOffset at)
    {
        Level = level;
        ParafRequired = parafRequired;
        UpdatedBy = by;
        UpdatedAt = at;
    }
}
