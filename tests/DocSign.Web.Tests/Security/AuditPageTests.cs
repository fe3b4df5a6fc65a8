using System.Net;

namespace DocSign.Web.Tests.Security;

/// <summary>The auditors' page of an office's audit trail (read through the bearer token, as the policy scheme allows).</summary>
public sealed class AuditPageTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    [Fact]
    public async Task The_audit_page_shows_an_office_trail_to_its_auditors_only()
    {
        using (var staff = await app.As("staf.kanigaran"))
            (await staff.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);   // an event of the office exists either way
        using var auditor = await app.As("auditor.kanigaran");
        var page = await auditor.GetAsync("/audit/kanigaran");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Jejak audit Kecamatan Kanigaran");
        html.ShouldContain("format=csv");
        (await auditor.GetAsync("/audit/kanigaran?from=31-01-2026")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var otherAuditor = await app.As("auditor.pronojiwo");
        (await otherAuditor.GetAsync("/audit/kanigaran")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var staffOnly = await app.As("staf.kanigaran");
        (await staffOnly.GetAsync("/audit/kanigaran")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
