using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocSign.Core.Calendar;

/// <summary>Libur nasional (a public holiday) or cuti bersama (collective leave for ASN).</summary>
public enum DayOffKind
{
    NationalHoliday,
    CollectiveLeave,
    Regional,
}

/// <summary>
/// One day without work: its date, kind and name, whether it is provisional (no decree found yet, an estimate) and
/// the decree or office that set it.
/// </summary>
public sealed record DayOff(DateOnly Date, DayOffKind Kind, string Name, bool Provisional, string Source);

/// <summary>The joint decree (SKB 3 Menteri) of a year: its numbers, signing date and subject.</summary>
public sealed record Decree(string Number, DateOnly SignedOn, string About);

/// <summary>A period of Ramadan hours (first and last day, inclusive), with where its dates come from.</summary>
public sealed record RamadanPeriod(DateOnly From, DateOnly To, bool Provisional, string Source)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>One year of the national calendar: the decrees, the days off and Ramadan.</summary>
public sealed record NationalYear(int Year, bool Provisional, string? Note, IReadOnlyList<Decree> Decrees, IReadOnlyList<DayOff> Days, RamadanPeriod? Ramadan)
{
    /// <summary>The decree line shown beside the year's days, or the provisional note.</summary>
    public string SourceText => Decrees.Count == 0
        ? Note ?? "Belum ada SKB; tanggal sementara."
        : string.Join("; ", Decrees.Select(d => $"{d.Number} tanggal {Text.IndonesianText.Date(d.SignedOn)} ({d.About})"));
}

/// <summary>
/// The national days off and Ramadan periods shipped with DocSign (<c>Calendar/Data/hari-libur-nasional.json</c>,
/// embedded). Read once and checked: dates inside their year, known kinds and statuses, each year's decrees named
/// unless the year is provisional. A broken file fails at start naming the fault.
/// </summary>
public static class NationalCalendar
{
    private const string Resource = "DocSign.Core.Calendar.Data.hari-libur-nasional.json";
    public const string Official = "resmi";
    public const string ProvisionalStatus = "sementara";

    private static readonly Lazy<IReadOnlyDictionary<int, NationalYear>> Data = new(() =>
    {
        using var stream = typeof(NationalCalendar).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The years shipped, by year.</summary>
    public static IReadOnlyDictionary<int, NationalYear> Years => Data.Value;

    public static NationalYear? Year(int year) => Years.GetValueOrDefault(year);

    /// <summary>Every national day off in every shipped year.</summary>
    public static IEnumerable<DayOff> AllDays => Years.Values.SelectMany(y => y.Days);

    public static IEnumerable<RamadanPeriod> RamadanPeriods => Years.Values.Where(y => y.Ramadan is not null).Select(y => y.Ramadan!);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses and checks a calendar file; throws <see cref="InvalidOperationException"/> naming the fault.</summary>
    public static IReadOnlyDictionary<int, NationalYear> Parse(string json)
    {
        var file = JsonSerializer.Deserialize<FileEntry>(json, Json) ?? throw Fail("empty file");
        var years = new SortedDictionary<int, NationalYear>();
        foreach (var y in file.Years ?? [])
        {
            var provisional = Status(y.Status, $"{y.Year}");
            var decrees = (y.Decrees ?? []).Select(d => new Decree(
                string.IsNullOrWhiteSpace(d.Number) ? throw Fail($"{y.Year}: a decree without a number") : d.Number.Trim(),
                Date(d.SignedOn, $"{y.Year} decree"), d.About?.Trim() ?? "")).ToList();
            if (!provisional && decrees.Count == 0) throw Fail($"{y.Year}: an official year must name its decree");
            var source = decrees.Count > 0 ? decrees[0].Number : "perkiraan (belum ada SKB)";
            var days = new List<DayOff>();
            foreach (var d in y.Days ?? [])
            {
                var date = Date(d.Date, $"{y.Year} day");
                if (date.Year != y.Year) throw Fail($"{y.Year}: {date:yyyy-MM-dd} is not in its year");
                var kind = d.Kind switch
                {
                    "libur" => DayOffKind.NationalHoliday,
                    "cuti" => DayOffKind.CollectiveLeave,
                    _ => throw Fail($"{date:yyyy-MM-dd}: kind '{d.Kind}' (expected libur or cuti)"),
                };
                if (string.IsNullOrWhiteSpace(d.Name)) throw Fail($"{date:yyyy-MM-dd}: no name");
                var dayProvisional = d.Status is null ? provisional : Status(d.Status, $"{date:yyyy-MM-dd}");
                if (days.Any(x => x.Date == date)) throw Fail($"{date:yyyy-MM-dd} listed twice");
                days.Add(new DayOff(date, kind, d.Name.Trim(), dayProvisional,
                    dayProvisional ? "perkiraan (belum ada SKB)" : decrees.Count > 0 ? source : "tanggal tetap hari libur nasional"));
            }
            RamadanPeriod? ramadan = null;
            if (y.Ramadan is { } r)
            {
                ramadan = new RamadanPeriod(Date(r.From, $"{y.Year} ramadan"), Date(r.To, $"{y.Year} ramadan"),
                    Status(r.Status, $"{y.Year} ramadan"), r.Source?.Trim() ?? "");
                if (ramadan.To < ramadan.From || ramadan.To.DayNumber - ramadan.From.DayNumber > 31)
                    throw Fail($"{y.Year}: Ramadan {ramadan.From:yyyy-MM-dd}..{ramadan.To:yyyy-MM-dd} is not a month");
            }
            if (!years.TryAdd(y.Year, new NationalYear(y.Year, provisional, y.Note?.Trim(), decrees, days.OrderBy(d => d.Date).ToList(), ramadan)))
                throw Fail($"{y.Year} listed twice");
        }
        return years;
    }

    private static bool Status(string? status, string where) => status switch
    {
        Official => false,
        ProvisionalStatus => true,
        _ => throw Fail($"{where}: status '{status}' (expected {Official} or {ProvisionalStatus})"),
    };

    private static DateOnly Date(string? value, string where) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Fail($"{where}: '{value}' is not a date like 2026-03-20");

    private static InvalidOperationException Fail(string what) => new($"National calendar data: {what}.");

    private sealed class FileEntry
    {
        public List<YearEntry>? Years { get; set; }
    }

    private sealed class YearEntry
    {
        public int Year { get; set; }
        public string? Status { get; set; }
        public string? Note { get; set; }
        public List<DecreeEntry>? Decrees { get; set; }
        public RamadanEntry? Ramadan { get; set; }
        public List<DayEntry>? Days { get; set; }
    }

    private sealed class DecreeEntry
    {
        public string? Number { get; set; }
        public string? SignedOn { get; set; }
        public string? About { get; set; }
    }

    private sealed class RamadanEntry
    {
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Status { get; set; }
        public string? Source { get; set; }
    }

    private sealed class DayEntry
    {
        public string? Date { get; set; }
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? Status { get; set; }
    }
}
