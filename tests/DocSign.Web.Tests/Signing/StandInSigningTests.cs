using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;

namespace DocSign.Web.Tests.Signing;

/// <summary>
/// A Plh. for the Camat of Kanigaran, recorded by the admin with decree and period: while it is in force the Camat's
/// sign step is the Plh's task and not the Camat's, the Camat is refused, the Plh signs with his own enrolled key into a
/// VALID version whose stamp says "Plh. Camat Kanigaran"; once the admin ends it, the next document's signature is the
/// Camat's task again and the Plh is refused.
/// </summary>
public abstract partial class SigningApiContract
{
    private async Task<Guid> SubmittedLkjipAsync(string title)
    {
        using var staff = await App.As("staf.kanigaran");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.MultiPageText(2),
            ("office", "kanigaran"), ("year", "2025"), ("kind", "lkjip"), ("title", title)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var corrected = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes($"% koreksi {id:N}\n")).ToArray();
        var final = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes($"% final {id:N}\n")).ToArray();
        await DocSign.Web.Tests.Api.WorkflowWalk.ToSubmittedAsync(App.As, id, "kanigaran", corrected, final);
        return id;
    }

    private async Task<IReadOnlyList<Guid>> TaskDocumentsAsync(string user)
    {
        using var client = await App.As(user);
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/me/tasks");
        return tasks.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("documentId").GetGuid()).ToList();
    }

    [Fact]
    public async Task A_Plh_period_routes_the_Camats_signature_to_the_Plh_and_its_end_returns_it_to_the_Camat()
    {
        var first = await SubmittedLkjipAsync("LKjIP Kecamatan Kanigaran Tahun 2025 (Plh.)");
        var second = await SubmittedLkjipAsync("LKjIP Kecamatan Kanigaran Tahun 2025 (sesudah Plh.)");
        (await TaskDocumentsAsync("camat.kanigaran")).ShouldContain(first);

        using var admin = await App.As("admin");
        var sekcamId = await UserIdAsync("sekcam.kanigaran");
        var p12 = await File.ReadAllBytesAsync(SamplePki.P12(SamplePki.Names.SekcamKanigaran));
        // Without an assignment the Sekcam has no business with a signing key.
        await ShouldBeProblemAsync(await admin.PostAsync($"/api/signers/{sekcamId}/enrolment",
            ApiRequests.PdfForm(p12, ("passphrase", SamplePki.Passphrase), ("purpose", "sign"), ("office", "kanigaran"))), HttpStatusCode.BadRequest);

        using (var camatAsAdmin = await App.As("camat.kanigaran"))
            (await camatAsAdmin.PostAsJsonAsync("/api/offices/kanigaran/acting", new { userName = "sekcam.kanigaran", kind = "plh" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)); // Kanigaran works in WIB
        await ShouldBeProblemAsync(await admin.PostAsJsonAsync("/api/offices/kanigaran/acting", new
        {
            userName = "sekcam.kanigaran", kind = "plh", decreeNumber = "800/17/425.504/2026", decreeDate = today.AddDays(-2).ToString("yyyy-MM-dd"),
            from = today.AddDays(5).ToString("yyyy-MM-dd"), to = today.AddDays(-1).ToString("yyyy-MM-dd"),
        }), HttpStatusCode.BadRequest, "Akhir masa tugas");
        var recorded = await admin.PostAsJsonAsync("/api/offices/kanigaran/acting", new
        {
            userName = "sekcam.kanigaran", kind = "plh", decreeNumber = "800/17/425.504/2026", decreeDate = today.AddDays(-2).ToString("yyyy-MM-dd"),
            from = today.AddDays(-1).ToString("yyyy-MM-dd"), to = today.AddDays(5).ToString("yyyy-MM-dd"),
        });
        var recordedText = await recorded.Content.ReadAsStringAsync();
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, recordedText);
        var assignmentId = JsonDocument.Parse(recordedText).RootElement.GetProperty("id").GetGuid();
        try
        {
            // Routing: the sign step is now the Plh's task, not the Camat's; the Camat is refused and nothing changes.
            (await TaskDocumentsAsync("camat.kanigaran")).ShouldNotContain(first);
            (await TaskDocumentsAsync("sekcam.kanigaran")).ShouldContain(first);
            using var camat = await App.As("camat.kanigaran");
            await ShouldBeProblemAsync(await SignAsync(camat, first, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Forbidden, "Plh.");
            var head = await camat.GetFromJsonAsync<JsonElement>($"/api/offices/kanigaran/head?date={today:yyyy-MM-dd}");
            head.GetProperty("capacity").GetString().ShouldBe("plh");
            head.GetProperty("userName").GetString().ShouldBe("sekcam.kanigaran");
            head.GetProperty("decreeNumber").GetString().ShouldBe("800/17/425.504/2026");

            // The Plh signs with his own key, enrolled for signing now that he holds the assignment.
            var enrolled = await admin.PostAsync($"/api/signers/{sekcamId}/enrolment",
                ApiRequests.PdfForm(p12, ("passphrase", SamplePki.Passphrase), ("purpose", "sign"), ("office", "kanigaran")));
            enrolled.StatusCode.ShouldBe(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
            using var plh = await App.As("sekcam.kanigaran");
            var signed = await SignAsync(plh, first, new { passphrase = SamplePki.Passphrase });
            var text = await signed.Content.ReadAsStringAsync();
            signed.StatusCode.ShouldBe(HttpStatusCode.Created, text);
            var body = JsonDocument.Parse(text).RootElement;
            body.GetProperty("verdict").GetString().ShouldBe("VALID");
            body.GetProperty("signature").GetProperty("signer").GetProperty("jabatan").GetString().ShouldBe("Plh. Camat Kanigaran");
            var number = body.GetProperty("version").GetProperty("number").GetInt32();
            var pdf = TempPdf(await ContentAsync(first, number));
            try
            {
                var words = System.Text.RegularExpressions.Regex.Replace(ExternalTool.Run("pdftotext", [pdf, "-"]).StdOut, @"\s+", " ");
                words.ShouldContain("Plh. Camat Kanigaran");
                var (_, signatures) = Pdfsig.Verify(pdf);
                signatures.ShouldNotBeEmpty();
                signatures[0].IsValid.ShouldBeTrue(); // the Plh's signature (pdfsig does not check the B-LTA document timestamp after it)
            }
            finally { File.Delete(pdf); }
            (await TaskDocumentsAsync("sekcam.kanigaran")).ShouldContain(second);
        }
        finally
        {
            // The Camat is back: the admin ends the assignment, and routing returns to him at once.
            (await admin.PostAsync($"/api/offices/kanigaran/acting/{assignmentId}/end", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await TaskDocumentsAsync("sekcam.kanigaran")).ShouldNotContain(second);
        (await TaskDocumentsAsync("camat.kanigaran")).ShouldContain(second);
        using (var plh = await App.As("sekcam.kanigaran"))
            await ShouldBeProblemAsync(await SignAsync(plh, second, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Forbidden, "Hanya Camat");
        using (var camat = await App.As("camat.kanigaran"))
        {
            var back = await SignAsync(camat, second, new { passphrase = SamplePki.Passphrase });
            back.StatusCode.ShouldBe(HttpStatusCode.Created, await back.Content.ReadAsStringAsync());
            (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signature").GetProperty("signer").GetProperty("jabatan").GetString()
                .ShouldBe("Camat Kanigaran");
        }
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/acting");
        list.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == assignmentId).GetProperty("endedBy").GetString().ShouldBe("admin");
    }
}
