using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// Tasks and returns through the API: the paraf is the Sekcam's task and the Camat's sign task waits for it; the Camat
/// returns a document from the sign step with a note, and its receiver's task carries who returned it and why.
/// </summary>
public sealed class TasksAndReturnsApiTests(SqliteFileSystemApi app) : IClassFixture<SqliteFileSystemApi>
{
    private async Task<Guid> SubmittedAsync(string office)
    {
        using var staff = await app.As($"staf.{office}");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.OnePage("draf"),
            ("office", office), ("year", "2025"), ("kind", "lkjip"), ("title", $"LKjIP {office} {Guid.NewGuid():N}")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WorkflowWalk.ToSubmittedAsync(app.As, id, office, SamplePdfs.OnePage("koreksi"), SamplePdfs.MultiPageText(2));
        return id;
    }

    private async Task<List<JsonElement>> TasksAsync(string user, Guid id)
    {
        using var client = await app.As(user);
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/me/tasks");
        return tasks.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("documentId").GetGuid() == id).ToList();
    }

    private async Task SetParafAsync(string office, bool required)
    {
        using var admin = await app.As("admin");
        var response = await admin.PutAsJsonAsync($"/api/offices/{office}/signing-settings", new { parafRequired = required });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task While_a_paraf_is_missing_the_paraf_is_the_Sekcams_task_and_the_Camat_has_no_sign_task_yet()
    {
        var id = await SubmittedAsync("candipuro");
        (await TasksAsync("camat.candipuro", id)).ShouldHaveSingleItem().GetProperty("task").GetString().ShouldBe("step");
        (await TasksAsync("sekcam.candipuro", id)).ShouldBeEmpty();

        await SetParafAsync("candipuro", true);
        try
        {
            (await TasksAsync("camat.candipuro", id)).ShouldBeEmpty();
            var paraf = (await TasksAsync("sekcam.candipuro", id)).ShouldHaveSingleItem();
            paraf.GetProperty("task").GetString().ShouldBe("paraf");
            paraf.GetProperty("step").GetProperty("id").GetString().ShouldBe("9-tanda-tangan");
            paraf.GetProperty("submittedVersionNumber").GetInt32().ShouldBeGreaterThan(1);
            (await TasksAsync("staf.candipuro", id)).ShouldBeEmpty();
        }
        finally
        {
            await SetParafAsync("candipuro", false);
        }
    }

    [Fact]
    public async Task The_Camat_returns_from_the_sign_step_with_a_note_and_the_receiver_sees_who_and_why()
    {
        var id = await SubmittedAsync("kanigaran");
        using (var camat = await app.As("camat.kanigaran"))
        {
            var refused = await camat.PostAsJsonAsync($"/api/documents/{id}/workflow/return", new { note = " " });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var returned = await camat.PostAsJsonAsync($"/api/documents/{id}/workflow/return", new { note = "Tabel 3 belum memuat realisasi anggaran" });
            returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        }
        (await TasksAsync("camat.kanigaran", id)).ShouldBeEmpty();
        var task = (await TasksAsync("kasubbag-program.kanigaran", id)).ShouldHaveSingleItem();
        task.GetProperty("step").GetProperty("id").GetString().ShouldBe("6-ajukan");
        var notice = task.GetProperty("returned");
        notice.GetProperty("reason").GetString().ShouldBe("Tabel 3 belum memuat realisasi anggaran");
        notice.GetProperty("officeRole").GetString().ShouldBe("camat");
        notice.GetProperty("name").GetString().ShouldNotBe("camat.kanigaran");   // the person's name, not the user name

        // Submitting again clears the banner.
        using (var holder = await app.As("kasubbag-program.kanigaran"))
            (await holder.PostAsync($"/api/documents/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TasksAsync("camat.kanigaran", id)).ShouldHaveSingleItem().GetProperty("returned").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task On_the_generic_route_the_Camat_returns_the_Sekcams_submission_with_a_note()
    {
        using var staff = await app.As("staf.kanigaran");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.OnePage("draf"),
            ("office", "kanigaran"), ("year", "2025"), ("kind", "perjanjian-kinerja"), ("title", $"PK {Guid.NewGuid():N}")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var sekcam = await app.As("sekcam.kanigaran"))
            (await sekcam.PostAsync($"/api/documents/{id}/versions", ApiRequests.PdfForm(SamplePdfs.OnePage("final"), ("stage", "final")))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await staff.PostAsJsonAsync($"/api/documents/{id}/workflow/return", new { note = "bukan Camat" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var camat = await app.As("camat.kanigaran");
        (await camat.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/signing")).GetProperty("pendingVersion").GetProperty("number").GetInt32().ShouldBe(2);
        var returned = await camat.PostAsJsonAsync($"/api/documents/{id}/workflow/return", new { note = "Target kinerja belum diisi" });
        returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        var notice = (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("returned");
        notice.GetProperty("reason").GetString().ShouldBe("Target kinerja belum diisi");
        notice.GetProperty("name").GetString().ShouldBe("Hendra Wijaya Kusuma");
        (await camat.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/signing")).GetProperty("pendingVersion").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
