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

    /// <summary>
    /// The office's own administrator: manages the office's accounts, SOP role mapping, letter and signing settings,
    /// and nothing beyond the office. Not office staff by that role (an account of its own, like the system admin).
    /// </summary>
    public const string AdminKantor = "admin-kantor";

    public static readonly IReadOnlyList<string> All = [Camat, Sekcam, KasubagUmum, KasubbagProgram, Kasi, Staf, Auditor, AdminKantor];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>Office staff: everyone who works on the office's documents, i.e. every role but the (external) auditor and the office admin.</summary>
    public static bool IsStaff(string role) => IsKnown(role) && role != Auditor && role != AdminKantor;
}
