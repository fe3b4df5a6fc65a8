using System.Net;
using System.Net.Http.Json;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using DocSign.Web.Tests.Api;

namespace DocSign.Web.Tests.Calendar;

/// <summary>
/// The audit CSV writes each event's instant in the office's zone, with its offset, not in UTC; an office the admin
/// moves to WITA reads its document page in WITA.
/// </summary>
public sealed class OfficeTimeExportTests(SqliteFileSystemApi app) : IClassFixture<SqliteFileSystemApi>
{
    [Fact]
    public async Task The_audit_CSV_gives_each_instant_with_the_office_offset()
    {
        using var staff = await app.As("staf.kanigaran");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.OnePage("draf waktu"),
            ("office", "kanigaran"), ("year", "2026"), ("kind", "lkjip"), ("title", "Waktu kantor " + Guid.NewGuid().ToString("N")[..8])));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var auditor = await app.As("auditor.kanigaran");
        var csv = await auditor.GetStringAsync("/api/offices/kanigaran/audit?format=csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        rows.ShouldNotBeEmpty();
        foreach (var row in rows)
        {
            var at = row.Split(',')[1];
            at.ShouldEndWith("+07:00", Case.Sensitive, row);   // Kanigaran keeps WIB
            DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).Offset.ShouldBe(TimeSpan.FromHours(7));
        }
    }

    [Fact]
    public async Task An_office_in_WITA_reads_its_document_page_in_WITA()
    {
        using var admin = await app.As("admin");
        (await admin.PutAsJsonAsync("/api/offices/pronojiwo/calendar", new { timeZone = "WITA" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var staff = await app.As("staf.pronojiwo");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.OnePage("draf WITA"),
            ("office", "pronojiwo"), ("year", "2026"), ("kind", "laporan"), ("title", "Laporan jam WITA")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var html = await staff.GetStringAsync($"/dokumen/{id}");
        var made = System.Text.RegularExpressions.Regex.Match(html, "<dt>Dibuat</dt><dd>([^<]*)</dd>");
        made.Success.ShouldBeTrue();
        made.Groups[1].Value.ShouldContain(" WITA oleh ");   // "8 Desember 2026 10:15 WITA oleh Nama (Staf)"
        html.ShouldNotContain(" WIB");
    }
}
