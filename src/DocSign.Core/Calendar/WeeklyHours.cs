using System.Globalization;

namespace DocSign.Core.Calendar;

/// <summary>A stretch of working time within one day (local clock), e.g. 07:30-12:00.</summary>
public readonly record struct WorkPeriod(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>
/// An office's working time per weekday: the periods worked on each day (breaks are the gaps between them). Written
/// as text the admin can read and type: <c>Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30</c>
/// (days Sen, Sel, Rab, Kam, Jum, Sab, Min; a day not named is not a working day).
/// </summary>
public sealed class WeeklyHours
{
    private static readonly string[] DayNames = ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]; // indexed by DayOfWeek
    private static readonly DayOfWeek[] Order = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly IReadOnlyList<WorkPeriod>[] _days;

    private WeeklyHours(IReadOnlyList<WorkPeriod>[] days) => _days = days;

    /// <summary>
    /// Perpres 21/2023: Monday to Friday from 07:30 local time, 37.5 hours a week without breaks; a 60-minute break
    /// Monday to Thursday and 90 minutes on Friday. Where the breaks sit is the office's choice; these are the common ones.
    /// </summary>
    public static WeeklyHours PerpresDefault { get; } = Parse("Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30");

    /// <summary>Perpres 21/2023 in Ramadan: from 08:00, 32.5 hours a week; a 30-minute break Monday to Thursday, 60 on Friday.</summary>
    public static WeeklyHours PerpresRamadan { get; } = Parse("Sen-Kam 08:00-12:00,12:30-15:00; Jum 08:00-11:30,12:30-15:30");

    /// <summary>The same hours Monday to Friday, without breaks (the old single-window setting).</summary>
    public static WeeklyHours Uniform(TimeSpan start, TimeSpan end) =>
        Parse($"Sen-Jum {start:hh\\:mm}-{end:hh\\:mm}");

    public IReadOnlyList<WorkPeriod> On(DayOfWeek day) => _days[(int)day];

    /// <summary>Working time in a whole week.</summary>
    public TimeSpan PerWeek => TimeSpan.FromTicks(_days.Sum(d => d.Sum(p => p.Length.Ticks)));

    /// <summary>The text form (as <see cref="Parse"/> reads it), consecutive days with the same hours grouped.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        var i = 0;
        while (i < Order.Length)
        {
            var periods = On(Order[i]);
            var j = i;
            while (j + 1 < Order.Length && Same(On(Order[j + 1]), periods)) j++;
            if (periods.Count > 0)
            {
                var days = i == j ? DayNames[(int)Order[i]] : $"{DayNames[(int)Order[i]]}-{DayNames[(int)Order[j]]}";
                parts.Add($"{days} {string.Join(",", periods.Select(p => $"{p.Start:hh\\:mm}-{p.End:hh\\:mm}"))}");
            }
            i = j + 1;
        }
        return string.Join("; ", parts);
    }

    private static bool Same(IReadOnlyList<WorkPeriod> a, IReadOnlyList<WorkPeriod> b) => a.SequenceEqual(b);

    /// <summary>Reads the text form; throws <see cref="FormatException"/> with an Indonesian message naming the fault.</summary>
    public static WeeklyHours Parse(string? text)
    {
        if (!TryParse(text, out var hours, out var problem)) throw new FormatException(problem);
        return hours!;
    }

    public static bool TryParse(string? text, out WeeklyHours? hours, out string? problem)
    {
        hours = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500)
        {
            problem = "Jam kerja kosong atau terlalu panjang; tulis misalnya 'Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30'.";
            return false;
        }
        var days = new List<WorkPeriod>?[7];
        foreach (var raw in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = raw.IndexOf(' ');
            if (space < 0) { problem = $"'{raw}': sebutkan hari lalu jam, misalnya 'Jum 07:30-11:30,13:00-16:30'."; return false; }
            var dayPart = raw[..space].Trim();
            var range = dayPart.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length > 2 || !TryDay(range[0], out var first) || !TryDay(range[^1], out var last))
            {
                problem = $"'{dayPart}': hari tidak dikenal (gunakan Sen, Sel, Rab, Kam, Jum, Sab, Min).";
                return false;
            }
            var periods = new List<WorkPeriod>();
            foreach (var p in raw[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var ends = p.Split('-', StringSplitOptions.TrimEntries);
                if (ends.Length != 2 || !TryTime(ends[0], out var start) || !TryTime(ends[1], out var end) || end <= start)
                {
                    problem = $"'{p}': tulis jam sebagai 07:30-12:00 (jam selesai sesudah jam mulai).";
                    return false;
                }
                if (periods.Count > 0 && start < periods[^1].End)
                {
                    problem = $"'{p}': jam kerja dalam sehari harus berurutan dan tidak bertumpang-tindih.";
                    return false;
                }
                periods.Add(new WorkPeriod(start, end));
            }
            if (periods.Count == 0) { problem = $"'{raw}': tidak ada jam kerja."; return false; }
            var from = Array.IndexOf(Order, first);
            var to = Array.IndexOf(Order, last);
            if (to < from) { problem = $"'{dayPart}': urutan hari terbalik."; return false; }
            for (var k = from; k <= to; k++)
            {
                if (days[(int)Order[k]] is not null) { problem = $"Hari {DayNames[(int)Order[k]]} disebut lebih dari sekali."; return false; }
                days[(int)Order[k]] = periods;
            }
        }
        hours = new WeeklyHours(days.Select(d => (IReadOnlyList<WorkPeriod>)(d ?? [])).ToArray());
        if (hours.PerWeek == TimeSpan.Zero) { problem = "Tidak ada hari kerja dalam seminggu."; hours = null; return false; }
        return true;
    }

    private static bool TryDay(string text, out DayOfWeek day)
    {
        var i = Array.FindIndex(DayNames, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        day = i < 0 ? default : (DayOfWeek)i;
        return i >= 0;
    }

    private static bool TryTime(string text, out TimeSpan time) =>
        TimeSpan.TryParseExact(text.Replace('.', ':'), @"hh\:mm", CultureInfo.InvariantCulture, out time) && time <= TimeSpan.FromHours(24);
}
