using System.Globalization;

namespace DocSign.Core.Text;

/// <summary>
/// Words as Indonesian official writing has them, written once for letters, stamps, screens and the engine's own
/// stamp and reports: dates with Indonesian month names ("2 Januari 2023", in Western Indonesian Time for instants),
/// the NIP in its 8-6-1-3 groups, and small counts in words ("1 (satu) berkas").
/// </summary>
/// <remarks>
/// One source, two assemblies: DocSign.Signing compiles this same file as an internal copy (its project defines
/// <c>DOCSIGN_ENGINE</c>), because the engine may not reference Core and Core may not reference the engine
/// (docs/decisions/0002-indonesian-text-one-source.md). Keep it free of anything but the base library.
/// </remarks>
#if DOCSIGN_ENGINE
internal
#else
public
#endif
static class IndonesianText
{
    private static readonly string[] Months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
    private static readonly string[] Numbers = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"];

    /// <summary>Western Indonesian Time (WIB), where the offices are.</summary>
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static string MonthName(int month) => Months[month - 1];

    /// <summary>"2 Januari 2023".</summary>
    public static string Date(DateOnly d) =>
        $"{d.Day.ToString(CultureInfo.InvariantCulture)} {Months[d.Month - 1]} {d.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The calendar day of <paramref name="t"/> in WIB, written as <see cref="Date(DateOnly)"/>.</summary>
    public static string Date(DateTimeOffset t) => Date(DayInWib(t));

    /// <summary>"21 November 2026 04:50 WIB": the day and the time of <paramref name="t"/> in WIB.</summary>
    public static string DateTimeWib(DateTimeOffset t) =>
        $"{Date(t)} {t.ToOffset(Wib).ToString("HH:mm", CultureInfo.InvariantCulture)} WIB";

    /// <summary>The calendar day in WIB (what a letter's date and a decree's period are counted in).</summary>
    public static DateOnly DayInWib(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(Wib).DateTime);

    /// <summary>"19740315 200112 1 003" from a NIP's 18 digits (spaced or not); anything else as given.</summary>
    public static string Nip(string nip)
    {
        var digits = nip.Where(c => c != ' ').ToArray();
        if (digits.Length != 18 || !digits.All(char.IsAsciiDigit)) return nip;
        var d = new string(digits);
        return $"{d[..8]} {d[8..14]} {d[14]} {d[15..]}";
    }

    /// <summary>Small counts in words for "Banyaknya": "1 (satu) berkas"; from eleven on, digits only.</summary>
    public static string Count(int n, string unit) => n is >= 0 and <= 10 ? $"{n} ({Numbers[n]}) {unit}" : $"{n} {unit}";
}
