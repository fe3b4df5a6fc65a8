namespace DocSign.Core.Offices;

/// <summary>A Kecamatan: the tenant every document, letter and membership belongs to.</summary>
public sealed class Office
{
    private Office() { }

    public Office(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>Short stable code used in URLs and demo user names, e.g. <c>kanigaran</c>.</summary>
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
}
