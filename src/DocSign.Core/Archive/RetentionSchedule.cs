using System.Text.Json;

namespace DocSign.Core.Archive;

/// <summary>The final disposition of an archive class once its active and inactive years are over (JRA "keterangan").</summary>
public enum FinalDisposition
{
    /// <summary>Kept for ever: handed over to the Dinas Kearsipan, never destroyed.</summary>
    Permanen,
    /// <summary>Destroyed, with the Camat's approval and a berita acara pemusnahan.</summary>
    Musnah,
    /// <summary>Appraised again when due; kept until then and until the appraisal decides.</summary>
    DinilaiKembali,
}

/// <summary>One archive class of a JRA: its classification code, active and inactive years, final disposition and security class.</summary>
public sealed record RetentionClass(string Code, string Name, int ActiveYears, int InactiveYears, FinalDisposition Disposition, string Security,
    IReadOnlyList<string> DocumentKinds, bool Letters)
{
    public int TotalYears => ActiveYears + InactiveYears;

    /// <summary>The day the retention ends for a file closed in <paramref name="closedYear"/>: whole years after that year.</summary>
    public DateOnly DueAfter(int closedYear) => new(closedYear + TotalYears, 12, 31);

    /// <summary>How the class is shown and recorded with a copy, e.g. "000.8.6.3 Akuntabilitas ... (2 th aktif, 4 th inaktif, Permanen)".</summary>
    public string Label => $"{Code} {Name} ({ActiveYears} th aktif, {InactiveYears} th inaktif, {DispositionName(Disposition)})";

    public static string DispositionName(FinalDisposition d) => d switch
    {
        FinalDisposition.Permanen => "Permanen",
        FinalDisposition.Musnah => "Musnah",
        _ => "Dinilai kembali",
    };
}

/// <summary>
/// The retention schedules (JRA) DocSign ships, per regency (<c>Archive/Data/jra-default.json</c>, with its source):
/// the class of a document kind and the class of letters. A regency without its own table uses the default one.
/// </summary>
public static class RetentionSchedule
{
    private static readonly Lazy<Loaded> Data = new(Load);

    /// <summary>Where the default table comes from, shown with it.</summary>
    public static string Source => Data.Value.Source;

    /// <summary>The classes of a regency (e.g. "Kabupaten Lumajang"); the default table for any other.</summary>
    public static IReadOnlyList<RetentionClass> For(string? regency) =>
        Data.Value.Tables[regency is not null && Data.Value.Regencies.TryGetValue(regency.Trim(), out var t) ? t : Data.Value.Regencies["*"]];

    public static RetentionClass? ForDocumentKind(string? regency, string kind) =>
        For(regency).FirstOrDefault(c => c.DocumentKinds.Contains(kind.Trim().ToLowerInvariant()));

    public static RetentionClass ForLetters(string? regency) => For(regency).First(c => c.Letters);

    public static RetentionClass? ByCode(string? regency, string code) => For(regency).FirstOrDefault(c => c.Code == code);

    private sealed record Loaded(string Source, Dictionary<string, string> Regencies, Dictionary<string, IReadOnlyList<RetentionClass>> Tables);

    private static Loaded Load()
    {
        using var stream = typeof(RetentionSchedule).Assembly.GetManifestResourceStream("DocSign.Core.Archive.Data.jra-default.json")
            ?? throw new InvalidOperationException("The JRA table is not embedded.");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var regencies = root.GetProperty("regencies").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        var tables = new Dictionary<string, IReadOnlyList<RetentionClass>>();
        foreach (var table in root.GetProperty("tables").EnumerateObject())
        {
            var classes = new List<RetentionClass>();
            foreach (var c in table.Value.EnumerateArray())
            {
                var disposition = c.GetProperty("disposition").GetString() switch
                {
                    "permanen" => FinalDisposition.Permanen,
                    "musnah" => FinalDisposition.Musnah,
                    "dinilai-kembali" => FinalDisposition.DinilaiKembali,
                    var other => throw new InvalidOperationException($"JRA class {c.GetProperty("code")}: unknown disposition '{other}'"),
                };
                var kinds = c.TryGetProperty("documentKinds", out var k) ? k.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                var activeYears = c.GetProperty("activeYears").GetInt32();
                var inactiveYears = c.GetProperty("inactiveYears").GetInt32();
                if (activeYears < 0 || inactiveYears < 0) throw new InvalidOperationException($"JRA class {c.GetProperty("code")}: negative years");
                classes.Add(new RetentionClass(c.GetProperty("code").GetString()!, c.GetProperty("name").GetString()!, activeYears, inactiveYears,
                    disposition, c.GetProperty("security").GetString()!, kinds, c.TryGetProperty("letters", out var l) && l.GetBoolean()));
            }
            if (classes.Count(x => x.Letters) != 1) throw new InvalidOperationException($"JRA table {table.Name} must name exactly one class for letters");
            tables[table.Name] = classes;
        }
        if (!regencies.ContainsKey("*") || regencies.Values.Any(v => !tables.ContainsKey(v)))
            throw new InvalidOperationException("JRA regencies must name a default ('*') and only known tables");
        return new Loaded(root.GetProperty("source").GetString()!, regencies, tables);
    }
}
