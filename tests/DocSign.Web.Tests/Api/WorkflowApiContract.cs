using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.SamplePdfs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// The SOP workflow through the API, as the offices' people use it: the Kanigaran SOP from the Camat's disposisi
/// to the submission of the final version, Pronojiwo's review by the Inspektorat, and the role rules (wrong role
/// 403, other office 404, every refused call changes nothing).
/// </summary>
public abstract class WorkflowApiContract(ApiFixture app)
{
    protected ApiFixture App => app;

    // ---- helpers -------------------------------------------------------------------------------------------

    private static ByteArrayContent Pdf(byte[] file)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return part;
    }

    protected async Task<string> CreateAsync(string office, string user, string kind = "lkjip", string title = "LKjIP Tahun 2025")
    {
        using var client = await App.As(user);
        var form = new MultipartFormDataContent
        {
            { new StringContent(office), "office" }, { new StringContent("2026"), "year" },
            { new StringContent(kind), "kind" }, { new StringContent(title), "title" },
        };
        form.Add(Pdf(SamplePdfs.OnePage($"Draft {title}")), "file", "draft.pdf");
        var response = await client.PostAsync("/api/documents", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    protected async Task<int> UploadAsync(string id, string user, string stage, string? note = null)
    {
        using var client = await App.As(user);
        var form = new MultipartFormDataContent { { new StringContent(stage), "stage" } };
        if (note is not null) form.Add(new StringContent(note), "note");
        form.Add(Pdf(SamplePdfs.OnePage($"{stage} {Guid.NewGuid():N}")), "file", "versi.pdf");
        var response = await client.PostAsync($"/api/documents/{id}/versions", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
    }

    protected async Task<JsonElement> WorkflowAsync(string id, string user = "camat.kanigaran")
    {
        using var client = await App.As(user);
        var response = await client.GetAsync($"/api/documents/{id}/workflow");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected async Task<HttpResponseMessage> PostAsync(string user, string path, object? body)
    {
        using var client = await App.As(user);
        return body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
    }

    protected async Task<JsonElement> AdvanceAsync(string id, string user, string stepId, string? note = null, int? versionNumber = null)
    {
        var response = await PostAsync(user, $"/api/documents/{id}/workflow/advance", new { stepId, note, versionNumber });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var workflow = await response.Content.ReadFromJsonAsync<JsonElement>();
        return workflow;
    }

    protected static string? Current(JsonElement workflow) =>
        workflow.GetProperty("currentStepId").ValueKind == JsonValueKind.Null ? null : workflow.GetProperty("currentStepId").GetString();

    protected static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        detail.ShouldNotBeNullOrWhiteSpace();
        if (detailContains is not null) detail.ShouldContain(detailContains);
    }

    /// <summary>Everything a workflow call could change: instances, log, findings, mapping, versions, audit entries.</summary>
    protected async Task<string> StateAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var instances = await db.Set<WorkflowInstance>().AsNoTracking()
            .Select(i => i.DocumentId + ":" + i.CurrentStepId + ":" + i.Revision + ":" + i.SubmittedVersionNumber).ToListAsync();
        var mapping = await db.Set<RoleAssignment>().AsNoTracking().Select(a => a.OfficeId + a.SopRole + a.Kind + a.Value).ToListAsync();
        var offices = await db.Set<OfficeWorkflow>().AsNoTracking().Select(o => o.OfficeId + o.TemplateKey).ToListAsync();
        return string.Join("|", instances.Order()) + "#" + await db.Set<WorkflowLogEntry>().CountAsync() + "#" + await db.Set<ReviewFinding>().CountAsync()
               + "#" + await db.Set<ReviewFinding>().CountAsync(f => f.AnsweredAt != null)
               + "#" + string.Join("|", mapping.Order()) + "#" + string.Join("|", offices.Order())
               + "#" + await db.DocumentVersions.CountAsync()
               // Signing in to try the forbidden action is audited (auth.*); the action itself must add nothing.
               // Refusals are audited on purpose (outcome "refused"); the state is what the refused call could have changed.
               + "#" + await db.AuditEntries.CountAsync(a => !a.Action.StartsWith("auth.") && a.Outcome != DocSign.Core.Audit.AuditOutcome.Refused);
    }

    /// <summary>The call is refused with this status and nothing at all changed.</summary>
    protected async Task RefusedAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode status, string? detailContains = null)
    {
        var before = await StateAsync();
        await ShouldBeProblemAsync(await call(), status, detailContains);
        (await StateAsync()).ShouldBe(before);
    }

    // ---- the Kanigaran SOP, first step to submission -------------------------------------------------------

    [Fact]
    public async Task The_Kanigaran_SOP_runs_from_the_Camats_disposisi_to_the_submission_of_the_final_version()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran");

        var started = await WorkflowAsync(id);
        started.GetProperty("sop").GetProperty("number").GetString().ShouldBe("065/10-2/SOP/425.504/2023");
        started.GetProperty("status").GetString().ShouldBe("running");
        Current(started).ShouldBe("1-perintah");
        var steps = started.GetProperty("steps").EnumerateArray().ToList();
        steps.Count.ShouldBe(8);
        steps[0].GetProperty("status").GetString().ShouldBe("current");
        steps[0].GetProperty("waktu").GetProperty("raw").GetString().ShouldBe("10 menit");
        steps[0].GetProperty("waktu").GetProperty("unit").GetString().ShouldBe("minutes");
        steps[0].GetProperty("deadline").GetDateTimeOffset().ShouldBeGreaterThan(steps[0].GetProperty("startedAt").GetDateTimeOffset());
        steps[0].GetProperty("holders").GetProperty("officeRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["camat"]);
        steps[4].GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Sekam"]);
        steps[4].GetProperty("output").GetString().ShouldBe("Dokumen LKIP terkoreksi");

        // The Camat sees the disposisi among his tasks; the staff do not.
        using (var camat = await App.As("camat.kanigaran"))
        {
            var tasks = await camat.GetFromJsonAsync<JsonElement>("/api/me/tasks");
            tasks.GetProperty("tasks").EnumerateArray().ShouldContain(t => t.GetProperty("documentId").GetString() == id
                && t.GetProperty("step").GetProperty("id").GetString() == "1-perintah");
        }
        using (var staf = await App.As("staf.kanigaran"))
        {
            var tasks = await staf.GetFromJsonAsync<JsonElement>("/api/me/tasks");
            tasks.GetProperty("tasks").EnumerateArray().ShouldNotContain(t => t.GetProperty("documentId").GetString() == id);
        }

        await AdvanceAsync(id, "camat.kanigaran", "1-perintah", "Segera susun LKjIP Kecamatan Kanigaran");
        await AdvanceAsync(id, "kasubbag-program.kanigaran", "2-format-data", "Format dikirim ke semua Kasi dan Lurah");
        await AdvanceAsync(id, "kasi.kanigaran", "3-realisasi-kinerja", "Data kinerja seksi terkirim");
        // The file given at creation was uploaded before the drafting step began: it cannot stand in for the draft.
        await RefusedAsync(() => PostAsync("staf.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "4-draft", versionNumber = 1 }),
            HttpStatusCode.BadRequest, "sebelum langkah ini dimulai");
        await RefusedAsync(() => PostAsync("staf.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "4-draft" }),
            HttpStatusCode.Conflict, "Unggah draft");
        var draft = await UploadAsync(id, "staf.kanigaran", "draft", "Draft pertama");
        await AdvanceAsync(id, "staf.kanigaran", "4-draft", "Draft pertama", draft);

        // The Sekcam cannot close the correction without a corrected version; he returns the draft with notes.
        await RefusedAsync(() => PostAsync("sekcam.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "5-koreksi" }),
            HttpStatusCode.Conflict, "versi hasil koreksi (tahap Koreksi)");
        var returned = await PostAsync("sekcam.kanigaran", $"/api/documents/{id}/workflow/return",
            new { stepId = "5-koreksi", note = "Tabel capaian IKU belum lengkap" });
        returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        Current(await returned.Content.ReadFromJsonAsync<JsonElement>()).ShouldBe("4-draft");

        var redraft = await UploadAsync(id, "staf.kanigaran", "draft", "Tabel IKU dilengkapi");
        await AdvanceAsync(id, "staf.kanigaran", "4-draft", "Draft kedua", redraft);
        var corrected = await UploadAsync(id, "sekcam.kanigaran", "corrected", "Koreksi Sekcam");
        await AdvanceAsync(id, "sekcam.kanigaran", "5-koreksi", "Sudah dikoreksi", corrected);

        // Submission needs a final version; then the latest final goes to the Camat and the sign step opens.
        await RefusedAsync(() => PostAsync("kasubbag-program.kanigaran", $"/api/documents/{id}/submit", null), HttpStatusCode.Conflict, "final");
        var final = await UploadAsync(id, "kasubbag-program.kanigaran", "final", "Final untuk Camat");
        var submit = await PostAsync("kasubbag-program.kanigaran", $"/api/documents/{id}/submit", new { note = "Mohon persetujuan dan tanda tangan" });
        submit.StatusCode.ShouldBe(HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());

        var atSign = await WorkflowAsync(id, "staf.kanigaran");
        Current(atSign).ShouldBe("7-tanda-tangan");
        atSign.GetProperty("submittedVersionNumber").GetInt32().ShouldBe(final);
        var done = atSign.GetProperty("steps").EnumerateArray().Take(6).ToList();
        done.ShouldAllBe(s => s.GetProperty("status").GetString() == "done");
        done.Select(s => s.GetProperty("doneBy").GetString()).ShouldBe(
            ["camat.kanigaran", "kasubbag-program.kanigaran", "kasi.kanigaran", "staf.kanigaran", "sekcam.kanigaran", "kasubbag-program.kanigaran"]);
        done[3].GetProperty("versionNumber").GetInt32().ShouldBe(redraft);
        done[4].GetProperty("versionNumber").GetInt32().ShouldBe(corrected);
        done[5].GetProperty("versionNumber").GetInt32().ShouldBe(final);

        var log = atSign.GetProperty("log").EnumerateArray().ToList();
        log.Select(e => e.GetProperty("sequence").GetInt32()).ShouldBe(Enumerable.Range(1, log.Count));
        log.Select(e => e.GetProperty("kind").GetString()).ShouldBe(
            ["started", "advanced", "advanced", "advanced", "advanced", "returned", "advanced", "advanced", "submitted"]);
        log[1].GetProperty("note").GetString().ShouldBe("Segera susun LKjIP Kecamatan Kanigaran");
        log[5].GetProperty("by").GetString().ShouldBe("sekcam.kanigaran");
        log[5].GetProperty("note").GetString().ShouldBe("Tabel capaian IKU belum lengkap");
        log[8].GetProperty("versionNumber").GetInt32().ShouldBe(final);

        // The sign step belongs to the Camat and is closed only by signing, never by a plain "done".
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "7-tanda-tangan" }),
            HttpStatusCode.Conflict, "menandatangani");
        // Submitting twice is refused: the document already waits for the Camat.
        await RefusedAsync(() => PostAsync("kasubbag-program.kanigaran", $"/api/documents/{id}/submit", null), HttpStatusCode.Conflict);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var docId = Guid.Parse(id);
        var audit = await db.AuditEntries.Where(a => a.DocumentId == docId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        audit.ShouldContain("workflow.started");
        audit.ShouldContain("workflow.returned");
        audit.Count(a => a == "workflow.step").ShouldBe(6);
        (await db.AuditEntries.SingleAsync(a => a.DocumentId == docId && a.Action == "workflow.submitted")).VersionNumber.ShouldBe(final);
    }

    // ---- role rules -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_step_is_done_only_by_its_role_and_only_in_order()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran");
        // Staff drafting the disposisi, an auditor acting, the Sekcam skipping ahead: refused, nothing changed.
        await RefusedAsync(() => PostAsync("staf.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah" }), HttpStatusCode.Forbidden, "Camat");
        await RefusedAsync(() => PostAsync("auditor.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah" }), HttpStatusCode.Forbidden);
        await RefusedAsync(() => PostAsync("sekcam.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "5-koreksi" }), HttpStatusCode.Conflict, "bukan langkah yang sedang berjalan");
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "9-tidak-ada" }), HttpStatusCode.BadRequest);
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/return", new { note = "kembali" }), HttpStatusCode.Conflict, "pertama");
        await RefusedAsync(() => PostAsync("staf.kanigaran", $"/api/documents/{id}/submit", null), HttpStatusCode.Forbidden);
        Current(await WorkflowAsync(id)).ShouldBe("1-perintah");

        await AdvanceAsync(id, "camat.kanigaran", "1-perintah");
        // Done twice (a second click, or two people at once): the second is refused.
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah" }), HttpStatusCode.Conflict);
        // A return needs a note, and only the current step's holder may return it.
        await RefusedAsync(() => PostAsync("kasubbag-program.kanigaran", $"/api/documents/{id}/workflow/return", new { stepId = "2-format-data" }), HttpStatusCode.BadRequest, "Catatan");
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/return", new { note = "tarik" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("kanigaran", "lkjip")]
    [InlineData("candipuro", "lkjip")]
    [InlineData("lumajang", "lkjip")]
    [InlineData("pronojiwo", "lkjip")]
    public async Task Every_seed_SOP_walks_to_its_sign_step_by_the_default_holders(string office, string kind)
    {
        var id = await CreateAsync(office, $"staf.{office}", kind: kind, title: $"LKjIP {office}");
        var submitted = await WorkflowWalk.ToSubmittedAsync(App.As, Guid.Parse(id), office,
            SamplePdfs.OnePage($"koreksi {office}"), SamplePdfs.OnePage($"final {office}"));
        var workflow = await WorkflowAsync(id, $"camat.{office}");
        workflow.GetProperty("submittedVersionNumber").GetInt32().ShouldBe(submitted);
        var current = workflow.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "current");
        current.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldContain("sign");
        current.GetProperty("holders").GetProperty("officeRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["camat"]);
    }

    [Fact]
    public async Task Two_people_completing_the_same_step_at_once_complete_it_once()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran");
        await AdvanceAsync(id, "camat.kanigaran", "1-perintah");
        // Step 2 is held by the Kasubbg Keuangan dan Program and the staff: both press "done" together.
        var calls = new[] { "kasubbag-program.kanigaran", "staf.kanigaran", "kasubbag-program.kanigaran", "staf.kanigaran" }
            .Select(u => PostAsync(u, $"/api/documents/{id}/workflow/advance", new { stepId = "2-format-data" })).ToList();
        var responses = await Task.WhenAll(calls);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", responses.Select(r => r.StatusCode)));
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
        var workflow = await WorkflowAsync(id);
        Current(workflow).ShouldBe("3-realisasi-kinerja");
        workflow.GetProperty("log").EnumerateArray().Count(e => e.GetProperty("stepId").GetString() == "2-format-data").ShouldBe(1);
    }

    [Fact]
    public async Task Another_offices_people_get_404_and_change_nothing()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran");
        foreach (var outsider in new[] { "camat.candipuro", "sekcam.lumajang", "staf.pronojiwo" })
        {
            using var client = await App.As(outsider);
            await ShouldBeProblemAsync(await client.GetAsync($"/api/documents/{id}/workflow"), HttpStatusCode.NotFound);
            await RefusedAsync(() => PostAsync(outsider, $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah" }), HttpStatusCode.NotFound);
            await RefusedAsync(() => PostAsync(outsider, $"/api/documents/{id}/workflow/return", new { note = "x" }), HttpStatusCode.NotFound);
            await RefusedAsync(() => PostAsync(outsider, $"/api/documents/{id}/submit", null), HttpStatusCode.NotFound);
            await RefusedAsync(() => PostAsync(outsider, $"/api/documents/{id}/workflow/findings", new { text = "temuan" }), HttpStatusCode.NotFound);
            await ShouldBeProblemAsync(await client.GetAsync("/api/offices/kanigaran/late-steps"), HttpStatusCode.NotFound);
            await ShouldBeProblemAsync(await client.GetAsync("/api/offices/kanigaran/sop"), HttpStatusCode.NotFound);
            await ShouldBeProblemAsync(await client.GetAsync("/api/offices/kanigaran/workflow/stages"), HttpStatusCode.NotFound);
            var tasks = await client.GetFromJsonAsync<JsonElement>("/api/me/tasks");
            tasks.GetProperty("tasks").EnumerateArray().ShouldNotContain(t => t.GetProperty("documentId").GetString() == id);
        }
        // An unknown document and a random id look the same.
        using var camat = await App.As("camat.kanigaran");
        await ShouldBeProblemAsync(await camat.GetAsync($"/api/documents/{Guid.NewGuid()}/workflow"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Auditors_read_the_timeline_but_cannot_move_it()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran");
        var timeline = await WorkflowAsync(id, "auditor.kanigaran");
        Current(timeline).ShouldBe("1-perintah");
        // The office's auditor reads but does not act; an auditor not assigned to the office learns nothing of it.
        await RefusedAsync(() => PostAsync("auditor.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah" }), HttpStatusCode.Forbidden);
        await RefusedAsync(() => PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah" }), HttpStatusCode.NotFound);
        // Kanigaran's SOP has no review step: no findings there.
        await RefusedAsync(() => PostAsync("auditor.kanigaran", $"/api/documents/{id}/workflow/findings", new { text = "Tabel 3 tidak cocok" }), HttpStatusCode.Conflict, "reviu");
    }

    [Fact]
    public async Task Bad_bodies_are_refused_clearly_and_change_nothing()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran");
        using var camat = await App.As("camat.kanigaran");
        await RefusedAsync(() => camat.PostAsync($"/api/documents/{id}/workflow/advance", new StringContent("{stepId:", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "JSON");
        await RefusedAsync(() => camat.PostAsync($"/api/documents/{id}/workflow/advance", new StringContent("", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah", note = new string('x', 2001) }),
            HttpStatusCode.BadRequest, "panjang");
        await RefusedAsync(() => PostAsync("camat.kanigaran", $"/api/documents/{id}/workflow/advance", new { stepId = "1-perintah", versionNumber = 99 }),
            HttpStatusCode.BadRequest, "99");
        await RefusedAsync(() => camat.PostAsync($"/api/documents/{id}/workflow/advance",
            new StringContent("{\"stepId\":\"" + new string('a', 100_000) + "\"}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge);
    }

    // ---- office SOP and role mapping --------------------------------------------------------------------------

    [Fact]
    public async Task An_office_sees_its_template_and_only_an_admin_changes_its_mapping()
    {
        using (var sekcam = await App.As("sekcam.lumajang"))
        {
            var sop = await sekcam.GetFromJsonAsync<JsonElement>("/api/offices/lumajang/sop");
            sop.GetProperty("template").GetProperty("key").GetString().ShouldBe("lumajang");
            sop.GetProperty("template").GetProperty("steps").GetArrayLength().ShouldBe(12);
            var mapping = sop.GetProperty("mapping").EnumerateArray().ToList();
            mapping.Single(m => m.GetProperty("sopRole").GetString() == "Staf Penerima Surat").GetProperty("officeRoles")
                .EnumerateArray().Select(r => r.GetString()).ShouldBe(["staf"]);
        }
        var newMapping = new
        {
            mapping = new object[]
            {
                new { sopRole = "Staf Penerima Surat", officeRoles = Array.Empty<string>(), userNames = new[] { "kasi.lumajang" } },
                new { sopRole = "Staf", officeRoles = new[] { "staf" }, userNames = Array.Empty<string>() },
                new { sopRole = "Kasubbag Keuangan", officeRoles = new[] { "kasubbag-program" }, userNames = Array.Empty<string>() },
                new { sopRole = "Sekretaris", officeRoles = new[] { "sekcam" }, userNames = Array.Empty<string>() },
                new { sopRole = "Camat", officeRoles = new[] { "camat" }, userNames = Array.Empty<string>() },
            },
        };
        async Task<HttpResponseMessage> Put(string user, object body)
        {
            using var client = await App.As(user);
            return await client.PutAsJsonAsync("/api/offices/lumajang/sop/mapping", body);
        }
        await RefusedAsync(() => Put("camat.lumajang", newMapping), HttpStatusCode.Forbidden, "admin");
        await RefusedAsync(() => Put("camat.kanigaran", newMapping), HttpStatusCode.NotFound);
        await RefusedAsync(() => Put("admin", new { mapping = new object[] { new { sopRole = "Camat", officeRoles = new[] { "bupati" }, userNames = Array.Empty<string>() } } }),
            HttpStatusCode.BadRequest, "bupati");
        await RefusedAsync(() => Put("admin", new { mapping = new object[] { new { sopRole = "Camat", officeRoles = new[] { "camat" }, userNames = Array.Empty<string>() } } }),
            HttpStatusCode.BadRequest, "Staf Penerima Surat");
        await RefusedAsync(() => PostAsync("camat.lumajang", "/api/offices/lumajang/sop/adopt", new { template = "kanigaran" }), HttpStatusCode.Forbidden);

        var put = await Put("admin", newMapping);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        // Now the named Kasi receives letters; the staff no longer do.
        var id = await CreateAsync("lumajang", "staf.lumajang", kind: "pengukuran-kinerja", title: "Pengukuran Kinerja 2026");
        Current(await WorkflowAsync(id, "camat.lumajang")).ShouldBe("1-terima-surat");
        await RefusedAsync(() => PostAsync("staf.lumajang", $"/api/documents/{id}/workflow/advance", new { stepId = "1-terima-surat" }), HttpStatusCode.Forbidden, "Staf Penerima Surat");
        await AdvanceAsync(id, "kasi.lumajang", "1-terima-surat", "Surat Edaran Bappeda diterima");

        // While a document runs, the office cannot switch to another template.
        await RefusedAsync(() => PostAsync("admin", "/api/offices/lumajang/sop/adopt", new { template = "pronojiwo" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_document_of_a_kind_the_SOP_does_not_govern_runs_no_workflow()
    {
        var id = await CreateAsync("kanigaran", "staf.kanigaran", kind: "surat-undangan", title: "Undangan rapat");
        using var camat = await App.As("camat.kanigaran");
        await ShouldBeProblemAsync(await camat.GetAsync($"/api/documents/{id}/workflow"), HttpStatusCode.NotFound, "alur SOP");
        await RefusedAsync(() => PostAsync("staf.kanigaran", $"/api/documents/{id}/workflow/start", null), HttpStatusCode.BadRequest, "lkjip");
    }

    [Fact]
    public async Task The_dashboards_show_documents_by_stage_and_the_templates_to_start_from()
    {
        var id = await CreateAsync("candipuro", "staf.candipuro", kind: "laporan-kinerja", title: "Laporan Kinerja 2025");
        using var sekcam = await App.As("sekcam.candipuro");
        var stages = await sekcam.GetFromJsonAsync<JsonElement>("/api/offices/candipuro/workflow/stages");
        var first = stages.GetProperty("stages").EnumerateArray().First();
        first.GetProperty("stepId").GetString().ShouldBe("1-perintah");
        first.GetProperty("documents").EnumerateArray().ShouldContain(d => d.GetProperty("documentId").GetString() == id);
        stages.GetProperty("stages").EnumerateArray().Last().GetProperty("label").GetString().ShouldBe("Selesai");

        var late = await sekcam.GetFromJsonAsync<JsonElement>("/api/offices/candipuro/late-steps");
        late.GetProperty("lateSteps").EnumerateArray().ShouldNotContain(t => t.GetProperty("documentId").GetString() == id);

        var templates = await sekcam.GetFromJsonAsync<JsonElement>("/api/sop-templates");
        templates.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("key").GetString()).Order()
            .ShouldBe(["candipuro", "kanigaran", "lumajang", "pronojiwo"]);
    }

    // ---- Pronojiwo: the Inspektorat's review ------------------------------------------------------------------

    [Fact]
    public async Task Pronojiwos_review_closes_only_when_every_finding_is_answered_with_a_correction()
    {
        var id = await CreateAsync("pronojiwo", "staf.pronojiwo", kind: "laporan-kinerja", title: "Laporan Kinerja Pronojiwo 2025");
        await AdvanceAsync(id, "kasubbag-program.pronojiwo", "1-pelajari-sk");
        await AdvanceAsync(id, "kasubag-umum.pronojiwo", "2-undang-rapat", "Undangan rapat tim");
        await AdvanceAsync(id, "kasi.pronojiwo", "3-rapat-tim");
        await AdvanceAsync(id, "kasubbag-program.pronojiwo", "4-koordinasi-camat");
        await AdvanceAsync(id, "camat.pronojiwo", "5-setujui-sosialisasi", "Setuju, sosialisasi hari Kamis");
        await AdvanceAsync(id, "staf.pronojiwo", "6-sosialisasi");
        await AdvanceAsync(id, "staf.pronojiwo", "7-himpun-data");
        await RefusedAsync(() => PostAsync("kasubbag-program.pronojiwo", $"/api/documents/{id}/workflow/advance", new { stepId = "8-rancangan" }), HttpStatusCode.Conflict);
        await UploadAsync(id, "kasubbag-program.pronojiwo", "corrected", "Rancangan diperbaiki");
        await AdvanceAsync(id, "kasubbag-program.pronojiwo", "8-rancangan", "Diajukan untuk reviu Inspektorat");

        // Findings: only the office's Inspektorat (auditor) writes them; an auditor not assigned to the office learns nothing of it.
        await RefusedAsync(() => PostAsync("auditor.kanigaran", $"/api/documents/{id}/workflow/findings", new { text = "Temuan" }), HttpStatusCode.NotFound);
        await RefusedAsync(() => PostAsync("staf.pronojiwo", $"/api/documents/{id}/workflow/findings", new { text = "Temuan" }), HttpStatusCode.Forbidden);
        await RefusedAsync(() => PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/findings", new { text = "  " }), HttpStatusCode.BadRequest);
        var f1 = await PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/findings", new { text = "Capaian IKU 2 tidak sesuai data dukung" });
        f1.StatusCode.ShouldBe(HttpStatusCode.Created, await f1.Content.ReadAsStringAsync());
        var finding1 = (await f1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var f2 = await PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/findings", new { text = "Bab III belum membandingkan dengan tahun lalu" });
        var finding2 = (await f2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // The review cannot close with open findings; the auditor cannot answer his own finding.
        await RefusedAsync(() => PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/advance", new { stepId = "9-reviu-inspektorat" }), HttpStatusCode.Conflict, "2 catatan");
        var fix1 = await UploadAsync(id, "kasubbag-program.pronojiwo", "corrected", "Perbaikan IKU 2");
        await RefusedAsync(() => PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/findings/{finding1}/answer", new { versionNumber = fix1, note = "x" }), HttpStatusCode.Forbidden);
        // An answer must point at a correction made after the finding (not the first draft).
        await RefusedAsync(() => PostAsync("kasubbag-program.pronojiwo", $"/api/documents/{id}/workflow/findings/{finding1}/answer", new { versionNumber = 1, note = "sudah" }), HttpStatusCode.BadRequest);
        var answer1 = await PostAsync("kasubbag-program.pronojiwo", $"/api/documents/{id}/workflow/findings/{finding1}/answer",
            new { versionNumber = fix1, note = "Data dukung IKU 2 dilampirkan" });
        answer1.StatusCode.ShouldBe(HttpStatusCode.OK, await answer1.Content.ReadAsStringAsync());
        await RefusedAsync(() => PostAsync("kasubbag-program.pronojiwo", $"/api/documents/{id}/workflow/findings/{finding1}/answer", new { versionNumber = fix1, note = "lagi" }), HttpStatusCode.Conflict);
        await RefusedAsync(() => PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/advance", new { stepId = "9-reviu-inspektorat" }), HttpStatusCode.Conflict, "1 catatan");

        var fix2 = await UploadAsync(id, "staf.pronojiwo", "final", "Bab III diperbaiki, final");
        (await PostAsync("staf.pronojiwo", $"/api/documents/{id}/workflow/findings/{finding2}/answer", new { versionNumber = fix2, note = "Perbandingan tahun lalu ditambahkan" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await AdvanceAsync(id, "auditor.pronojiwo", "9-reviu-inspektorat", "Reviu selesai");

        // The added steps: the team puts the final version to the Camat, who signs.
        var submitted = await PostAsync("kasubbag-program.pronojiwo", $"/api/documents/{id}/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var workflow = await WorkflowAsync(id, "auditor.pronojiwo");
        Current(workflow).ShouldBe("11-tanda-tangan");
        workflow.GetProperty("submittedVersionNumber").GetInt32().ShouldBe(fix2);
        var findings = workflow.GetProperty("findings").EnumerateArray().ToList();
        findings.Select(f => f.GetProperty("answered").GetBoolean()).ShouldBe([true, true]);
        findings.Select(f => f.GetProperty("answerVersionNumber").GetInt32()).ShouldBe([fix1, fix2]);
        workflow.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("added").GetBoolean()).Select(s => s.GetProperty("id").GetString())
            .ShouldBe(["9-reviu-inspektorat", "10-ajukan-camat", "11-tanda-tangan"]);
        // The findings cannot be reopened once the review is over.
        await RefusedAsync(() => PostAsync("auditor.pronojiwo", $"/api/documents/{id}/workflow/findings", new { text = "Terlambat" }), HttpStatusCode.Conflict);
    }
}

public sealed class SqliteFileSystemWorkflowApiTests(SqliteFileSystemApi app) : WorkflowApiContract(app), IClassFixture<SqliteFileSystemApi>;

public sealed class PostgresS3WorkflowApiTests(PostgresS3Api app) : WorkflowApiContract(app), IClassFixture<PostgresS3Api>;
