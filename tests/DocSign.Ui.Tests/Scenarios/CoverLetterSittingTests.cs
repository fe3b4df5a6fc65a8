using System.Text.Json;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// "Tandatangani LKjIP beserta surat pengantarnya": where the office's rule names the Camat as the letter's signer, the
/// Camat's signing screen offers a tick; one passphrase entry gives two signatures (the LKjIP, then its surat pengantar),
/// both VALID by DocSign's verifier, and the letter is numbered in that sitting by the Camat, not by "sistem". The SOP's
/// letter step then finds its letter ready and only sends it. Screenshots of the signing screen, its result and the letter.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoverLetterSittingTests(DocSignServer server)
{
    [Fact]
    public async Task The_Camat_signs_the_LKjIP_and_its_cover_letter_in_the_same_sitting_with_one_passphrase()
    {
        await using var admin = await server.NewSessionAsync("pengantar-admin");
        var adminToken = await TokenAsync(admin, "admin");
        await RuleAsync(admin, adminToken, "camat");
        try
        {
            await using var walk = new SopWalk(server, "kanigaran");
            await walk.CreateAsync("kasubbag-program", "LKjIP Kecamatan Kanigaran 2025 beserta surat pengantar");
            await walk.CompleteAsync(1, "camat", "Disposisi: susun LKjIP 2025");
            await walk.CompleteAsync(2, "kasubbag-program", "Format pengumpulan data dikirim");
            await walk.CompleteAsync(3, "kasi", "Data realisasi kinerja diserahkan");
            await walk.UploadAndCompleteAsync(4, "staf", "Draf", "Draft LKjIP");
            await walk.UploadAndCompleteAsync(5, "sekcam", "Koreksi", "Koreksi Sekcam");
            await walk.SubmitFinalAsync(6, "kasubbag-program");

            var camat = await walk.SessionAsync("camat");
            var signing = await (await walk.AsAsync("camat")).OpenSigningAsync();
            await signing.WaitForViewerAsync();
            var sitting = new SuratPengantarPanel(camat);
            await Assertions.Expect(sitting.SittingTick).ToBeCheckedAsync();
            await signing.ScreenshotAsync("penandatanganan-beserta-pengantar");
            await signing.SignAsync(SopWalk.Passphrase);
            signing.LastStatus.ShouldBe(200);

            await Assertions.Expect(signing.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
            await Assertions.Expect(sitting.SittingResult).ToBeVisibleAsync();
            await Assertions.Expect(sitting.Status).ToHaveAttributeAsync("data-status-pengantar", "issued");
            await Assertions.Expect(sitting.NumberedBy).ToContainTextAsync("(akun camat.kanigaran)");   // numbered in his sitting, not by "sistem"
            await Assertions.Expect(sitting.Number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^000\.8\.6\.3/\d+/425\.504/20\d\d$"));
            await Assertions.Expect(signing.Alert).ToHaveCountAsync(0);
            await signing.WaitForViewerAsync();
            await signing.ScreenshotAsync("hasil-beserta-pengantar");

            // Both outputs, as stored, are VALID by DocSign's verifier; the letter names the Camat who signed the report.
            var document = await Json(await camat.Context.APIRequest.GetAsync($"/api/documents/{walk.DocumentId}"));
            var versions = document.GetProperty("versions").EnumerateArray().ToList();
            var report = await Bytes(camat, $"/api/documents/{walk.DocumentId}/versions/{versions.Count}/content");
            var letters = document.GetProperty("letters").EnumerateArray().ToList();
            letters.Count.ShouldBe(1);
            var letterId = letters[0].GetProperty("id").GetString();
            var letterPdf = await Bytes(camat, $"/api/letters/{letterId}/content");
            var auditorToken = await TokenAsync(admin, "auditor.kanigaran");
            var reportVerdict = await VerifyAsync(admin, auditorToken, report);
            var letterVerdict = await VerifyAsync(admin, auditorToken, letterPdf);
            reportVerdict.GetProperty("verdict").GetString().ShouldBe("VALID");
            letterVerdict.GetProperty("verdict").GetString().ShouldBe("VALID");
            letterVerdict.GetProperty("signatures")[0].GetProperty("signer").GetProperty("name").GetString()
                .ShouldBe(reportVerdict.GetProperty("signatures")[0].GetProperty("signer").GetProperty("name").GetString());

            var (surat, _) = await sitting.OpenAsync();
            await surat.WaitForViewerAsync();
            await Assertions.Expect(surat.Status).ToHaveAttributeAsync("data-status-surat", "issued");
            await surat.ScreenshotAsync("surat-pengantar-camat");
            camat.BrowserErrors.ShouldBeEmpty();

            // Step 8's holder finds the letter made: nothing to make, he sends it and closes the step.
            var program = await walk.AsAsync("kasubbag-program");
            var panel = new SuratPengantarPanel(await walk.SessionAsync("kasubbag-program"));
            await Assertions.Expect(panel.MakeButton).ToHaveCountAsync(0);
            await Assertions.Expect(panel.NumberedBy).ToContainTextAsync("camat.kanigaran");
            await program.ScreenshotAsync("langkah-8-surat-siap");
            await walk.DispatchCoverLetterAsync(Guid.Parse(letterId!), "kasubbag-program", "Bagian Organisasi Setda Kota Probolinggo");
            await walk.CompleteAsync(8, "kasubbag-program", "Surat pengantar dikirim ke Bagian Organisasi");
        }
        finally
        {
            await RuleAsync(admin, adminToken, "seal");   // the other scenarios run with the demo's e-seal rule
        }
    }

    /// <summary>API calls that change things go with a bearer token (the browser's cookie would need the page's antiforgery token).</summary>
    private static async Task<string> TokenAsync(UiSession session, string user)
    {
        var r = await session.Context.APIRequest.PostAsync("/api/auth/token", new() { DataObject = new { username = user, password = DocSignServer.DemoPassword } });
        return (await Json(r)).GetProperty("token").GetString()!;
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    private static async Task RuleAsync(UiSession admin, string token, string signer)
    {
        var r = await admin.Context.APIRequest.PutAsync("/api/offices/kanigaran/letter-template", new() { DataObject = new { signer }, Headers = Bearer(token) });
        r.Status.ShouldBe(200, await r.TextAsync());
    }

    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        response.Status.ShouldBe(200, await response.TextAsync());
        return (await response.JsonAsync())!.Value;
    }

    private static async Task<byte[]> Bytes(UiSession session, string path)
    {
        var r = await session.Context.APIRequest.GetAsync(path);
        r.Status.ShouldBe(200);
        return await r.BodyAsync();
    }

    private static async Task<JsonElement> VerifyAsync(UiSession session, string token, byte[] pdf)
    {
        var form = session.Context.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "berkas.pdf", MimeType = "application/pdf", Buffer = pdf });
        return await Json(await session.Context.APIRequest.PostAsync("/api/verify", new() { Multipart = form, Headers = Bearer(token) }));
    }
}
