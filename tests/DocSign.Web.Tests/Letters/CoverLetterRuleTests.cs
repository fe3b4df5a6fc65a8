using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocSign.Testing.Oracles;
using DocSign.Testing.Services;
using DocSign.Testing.SamplePdfs;
using DocSign.Web.Tests.Api;
using DocSign.Web.Tests.Signing;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// The surat pengantar at the SOP step that names it, through the API: made and numbered by that step's holder (not
/// "sistem"), the step not completable without it, dispatched by whom the SOP names; and signed as the office's rule
/// says: the office e-seal (the letter names the office), the Camat in the same sitting as the document (two VALID
/// signatures, one passphrase), or the Sekcam a.n. Camat with his own key. SOPs without a letter step make none unless
/// asked. Each test sets its office's rule first (the tests of this class run one after another).
/// </summary>
public sealed class CoverLetterRuleTests(SqliteSigning app) : IClassFixture<SqliteSigning>
{
    private const string Passphrase = "sample";
    private const string SekcamName = "Yoga Pratama Putra";   // the sample Sekcam of Kanigaran (certs-sample)

    [Fact]
    public async Task Kanigaran_e_seal_rule_the_step_8_holder_makes_numbers_and_sends_the_letter_which_names_the_office()
    {
        await RuleAsync("kanigaran", "seal");
        var id = await SignedThroughSopAsync("kanigaran", "LKjIP Kecamatan Kanigaran 2025 (segel)");
        using var program = await app.As("kasubbag-program.kanigaran");
        using var staf = await app.As("staf.kanigaran");

        // Signing alone made no letter (numbering on signing is off by default).
        (await LettersAsync(program, id)).ShouldBeEmpty();
        // The step cannot be completed without its letter; someone the step does not name cannot make it.
        await ShouldBeAsync(await AdvanceAsync(program, id, "8-pengantar-kirim"), HttpStatusCode.Conflict, "surat pengantar");
        await ShouldBeAsync(await staf.PostAsync($"/api/documents/{id}/cover-letter", null), HttpStatusCode.Forbidden);

        var made = await program.PostAsync($"/api/documents/{id}/cover-letter", null);
        made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var letter = await made.Content.ReadFromJsonAsync<JsonElement>();
        letter.GetProperty("status").GetString().ShouldBe("issued");
        letter.GetProperty("reservedBy").GetString().ShouldBe("kasubbag-program.kanigaran");
        letter.GetProperty("issuedBy").GetString().ShouldBe("kasubbag-program.kanigaran");
        var letterId = letter.GetProperty("id").GetString();
        // Asking again returns the same letter (one number per document).
        (await (await program.PostAsync($"/api/documents/{id}/cover-letter", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString().ShouldBe(letterId);

        var pdf = await program.GetByteArrayAsync($"/api/letters/{letterId}/content");
        var verdict = await VerifyAsync(program, pdf);
        verdict.GetProperty("verdict").GetString().ShouldBe("VALID");
        verdict.GetProperty("signatures")[0].GetProperty("signer").GetProperty("name").GetString().ShouldBe("Segel Elektronik Kecamatan Kanigaran");
        var text = PdfText(pdf);
        text.ShouldContain("Segel Elektronik Kecamatan Kanigaran");
        text.ShouldNotContain("Rudi Hartono");   // no person's name under an e-seal

        // Numbered, but not yet sent: the step still waits; its holder (not only the Kasubag Umum) records the dispatch.
        await ShouldBeAsync(await AdvanceAsync(program, id, "8-pengantar-kirim"), HttpStatusCode.Conflict, "pengiriman");
        await ShouldBeAsync(await staf.PostAsJsonAsync($"/api/letters/{letterId}/dispatch", new { recipient = "Bagian Organisasi", channel = "SRIKANDI" }), HttpStatusCode.Forbidden);
        var sent = await program.PostAsJsonAsync($"/api/letters/{letterId}/dispatch", new { recipient = "Bagian Organisasi Setda Kota Probolinggo", channel = "SRIKANDI" });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        (await AdvanceAsync(program, id, "8-pengantar-kirim")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Candipuro_camat_rule_the_camat_signs_the_report_and_its_cover_letter_in_one_sitting_numbered_by_him()
    {
        await RuleAsync("candipuro", "camat");
        var id = await SubmittedThroughSopAsync("candipuro", "Laporan Kinerja Kecamatan Candipuro 2025 (sesi)");
        using var camat = await app.As("camat.candipuro");
        var signed = await camat.PostAsJsonAsync($"/api/documents/{id}/sign-with-cover-letter", new { passphrase = Passphrase });
        signed.StatusCode.ShouldBe(HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        var body = await signed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("verdict").GetString().ShouldBe("VALID");
        body.GetProperty("letterProblem").ValueKind.ShouldBe(JsonValueKind.Null);
        var letter = body.GetProperty("letter");
        letter.GetProperty("status").GetString().ShouldBe("issued");
        letter.GetProperty("reservedBy").GetString().ShouldBe("camat.candipuro");   // numbered in the Camat's sitting, not by "sistem"
        letter.GetProperty("issuedBy").GetString().ShouldBe("camat.candipuro");
        Regex.IsMatch(letter.GetProperty("number").GetString()!, @"^000\.8\.6\.3/\d+/427\.83/20\d\d$").ShouldBeTrue();

        var version = body.GetProperty("version").GetProperty("number").GetInt32();
        var report = await camat.GetByteArrayAsync($"/api/documents/{id}/versions/{version}/content");
        var pdf = await camat.GetByteArrayAsync($"/api/letters/{letter.GetProperty("id").GetString()}/content");
        var camatName = (await VerifyAsync(camat, report)).GetProperty("signatures")[0].GetProperty("signer").GetProperty("name").GetString();
        var verdict = await VerifyAsync(camat, pdf);
        verdict.GetProperty("verdict").GetString().ShouldBe("VALID");
        verdict.GetProperty("signatures")[0].GetProperty("signer").GetProperty("name").GetString().ShouldBe(camatName);
        PdfText(pdf).ShouldContain(camatName!);

        // Step 10 has its letter already; step 11 (Staf) sends it: the Staf may record the dispatch the SOP gives him.
        using var umum = await app.As("kasubag-umum.candipuro");
        (await AdvanceAsync(umum, id, "10-pengantar")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var staf = await app.As("staf.candipuro");
        await ShouldBeAsync(await AdvanceAsync(staf, id, "11-kirim-arsip"), HttpStatusCode.Conflict, "pengiriman");
        var sent = await staf.PostAsJsonAsync($"/api/letters/{letter.GetProperty("id").GetString()}/dispatch", new { recipient = "Bagian Organisasi", channel = "tangan" });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        (await AdvanceAsync(staf, id, "11-kirim-arsip")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Kanigaran_sekcam_rule_the_letter_waits_numbered_until_the_sekcam_signs_it_a_n_camat_with_his_own_key()
    {
        await RuleAsync("kanigaran", "sekcam");
        var id = await SignedThroughSopAsync("kanigaran", "LKjIP Kecamatan Kanigaran 2025 (Sekcam)");
        using var program = await app.As("kasubbag-program.kanigaran");
        var made = await program.PostAsync($"/api/documents/{id}/cover-letter", null);
        made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var letter = await made.Content.ReadFromJsonAsync<JsonElement>();
        letter.GetProperty("status").GetString().ShouldBe("reserved");
        var letterId = letter.GetProperty("id").GetString();
        await ShouldBeAsync(await AdvanceAsync(program, id, "8-pengantar-kirim"), HttpStatusCode.Conflict, "belum ditandatangani");

        using var camat = await app.As("camat.kanigaran");
        await ShouldBeAsync(await camat.PostAsJsonAsync($"/api/letters/{letterId}/sign", new { passphrase = Passphrase }), HttpStatusCode.Forbidden);
        using var sekcam = await app.As("sekcam.kanigaran");
        await ShouldBeAsync(await sekcam.PostAsJsonAsync($"/api/letters/{letterId}/sign", new { passphrase = "bukan-passphrase" }), HttpStatusCode.BadRequest, "Passphrase salah");
        (await (await program.GetAsync($"/api/letters/{letterId}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("reserved");

        var ok = await sekcam.PostAsJsonAsync($"/api/letters/{letterId}/sign", new { passphrase = Passphrase });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issuedBy").GetString().ShouldBe("sekcam.kanigaran");
        var pdf = await program.GetByteArrayAsync($"/api/letters/{letterId}/content");
        var verdict = await VerifyAsync(program, pdf);
        verdict.GetProperty("verdict").GetString().ShouldBe("VALID");
        verdict.GetProperty("signatures")[0].GetProperty("signer").GetProperty("name").GetString().ShouldBe(SekcamName);
        var text = PdfText(pdf);
        text.ShouldContain("a.n. CAMAT KANIGARAN");   // the naskah dinas sender block, from his enrolment (a.n. the head)
        text.ShouldContain(SekcamName);
    }

    [Fact]
    public async Task Lumajang_has_no_letter_step_so_none_is_made_unless_the_kasubag_umum_asks_and_the_tick_is_refused_before_signing()
    {
        await RuleAsync("lumajang", "seal");
        var id = await SubmittedThroughSopAsync("lumajang", "Pengukuran Kinerja Kecamatan Lumajang 2025 (tanpa surat)");
        using var camat = await app.As("camat.lumajang");
        // The office's rule is the e-seal: the "beserta surat pengantarnya" sitting is refused and nothing is signed.
        await ShouldBeAsync(await camat.PostAsJsonAsync($"/api/documents/{id}/sign-with-cover-letter", new { passphrase = Passphrase }), HttpStatusCode.Conflict);
        (await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = Passphrase })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await LettersAsync(camat, id)).ShouldBeEmpty();

        using var staf = await app.As("staf.lumajang");
        await ShouldBeAsync(await staf.PostAsync($"/api/documents/{id}/cover-letter", null), HttpStatusCode.Forbidden, "hanya Kasubag Umum");
        (await LettersAsync(camat, id)).ShouldBeEmpty();
        using var umum = await app.As("kasubag-umum.lumajang");
        var asked = await umum.PostAsync($"/api/documents/{id}/cover-letter", null);
        asked.StatusCode.ShouldBe(HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
        (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservedBy").GetString().ShouldBe("kasubag-umum.lumajang");
    }

    // ---------- helpers ----------

    private async Task RuleAsync(string office, string signer)
    {
        using var admin = await app.As("admin");
        var r = await admin.PutAsJsonAsync($"/api/offices/{office}/letter-template", new { signer });
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var t = await r.Content.ReadFromJsonAsync<JsonElement>();
        t.GetProperty("signer").GetString().ShouldBe(signer);
        t.GetProperty("autoNumberOnSigning").GetBoolean().ShouldBeFalse();
    }

    private async Task<Guid> SubmittedThroughSopAsync(string office, string title)
    {
        using var staf = await app.As($"staf.{office}");
        var created = await staf.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.MultiPageText(2),
            ("office", office), ("year", "2025"), ("kind", "lkjip"), ("title", title)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WorkflowWalk.ToSubmittedAsync(app.As, id, office, SamplePdfs.OnePage(title + " koreksi"), SamplePdfs.MultiPageText(3));
        return id;
    }

    private async Task<Guid> SignedThroughSopAsync(string office, string title)
    {
        var id = await SubmittedThroughSopAsync(office, title);
        using var camat = await app.As($"camat.{office}");
        var signed = await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = Passphrase });
        signed.StatusCode.ShouldBe(HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        return id;
    }

    private static Task<HttpResponseMessage> AdvanceAsync(HttpClient client, Guid id, string step) =>
        client.PostAsJsonAsync($"/api/documents/{id}/workflow/advance", new { stepId = step });

    private static async Task<List<JsonElement>> LettersAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}")).GetProperty("letters").EnumerateArray().ToList();

    private static async Task<JsonElement> VerifyAsync(HttpClient client, byte[] pdf)
    {
        var r = await client.PostAsync("/api/verify", ApiRequests.PdfForm(pdf));
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(TestEnvironment.NewTempDirectory("pengantar"), "surat.pdf");
        File.WriteAllBytes(path, pdf);
        return Regex.Replace(ExternalTool.Run("pdftotext", ["-layout", path, "-"]).StdOut, @"\s+", " ");
    }

    private static async Task ShouldBeAsync(HttpResponseMessage response, HttpStatusCode status, string? says = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        if (says is not null) body.ShouldContain(says, Case.Insensitive);
    }
}
