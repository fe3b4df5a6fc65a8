namespace DocSign.Core.Access;

/// <summary>
/// The name under which DocSign itself acts (background jobs, the demo seeding): one spelling on every audit line,
/// workflow log entry and letter it records, in the screens' language.
/// </summary>
public static class SystemActor
{
    public const string Name = "sistem";
}
