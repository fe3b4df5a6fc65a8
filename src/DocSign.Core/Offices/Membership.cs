namespace DocSign.Core.Offices;

/// <summary>A user belongs to an office with a role; a person may hold memberships in several offices.</summary>
public sealed class Membership
{
    private Membership() { }

    public Membership(string userId, string officeId, string role)
    {
        UserId = userId;
        OfficeId = officeId;
        Role = role;
    }

    public string UserId { get; private set; } = "";
    public string OfficeId { get; private set; } = "";
    public string Role { get; private set; } = "";
}
