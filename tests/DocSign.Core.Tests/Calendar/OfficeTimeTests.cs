using DocSign.Core.Calendar;
using DocSign.Core.Letters;

namespace DocSign.Core.Tests.Calendar;

/// <summary>
/// People read instants in their office's zone: near midnight UTC the day changes, and a letter dated 8 December that
/// went out at 01:30 WIB on 8 December must not read "7 Dec" in the register's CSV because UTC was still on the 7th.
/// </summary>
public sealed class OfficeTimeTests
{
    // 18:30 UTC on 7 December = 01:30 WIB, 02:30 WITA, 03:30 WIT on 8 December.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 18, 30, 0, TimeSpan.Zero);

    private static OfficeTime In(string zone) => new(OfficeZones.Find(zone)!);

    [Fact]
    public void Just_before_midnight_UTC_the_office_is_already_on_the_next_day_in_every_form()
    {
        var now = Now;
        var wib = OfficeTime.Wib;
        wib.Label.ShouldBe("WIB");
        wib.Day(now).ShouldBe(new DateOnly(2026, 12, 8));
        wib.Text(now).ShouldBe("8 Desember 2026 01:30 WIB");
        wib.Cell(now).ShouldBe("2026-12-08 01:30 WIB");
        wib.Iso(now).ShouldBe("2026-12-08T01:30:00.0000000+07:00");
        DateTimeOffset.Parse(wib.Iso(now), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(now);   // the same instant
        wib.FileStamp(now).ShouldBe("20261208-013000");
        wib.Text(null).ShouldBe("—");
        wib.Cell(null).ShouldBe("");
    }

    [Fact]
    public void WITA_and_WIT_offices_read_their_own_hour_and_name_their_zone()
    {
        var now = Now;
        In(OfficeZones.Wita).Text(now).ShouldBe("8 Desember 2026 02:30 WITA");
        In(OfficeZones.Wit).Cell(now).ShouldBe("2026-12-08 03:30 WIT");
        // Three hours earlier (15:30 UTC) it is still 7 December in Jakarta (22:30) but already 8 December in Jayapura (00:30).
        var evening = now.AddHours(-3);
        OfficeTime.Wib.Day(evening).ShouldBe(new DateOnly(2026, 12, 7));
        In(OfficeZones.Wit).Day(evening).ShouldBe(new DateOnly(2026, 12, 8));
    }

    [Fact]
    public void The_register_CSV_writes_the_send_and_record_times_in_the_office_zone()
    {
        var recorded = Now.AddHours(-1);   // 00:30 WIB on 8 December, 17:30 UTC on the 7th
        var letter = new Letter(Guid.NewGuid(), "kanigaran", 2026, 17, 0, "065/17/425.504/2026", new DateOnly(2026, 12, 8), "065",
            "Penyampaian LKjIP", "Biasa", "Bagian Organisasi", LetterKinds.CoverLetter, null, null, null, "kasubag-umum.kanigaran", recorded);
        letter.Dispatch("Bagian Organisasi Setda", LetterChannel.Srikandi, "kasubag-umum.kanigaran", Now);

        var row = ListLettersHandler.ToCsv([letter]).Split("\r\n")[1];
        row.ShouldContain(",2026-12-08 01:30 WIB,");   // Tanggal Kirim
        row.ShouldEndWith(",2026-12-08 00:30 WIB");     // Dicatat Pada
        row.ShouldNotContain("2026-12-07");

        var wita = ListLettersHandler.ToCsv([letter], In(OfficeZones.Wita)).Split("\r\n")[1];
        wita.ShouldContain(",2026-12-08 02:30 WITA,");
    }
}
