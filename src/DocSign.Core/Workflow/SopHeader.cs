namespace DocSign.Core.Workflow;

/// <summary>
/// The SOP's identity beyond number and name, and its header sections, as the seed text gives them: the regional
/// government and unit, the approving jabatan and office (never a person's name or NIP), dates as written where the
/// spelling differs (e.g. "1 Pebruari 2024"), the six header sections, and the seed's own slips, kept as written and
/// marked with a note.
/// </summary>
public sealed record SopHeader(
    string? Government,
    string? Unit,
    SopApprover? Approver,
    IReadOnlyDictionary<string, string> AsWritten,
    IReadOnlyList<SopSection> Sections,
    IReadOnlyList<SopSlip> Slips)
{
    public static readonly IReadOnlyDictionary<string, string> NoWording = new Dictionary<string, string>();

    public static readonly SopHeader Empty = new(null, null, null, NoWording, [], []);

    public SopSection? Section(string key) => Sections.FirstOrDefault(s => s.Key == key);

    /// <summary>The slip marked at this place (<c>dasar-hukum:4</c> = the fourth item, <c>approver</c>, <c>keterkaitan:title</c>), or null.</summary>
    public SopSlip? SlipAt(string where) => Slips.FirstOrDefault(s => s.Where == where);
}

/// <summary>Who approved the SOP, as office and jabatan (e.g. "Camat", "Kecamatan Kunir"), with the seed's wording; a note when the seed gives neither.</summary>
public sealed record SopApprover(string? Jabatan, string? Office, string? AsWritten, string? Note)
{
    public string? Display => Jabatan is null && Office is null ? null : string.Join(" ", new[] { Jabatan, Office }.Where(x => !string.IsNullOrWhiteSpace(x)));
}

/// <summary>One header section of the SOP (Dasar Hukum, Kualifikasi Pelaksana, ...): its items as written.</summary>
public sealed record SopSection(string Key, string Title, string? TitleAsWritten, IReadOnlyList<string> Items);

/// <summary>A slip in the seed itself (a regulation's wrong year, another Camat's office): kept as written, marked here with a note.</summary>
public sealed record SopSlip(string Where, string Written, string Note);

/// <summary>Where the acting role of a step comes from.</summary>
public enum ActorSource
{
    /// <summary>The step's own text names who acts (e.g. "Penandatanganan ... oleh Camat").</summary>
    Text,
    /// <summary>The SOP's Pelaksana columns are empty in the text; DocSign inferred the role (see the reason).</summary>
    Inferred,
    /// <summary>The office set the role itself when it adapted its SOP.</summary>
    Office,
}

/// <summary>How a step's acting role was found, with the reason shown beside it.</summary>
public sealed record SopActor(ActorSource Source, string Reason)
{
    public string Wire => Source switch { ActorSource.Text => "text", ActorSource.Inferred => "inferred", _ => "office" };
}

/// <summary>An adapted SOP's origin: the seed template (key, number) it descends from, and the version it was adapted from.</summary>
public sealed record SopOrigin(string TemplateKey, string TemplateNumber, string? FromKey);

/// <summary>The six header sections of a SOP, by key, with the title shown.</summary>
public static class SopSections
{
    public const string DasarHukum = "dasar-hukum";
    public const string KualifikasiPelaksana = "kualifikasi-pelaksana";
    public const string Keterkaitan = "keterkaitan";
    public const string PeralatanPerlengkapan = "peralatan-perlengkapan";
    public const string Peringatan = "peringatan";
    public const string PencatatanPendataan = "pencatatan-pendataan";

    public static readonly IReadOnlyList<(string Key, string Title)> All =
    [
        (DasarHukum, "Dasar Hukum"),
        (KualifikasiPelaksana, "Kualifikasi Pelaksana"),
        (Keterkaitan, "Keterkaitan"),
        (PeralatanPerlengkapan, "Peralatan/Perlengkapan"),
        (Peringatan, "Peringatan"),
        (PencatatanPendataan, "Pencatatan/Pendataan"),
    ];

    public static string? TitleOf(string key) => All.FirstOrDefault(s => s.Key == key).Title;
}
