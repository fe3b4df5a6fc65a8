using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Testing.Documents;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// Through the API: a document kind outside the office's kinds is refused (the "LAKIP" hole), a generic-route
/// document reaches the Camat only through the Sekcam, and a signed version cannot be superseded except by a revisi.
/// </summary>
public sealed class SignedVersionApiTests(SqliteFileSystemApi app) : IClassFixture<SqliteFileSystemApi>
{
    private async Task<HttpResponseMessage> CreateAsync(string kind, string user = "staf.kanigaran")
    {
        using var staff = await app.As(user);
        return await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.OnePage("draf " + kind),
            ("office", "kanigaran"), ("year", "2025"), ("kind", kind), ("title", $"Dokumen {kind} {Guid.NewGuid():N}")));
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid id, string user, string stage, byte[]? pdf = null)
    {
        using var client = await app.As(user);
        return await client.PostAsync($"/api/documents/{id}/versions",
            ApiRequests.PdfForm(pdf ?? SamplePdfs.OnePage($"{stage} {Guid.NewGuid():N}"), ("stage", stage)));
    }

    private async Task<JsonElement> GetAsync(string path, string user = "camat.kanigaran")
    {
        using var client = await app.As(user);
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_free_text_kind_such_as_LAKIP_is_refused_and_nothing_is_created()
    {
        var before = (await GetAsync("/api/documents?office=kanigaran")).GetProperty("documents").GetArrayLength();
        var refused = await CreateAsync("LAKIP");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await refused.Content.ReadAsStringAsync();
        body.ShouldContain("Jenis dokumen 'LAKIP' tidak ada di kantor ini");
        body.ShouldContain("LKjIP");
        (await GetAsync("/api/documents?office=kanigaran")).GetProperty("documents").GetArrayLength().ShouldBe(before);

        // The label works as well as the key, and the stored kind is the key (so the SOP governs it).
        var created = await CreateAsync("LKjIP");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString().ShouldBe("lkjip");
    }

    [Fact]
    public async Task On_the_generic_route_a_final_reaches_the_Camat_only_when_the_Sekcam_submits_it()
    {
        var created = await CreateAsync("laporan");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await UploadAsync(id, "staf.kanigaran", "final")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GetAsync($"/api/documents/{id}/signing")).GetProperty("pendingVersion").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var staff = await app.As("staf.kanigaran"))
            (await staff.PostAsync($"/api/documents/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetAsync($"/api/documents/{id}/signing")).GetProperty("pendingVersion").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var sekcam = await app.As("sekcam.kanigaran"))
        {
            var submitted = await sekcam.PostAsync($"/api/documents/{id}/submit", null);
            submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        }
        (await GetAsync($"/api/documents/{id}/signing")).GetProperty("pendingVersion").GetProperty("number").GetInt32().ShouldBe(2);

        // A later final by the staff is not submitted: the Camat has nothing to sign until the Sekcam submits again.
        (await UploadAsync(id, "staf.kanigaran", "final")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GetAsync($"/api/documents/{id}/signing")).GetProperty("pendingVersion").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_signed_version_cannot_be_superseded_and_a_revisi_opens_a_new_run_that_keeps_it()
    {
        var (id, signed) = await SignedDocuments.CreateSignedAsync(app.Services, "kanigaran", "Laporan bertanda tangan", kind: "laporan");
        var refused = await UploadAsync(id, "sekcam.kanigaran", "final");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("sudah ditandatangani (versi 2)");
        var versions = (await GetAsync($"/api/documents/{id}")).GetProperty("versions");
        versions.GetArrayLength().ShouldBe(2);
        versions[1].GetProperty("stage").GetString().ShouldBe("signed");

        // The auditor reads the document but does not write it.
        using (var auditor = await app.As("auditor.kanigaran"))
            (await auditor.PostAsJsonAsync($"/api/documents/{id}/revisi", new { note = "Salah ketik" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var staff = await app.As("staf.kanigaran"))
        {
            (await staff.PostAsJsonAsync($"/api/documents/{id}/revisi", new { note = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var started = await staff.PostAsJsonAsync($"/api/documents/{id}/revisi", new { note = "Salah ketik pada tabel 3" });
            started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
            (await staff.PostAsJsonAsync($"/api/documents/{id}/revisi", new { note = "lagi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }
        (await UploadAsync(id, "staf.kanigaran", "draft")).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The first signed version is still there, byte for byte.
        using var reader = await app.As("camat.kanigaran");
        (await reader.GetByteArrayAsync($"/api/documents/{id}/versions/2/content")).ShouldBe(signed);
    }
}
