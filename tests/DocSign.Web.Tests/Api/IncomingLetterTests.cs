using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.SamplePdfs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// The surat masuk register: the Bappeda's circular registered at Lumajang with its scan, a disposisi to the
/// Kasubbag Keuangan (who then sees it among his tasks), and the button that starts Lumajang's SOP from it, its
/// step 1 done by the receipt, linked both ways. Another office learns nothing (404); every change is audited.
/// </summary>
public sealed class IncomingLetterTests(PostgresS3Api app) : IClassFixture<PostgresS3Api>
{
    private static MultipartFormDataContent Circular(byte[]? scan, string receivedOn = "2025-01-08")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("050/112/427.50/2025"), "number" }, { new StringContent("2025-01-06"), "letterDate" },
            { new StringContent("Bappeda Kabupaten Lumajang (contoh)"), "sender" },
            { new StringContent("Penyusunan Pengukuran Kinerja SKPD Tahun 2025"), "subject" },
            { new StringContent(receivedOn), "receivedOn" }, { new StringContent("biasa"), "sifat" }, { new StringContent("segera"), "urgency" },
        };
        if (scan is not null)
        {
            var part = new ByteArrayContent(scan);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "scan", "surat-edaran-bappeda.pdf");
        }
        return form;
    }

    [Fact]
    public async Task The_Bappeda_circular_registered_with_a_disposisi_starts_Lumajangs_SOP_with_step_1_done_by_its_receipt()
    {
        using var staf = await app.As("staf.lumajang");
        var scan = SamplePdfs.OnePage("Surat Edaran Bappeda (contoh)");
        var registered = await staf.PostAsync("/api/offices/lumajang/incoming-letters", Circular(scan));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var letter = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var id = letter.GetProperty("id").GetString();
        letter.GetProperty("scanSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(scan)));
        (await (await staf.GetAsync($"/api/incoming-letters/{id}/scan")).Content.ReadAsByteArrayAsync()).ShouldBe(scan);

        // Another office's people learn nothing of it.
        using var other = await app.As("staf.kanigaran");
        (await other.GetAsync($"/api/incoming-letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/incoming-letters/{id}/scan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/incoming-letters/{id}/start-sop", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/api/offices/lumajang/incoming-letters")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The Camat's disposisi to the Kasubbag Keuangan, who then sees it among his tasks.
        using var camat = await app.As("camat.lumajang");
        var bad = await camat.PostAsJsonAsync($"/api/incoming-letters/{id}/disposisi", new { to = "role:auditor", instruction = "x" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var disposisi = await camat.PostAsJsonAsync($"/api/incoming-letters/{id}/disposisi",
            new { to = "role:kasubbag-program", instruction = "Tindak lanjuti: susun pengukuran kinerja 2025", deadline = "2025-01-20" });
        disposisi.StatusCode.ShouldBe(HttpStatusCode.Created, await disposisi.Content.ReadAsStringAsync());
        using var kasubbag = await app.As("kasubbag-program.lumajang");
        var tasks = await kasubbag.GetFromJsonAsync<JsonElement>("/api/me/disposisi");
        tasks.GetProperty("disposisi").EnumerateArray().ShouldContain(t => t.GetProperty("letter").GetProperty("id").GetString() == id
            && t.GetProperty("disposisi").GetProperty("deadline").GetString() == "2025-01-20");
        (await staf.GetFromJsonAsync<JsonElement>("/api/me/disposisi")).GetProperty("disposisi").EnumerateArray()
            .ShouldNotContain(t => t.GetProperty("letter").GetProperty("id").GetString() == id);

        // The start: a document with no file, at step 2; step 1 done by whoever registered the letter.
        var started = await kasubbag.PostAsJsonAsync($"/api/incoming-letters/{id}/start-sop", new { title = "Pengukuran Kinerja Kecamatan Lumajang 2025", year = "2025", kind = "pengukuran-kinerja" });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var document = await started.Content.ReadFromJsonAsync<JsonElement>();
        var documentId = document.GetProperty("id").GetString();
        document.GetProperty("versions").GetArrayLength().ShouldBe(0);
        document.GetProperty("order").GetProperty("instruction").GetString()!.ShouldContain("susun pengukuran kinerja 2025");
        var workflow = await kasubbag.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/workflow");
        workflow.GetProperty("currentStepId").GetString().ShouldBe("2-teruskan");
        var step1 = workflow.GetProperty("steps")[0];
        step1.GetProperty("status").GetString().ShouldBe("done");
        step1.GetProperty("doneBy").GetString().ShouldBe("staf.lumajang");

        // Linked both ways; the disposisi left the tasks; a second start is refused and changes nothing.
        (await staf.GetFromJsonAsync<JsonElement>($"/api/incoming-letters/{id}")).GetProperty("documentId").GetString().ShouldBe(documentId);
        (await kasubbag.GetFromJsonAsync<JsonElement>("/api/me/disposisi")).GetProperty("disposisi").EnumerateArray()
            .ShouldNotContain(t => t.GetProperty("letter").GetProperty("id").GetString() == id);
        (await kasubbag.PostAsJsonAsync($"/api/incoming-letters/{id}/start-sop", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var actions = await db.AuditEntries.Where(a => a.OfficeId == "lumajang").Select(a => a.Action).ToListAsync();
        actions.ShouldContain("incoming.registered");
        actions.ShouldContain("incoming.disposisi");
        actions.ShouldContain("incoming.started-sop");
        actions.ShouldContain("incoming.scan-downloaded");
        (await db.Documents.CountAsync(d => d.Id == Guid.Parse(documentId!))).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_scan_or_bad_dates_are_refused_clearly_and_store_nothing()
    {
        using var staf = await app.As("staf.lumajang");
        var before = await IntakeStorage.CountAsync(app);
        var notPdf = await staf.PostAsync("/api/offices/lumajang/incoming-letters", Circular(SamplePdfs.RandomBytes(4000, 3)));
        notPdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notPdf.Content.ReadAsStringAsync()).ShouldContain("bukan PDF");
        var early = await staf.PostAsync("/api/offices/lumajang/incoming-letters", Circular(null, receivedOn: "2025-01-01"));
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("sebelum tanggal surat");
        using var auditor = await app.As("auditor.lumajang");
        (await auditor.PostAsync("/api/offices/lumajang/incoming-letters", Circular(null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await IntakeStorage.CountAsync(app)).ShouldBe(before);
    }
}
