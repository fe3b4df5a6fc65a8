using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.SamplePdfs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// A refused action on something that exists is in the audit trail with outcome "refused": who tried, what (the
/// call, the office, the document) and why. A 404 for an id that does not exist leaves nothing, so guessing ids
/// cannot flood the trail.
/// </summary>
public sealed class RefusalAuditTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    private async Task<List<AuditEntry>> RefusalsAsync(long after)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after && e.Outcome == AuditOutcome.Refused).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<long> HeadAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocSignDbContext>().AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0;
    }

    private async Task<Guid> KanigaranDocumentAsync()
    {
        using var staff = await app.As("staf.kanigaran");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("kanigaran"), "office" }, { new StringContent("2031"), "year" },
            { new StringContent("lkjip"), "kind" }, { new StringContent("Dokumen yang dijaga"), "title" },
            { new ByteArrayContent(SamplePdfs.OnePage("dijaga")), "file", "a.pdf" },
        };
        var created = await staff.PostAsync("/api/documents", form);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Staff_signing_another_offices_Camat_signing_and_a_cross_office_download_are_audited_as_refused()
    {
        var id = await KanigaranDocumentAsync();
        var before = await HeadAsync();

        using (var staff = await app.As("staf.kanigaran"))
            (await staff.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = "apa saja" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var otherCamat = await app.As("camat.candipuro"))
            (await otherCamat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = "apa saja" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var otherStaff = await app.As("staf.candipuro"))
            (await otherStaff.GetAsync($"/api/documents/{id}/versions/1/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var refusals = await RefusalsAsync(before);
        refusals.Select(r => r.ActorName).ShouldBe(["staf.kanigaran", "camat.candipuro", "staf.candipuro"]);
        refusals.ShouldAllBe(r => r.Action == AuditActions.Refused && r.DocumentId == id && r.OfficeId == "kanigaran");
        refusals[0].Detail!.ShouldContain($"POST /api/documents/{id}/sign");
        refusals[0].Detail!.ShouldContain("Hanya Camat");
        refusals[2].Detail!.ShouldContain($"GET /api/documents/{id}/versions/1/content");

        // The office's auditor reads them in the office's trail.
        using var auditor = await app.As("auditor.kanigaran");
        var trail = await auditor.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/audit?from=2000-01-01");
        trail.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == AuditOutcome.Refused
                                                                && e.GetProperty("document").GetString() == id.ToString()).ShouldBe(3);
    }

    [Fact]
    public async Task Voiding_a_letter_without_the_role_is_audited_and_a_guessed_id_is_not()
    {
        using var kasubag = await app.As("kasubag-umum.kanigaran");
        var reserved = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = "Surat yang dijaga" });
        reserved.StatusCode.ShouldBe(HttpStatusCode.Created, await reserved.Content.ReadAsStringAsync());
        var letter = await reserved.Content.ReadFromJsonAsync<JsonElement>();
        var letterId = letter.GetProperty("id").GetString();
        var number = letter.GetProperty("number").GetString()!;
        var before = await HeadAsync();

        using var staff = await app.As("staf.kanigaran");
        (await staff.PostAsJsonAsync($"/api/letters/{letterId}/void", new { reason = "coba" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refusals = await RefusalsAsync(before);
        refusals.Count.ShouldBe(1);
        refusals[0].ActorName.ShouldBe("staf.kanigaran");
        refusals[0].OfficeId.ShouldBe("kanigaran");
        refusals[0].Detail!.ShouldContain(number);
        refusals[0].Detail!.ShouldContain("Hanya Kasubag Umum");

        // Ids that name nothing: 404, and the trail does not grow (nothing to protect, nothing to record).
        var head = await HeadAsync();
        for (var i = 0; i < 20; i++)
        {
            (await staff.GetAsync($"/api/documents/{Guid.NewGuid()}/versions/1/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await staff.PostAsJsonAsync($"/api/letters/{Guid.NewGuid()}/void", new { reason = "coba" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await HeadAsync()).ShouldBe(head);
    }
}
