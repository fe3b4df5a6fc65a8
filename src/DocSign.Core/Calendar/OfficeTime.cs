using System.Globalization;
using DocSign.Core.Text;

namespace DocSign.Core.Calendar;

/// <summary>
/// The one way an instant is written for people: in the office's own zone (WIB, WITA or WIT, from its calendar
/// settings; WIB when it has none), with the zone named. Stored instants stay UTC; only what people read is converted,
/// so a letter sent at 7 Dec 18:30 UTC reads 8 Dec 01:30 WIB, the day the office lived it.
/// </summary>
public sealed class OfficeTime
{
    private static readonly TimeZoneInfo WibZone = OfficeZones.Find(OfficeZones.Wib)
        ?? TimeZoneInfo.CreateCustomTimeZone(OfficeZones.Wib, TimeSpan.FromHours(7), "WIB", "WIB");

    /// <summary>Western Indonesian Time: the zone of the four demo offices, and of any office that chose none.</summary>
    public static OfficeTime Wib { get; } = new(WibZone);

    public OfficeTime(TimeZoneInfo zone)
    {
        Zone = zone;
        Label = OfficeZones.Label(zone.Id);
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>"WIB", "WITA" or "WIT" (the zone's id for any other zone).</summary>
    public string Label { get; }

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar day the office lived the instant in.</summary>
    public DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>"8 Desember 2026 01:30 WIB" (screens, letters, reports); "—" for none.</summary>
    public string Text(DateTimeOffset? instant) => instant is { } t
        ? $"{IndonesianText.Date(Day(t))} {Local(t).ToString("HH:mm", CultureInfo.InvariantCulture)} {Label}"
        : "—";

    /// <summary>"2026-12-08 01:30 WIB": sortable, for CSV and table cells; "" for none.</summary>
    public string Cell(DateTimeOffset? instant) => instant is { } t
        ? Local(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Label
        : "";

    /// <summary>"2026-12-08T01:30:00.0000000+07:00": the same instant, exact, with the office's offset (machine-readable exports).</summary>
    public string Iso(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    /// <summary>"20261208-013000" for file names.</summary>
    public string FileStamp(DateTimeOffset instant) => Local(instant).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
}

/// <summary>The office-time of an office, from its calendar (scoped, like <see cref="OfficeCalendars"/>).</summary>
public sealed class OfficeTimes(OfficeCalendars calendars)
{
    public async Task<OfficeTime> ForOfficeAsync(string? officeId, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(officeId) ? OfficeTime.Wib : new OfficeTime((await calendars.ForOfficeAsync(officeId, cancellationToken)).Zone);

    /// <summary>The zone of the first office a person belongs to (their own office's time), else WIB.</summary>
    public Task<OfficeTime> ForActorAsync(Access.Actor actor, CancellationToken cancellationToken = default) =>
        ForOfficeAsync(actor.Memberships.Select(m => m.OfficeId).FirstOrDefault(), cancellationToken);
}
