using System.Globalization;
using System.Text.RegularExpressions;

namespace DocSign.Core.Workflow;

/// <summary>
/// How a SOP's Waktu is counted: minutes and hours of working time, working days, working weeks, calendar days,
/// calendar months. (Values are appended, never renumbered.)
/// </summary>
public enum TimeUnit
{
    Minutes,
    Hours,
    WorkingDays,
    Months,
    Weeks,
    CalendarDays,
}

/// <summary>
/// A step's time standard (Waktu) as the SOP wrote it and as DocSign counts it. A range ("2-3 hari") is counted by
/// its upper bound; <see cref="RangeFrom"/> keeps the lower one for display.
/// </summary>
public sealed partial record TimeStandard(string Raw, int Amount, TimeUnit Unit, int? RangeFrom = null)
{
    public const int MaxAmount = 10_000;

    /// <summary>
    /// Parses "10 menit", "1 Jam", "3 Hari", "3 hari kerja", "2 minggu", "1 Bln", "5 hari kalender" and ranges such as
    /// "2-3 hari", "2 s.d. 3 hari" or "1 sampai 2 minggu" (any case; "mnt", "hr", "hk", "pekan", "bulan" too). Plain
    /// "hari" is working days, as the SOPs count office time. Anything else (decimals, "1 x 24 jam", words) is not
    /// read: the caller shows it as unreadable rather than guessing.
    /// </summary>
    public static bool TryParse(string? raw, out TimeStandard? standard)
    {
        standard = null;
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 100) return false;
        var text = Spaces().Replace(raw.Trim(), " ");
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        if (!Number(match.Groups["a"].Value, out var first)) return false;
        int? from = null;
        var amount = first;
        if (match.Groups["b"].Success)
        {
            if (!Number(match.Groups["b"].Value, out var upper) || upper <= first) return false;
            from = first;
            amount = upper;
        }
        TimeUnit? unit = match.Groups["u"].Value.ToLowerInvariant() switch
        {
            "menit" or "mnt" => TimeUnit.Minutes,
            "jam" => TimeUnit.Hours,
            "hari" or "hr" or "hari kerja" or "hr kerja" or "hk" => TimeUnit.WorkingDays,
            "hari kalender" => TimeUnit.CalendarDays,
            "minggu" or "mgg" or "pekan" or "minggu kerja" => TimeUnit.Weeks,
            "bln" or "bulan" => TimeUnit.Months,
            _ => null,
        };
        if (unit is null) return false;
        standard = new TimeStandard(raw.Trim(), amount, unit.Value, from);
        return true;
    }

    private static bool Number(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0 && value <= MaxAmount;

    /// <summary>The wire word of <see cref="Unit"/>.</summary>
    public string UnitName => Unit switch
    {
        TimeUnit.Minutes => "minutes",
        TimeUnit.Hours => "hours",
        TimeUnit.WorkingDays => "working-days",
        TimeUnit.Weeks => "working-weeks",
        TimeUnit.CalendarDays => "calendar-days",
        _ => "months",
    };

    /// <summary>How DocSign counts it, in Bahasa: "3 hari kerja", "2 minggu kerja (batas atas dari 1-2)".</summary>
    public string Meaning
    {
        get
        {
            var unit = Unit switch
            {
                TimeUnit.Minutes => "menit kerja",
                TimeUnit.Hours => "jam kerja",
                TimeUnit.WorkingDays => "hari kerja",
                TimeUnit.Weeks => "minggu kerja",
                TimeUnit.CalendarDays => "hari kalender",
                _ => "bulan kalender",
            };
            return RangeFrom is { } f ? $"{Amount} {unit} (batas atas rentang {f}–{Amount})" : $"{Amount} {unit}";
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<a>\d{1,5})(?:\s?(?:-|–|—|s\.?\s?d\.?|s/d|sampai|hingga)\s?(?<b>\d{1,5}))?\s?(?<u>menit|mnt|jam|hari kerja|hr kerja|hari kalender|hari|hr|hk|minggu kerja|minggu|mgg|pekan|bulan|bln)\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
