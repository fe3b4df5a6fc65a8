using System.Globalization;
using System.Text.RegularExpressions;

namespace DocSign.Core.Workflow;

/// <summary>How a SOP's Waktu is counted: minutes and hours of working time, working days, calendar months.</summary>
public enum TimeUnit
{
    Minutes,
    Hours,
    WorkingDays,
    Months,
}

/// <summary>A step's time standard (Waktu) as the SOP wrote it and as DocSign counts it.</summary>
public sealed partial record TimeStandard(string Raw, int Amount, TimeUnit Unit)
{
    /// <summary>Parses "10 menit", "1 Jam", "3 Hari", "1 Bln" (any case; "bulan", "jam", "hari" spelled out too).</summary>
    public static bool TryParse(string? raw, out TimeStandard? standard)
    {
        standard = null;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var match = Pattern().Match(raw.Trim());
        if (!match.Success) return false;
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > 10_000)
            return false;
        TimeUnit? unit = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "menit" => TimeUnit.Minutes,
            "jam" => TimeUnit.Hours,
            "hari" => TimeUnit.WorkingDays,
            "bln" or "bulan" => TimeUnit.Months,
            _ => null,
        };
        if (unit is null) return false;
        standard = new TimeStandard(raw.Trim(), amount, unit.Value);
        return true;
    }

    /// <summary>The wire word of <see cref="Unit"/>.</summary>
    public string UnitName => Unit switch
    {
        TimeUnit.Minutes => "minutes",
        TimeUnit.Hours => "hours",
        TimeUnit.WorkingDays => "working-days",
        _ => "months",
    };

    [GeneratedRegex(@"^(\d{1,5})\s*(menit|jam|hari|bln|bulan)\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
