using System.Globalization;

namespace DocSign.Core.Letters;

/// <summary>Dates as Indonesian letters write them: "2 Januari 2023".</summary>
public static class IndonesianDates
{
    private static readonly string[] Months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static string Long(DateOnly d) => $"{d.Day.ToString(CultureInfo.InvariantCulture)} {Months[d.Month - 1]} {d.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>NIP written in its groups: 19740315 200112 1 003 (the fictional sample Camat of Kanigaran).</summary>
    public static string Nip(string nip)
    {
        var digits = new string(nip.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 18 ? $"{digits[..8]} {digits[8..14]} {digits[14..15]} {digits[15..]}" : nip;
    }

    /// <summary>Small counts in words for "Banyaknya": 1 (satu) berkas.</summary>
    public static string Count(int n, string unit)
    {
        string[] words = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"];
        return n is >= 0 and <= 10 ? $"{n} ({words[n]}) {unit}" : $"{n} {unit}";
    }
}
