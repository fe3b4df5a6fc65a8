using DocSign.Core.Calendar;

namespace DocSign.Web.Ui;

/// <summary>Times in an office's own zone (WIB, WITA, WIT), for the LKjIP deadline and the Plh./Plt. screens.</summary>
public static class TampilTahunan
{
    /// <summary>"25 Maret 2026 16:00 WITA" for an instant shown in the zone named by its label.</summary>
    public static string WaktuDi(DateTimeOffset at, string zoneLabel)
    {
        var zone = OfficeZones.Normalize(zoneLabel) is { } id ? OfficeZones.Find(id) : null;
        return zone is null ? Tampil.Waktu(at) : new OfficeTime(zone).Text(at);
    }

    public static string Tanggal(DateOnly d) => DocSign.Core.Text.IndonesianText.Date(d);
}
