using System.Globalization;

namespace DocSign.Validation;

/// <summary>
/// The zone a report writes its times in: UTC for the command line, the office's own zone (WIB, WITA, WIT) when the
/// service renders a report for people of an office. The JSON report always stays in UTC.
/// </summary>
public sealed record ReportTime(TimeZoneInfo Zone, string Label)
{
    public static ReportTime Utc { get; } = new(TimeZoneInfo.Utc, "UTC");

    /// <summary>"2026-12-08 01:30:00 WIB".</summary>
    public string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Label;

    /// <summary>"20261208-013000" for a report's file name.</summary>
    public string FileStamp(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
}
