namespace DocSign.Core.Calendar;

/// <summary>
/// An office's own working time: its time zone and, when set, its weekly hours and Ramadan hours (the text form of
/// <see cref="WeeklyHours"/>). Null hours: Perpres 21/2023 (or the configured default). One row per office, set by an admin.
/// </summary>
public sealed class OfficeCalendarSettings
{
    public const int MaxHoursLength = 500;

    private OfficeCalendarSettings() { }

    public OfficeCalendarSettings(string officeId) => OfficeId = officeId;

    public string OfficeId { get; private set; } = "";
    /// <summary>IANA id of one of Indonesia's zones (<see cref="OfficeZones"/>).</summary>
    public string TimeZone { get; set; } = OfficeZones.Wib;
    public string? Hours { get; set; }
    public string? RamadanHours { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A hari libur daerah: a day without work for one office only (a regional holiday set by its regency or city).</summary>
public sealed class RegionalHoliday
{
    public const int MaxNameLength = 200;

    private RegionalHoliday() { }

    public RegionalHoliday(Guid id, string officeId, DateOnly date, string name, string addedBy, DateTimeOffset addedAt)
    {
        Id = id;
        OfficeId = officeId;
        Date = date;
        Name = name;
        AddedBy = addedBy;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";
    public string AddedBy { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
}
