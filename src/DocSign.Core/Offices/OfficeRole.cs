namespace DocSign.Core.Offices;

/// <summary>The roles a person can hold in an office (per membership, not global).</summary>
public static class OfficeRole
{
    public const string Camat = "camat";
    public const string Sekcam = "sekcam";
    public const string KasubagUmum = "kasubag-umum";
    public const string KasubbagProgram = "kasubbag-program";
    public const string Kasi = "kasi";
    public const string Staf = "staf";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Camat, Sekcam, KasubagUmum, KasubbagProgram, Kasi, Staf, Auditor];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>Office staff: everyone who works in the office, i.e. every role but the (external) auditor.</summary>
    public static bool IsStaff(string role) => IsKnown(role) && role != Auditor;
}
