namespace DocSign.Core.Calendar;

/// <summary>Indonesia's three time zones, by IANA id, with the names offices use for them.</summary>
public static class OfficeZones
{
    public const string Wib = "Asia/Jakarta", Wita = "Asia/Makassar", Wit = "Asia/Jayapura";

    /// <summary>The zones an office may choose, in order west to east.</summary>
    public static IReadOnlyList<string> All { get; } = [Wib, Wita, Wit];

    /// <summary>"WIB", "WITA" or "WIT" for the three zones; the id itself for any other.</summary>
    public static string Label(string id) => id switch
    {
        Wib => "WIB",
        Wita => "WITA",
        Wit => "WIT",
        _ => id,
    };

    /// <summary>Accepts the IANA id or the short name (WIB, WITA, WIT) and returns the IANA id, or null.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "WIB" or "ASIA/JAKARTA" => Wib,
        "WITA" or "ASIA/MAKASSAR" => Wita,
        "WIT" or "ASIA/JAYAPURA" => Wit,
        _ => null,
    };

    /// <summary>The system time zone with this id, or null when the system does not know it.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }
}
