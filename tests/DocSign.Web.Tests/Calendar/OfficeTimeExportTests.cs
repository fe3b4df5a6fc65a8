using System.Net;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using DocSign.Web.Tests.Api;

namespace DocSign.Web.Tests.Calendar;

/// <summary>The audit CSV writes each event's instant in the office's zone, with its offset, not in UTC.</summary>
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
}
