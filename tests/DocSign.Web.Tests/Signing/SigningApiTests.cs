using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Signing;

public abstract partial class SigningApiContract
{
    [Fact]
    public async Task Demo_camats_have_their_sample_keys_enrolled_exactly_as_the_files_are()
    {
        using var camat = await App.As("camat.kanigaran");
        var r = await camat.GetAsync("/api/signers/me/enrolment");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enrolments").EnumerateArray().ToList();
        var e = list.ShouldHaveSingleItem();
        e.GetProperty("purpose").GetString().ShouldBe("sign");
        e.GetProperty("signerName").GetString().ShouldBe("Hendra Wijaya Kusuma");
        e.GetProperty("nip").GetString().ShouldBe("197403152001121003");
        e.GetProperty("jabatan").GetString().ShouldBe("Camat Kanigaran");
        e.GetProperty("authority").GetString().ShouldBe("definitive");
        e.GetProperty("certificate").GetProperty("issuerName").GetString().ShouldBe("DocSign Sample Signing CA");
        e.TryGetProperty("pkcs12", out _).ShouldBeFalse();

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var stored = await db.Set<SignerEnrolment>().AsNoTracking().Where(x => x.RetiredAt == null).ToListAsync();
        // (Other tests of this host may enrol a Plh. for an office too: the demo Camat's own enrolment is the one with his file.)
        foreach (var office in new[] { "kanigaran", "candipuro", "lumajang" })
        {
            var file = await File.ReadAllBytesAsync(SamplePki.P12($"camat-{office}"));
            stored.Count(x => x.OfficeId == office && x.Purpose == SignatureKind.Sign && x.Pkcs12 is { } p && p.AsSpan().SequenceEqual(file)).ShouldBe(1);
        }
        stored.Single(x => x.OfficeId == "kanigaran" && x.Purpose == SignatureKind.Paraf).Pkcs12
            .ShouldBe(await File.ReadAllBytesAsync(SamplePki.P12(SamplePki.Names.SekcamKanigaran)));
    }

    [Fact]
    public async Task Enrolment_stores_the_pkcs12_unchanged_and_its_passphrase_nowhere()
    {
        const string passphrase = "Pronojiwo-Rahasia-4711-xyz";
        var p12 = Rewrapped(SamplePki.Names.CamatPronojiwo, passphrase);
        using var admin = await App.As("admin");
        var camatId = await UserIdAsync("camat.pronojiwo");

        // A wrong passphrase: refused, nothing stored.
        var wrong = await admin.PostAsync($"/api/signers/{camatId}/enrolment", PdfForm(p12, ("passphrase", "salah-sekali"), ("authority", "definitive")));
        await ShouldBeProblemAsync(wrong, HttpStatusCode.BadRequest, "Passphrase salah");

        // Someone else's key cannot be enrolled by a colleague.
        using var sekcam = await App.As("sekcam.pronojiwo");
        var colleague = await sekcam.PostAsync($"/api/signers/{camatId}/enrolment", PdfForm(p12, ("passphrase", passphrase)));
        await ShouldBeProblemAsync(colleague, HttpStatusCode.Forbidden);

        var ok = await admin.PostAsync($"/api/signers/{camatId}/enrolment", PdfForm(p12, ("passphrase", passphrase), ("authority", "definitive")));
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("nip").GetString().ShouldBe("198002142005012008");
        body.GetProperty("jabatan").GetString().ShouldBe("Camat Pronojiwo");

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            var active = await db.Set<SignerEnrolment>().AsNoTracking()
                .Where(x => x.UserId == camatId && x.Purpose == SignatureKind.Sign).ToListAsync();
            active.Count(x => x.RetiredAt == null).ShouldBe(1);
            active.Single(x => x.RetiredAt == null).Pkcs12.ShouldBe(p12);
        }
        (await EveryStoredValueAsync()).Where(v => Holds(v, passphrase)).ShouldBeEmpty();
        App.Logs.Lines.Where(l => l.Contains(passphrase, StringComparison.Ordinal)).ShouldBeEmpty();

        // The new key signs with its own passphrase.
        var (id, _) = await FinalDocumentAsync("pronojiwo");
        using var camat = await App.As("camat.pronojiwo");
        var signed = await SignAsync(camat, id, new { passphrase });
        signed.StatusCode.ShouldBe(HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        (await EveryStoredValueAsync()).Where(v => Holds(v, passphrase)).ShouldBeEmpty();
        App.Logs.Lines.Where(l => l.Contains(passphrase, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_camat_signs_the_submitted_final_version_into_a_new_valid_BLTA_signed_version()
    {
        var (id, final) = await FinalDocumentAsync("kanigaran");
        using var camat = await App.As("camat.kanigaran");

        var context = await (await camat.GetAsync($"/api/documents/{id}/signing")).Content.ReadFromJsonAsync<JsonElement>();
        context.GetProperty("pendingVersion").GetProperty("number").GetInt32().ShouldBe(2);
        context.GetProperty("blocked").ValueKind.ShouldBe(JsonValueKind.Null);
        context.GetProperty("level").GetString().ShouldBe("B-LTA");
        context.GetProperty("defaultBox").GetProperty("page").GetInt32().ShouldBe(2);

        var response = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        var version = body.GetProperty("version");
        version.GetProperty("number").GetInt32().ShouldBe(3);
        version.GetProperty("stage").GetString().ShouldBe("signed");
        body.GetProperty("verdict").GetString().ShouldBe("VALID");
        body.GetProperty("verification").GetProperty("signatures")[0].GetProperty("level").GetString().ShouldBe("B-LTA");
        var signature = body.GetProperty("signature");
        var publicId = signature.GetProperty("publicId").GetString()!;
        StampText.IsPublicId(publicId).ShouldBeTrue();
        body.GetProperty("publicUrl").GetString().ShouldBe($"{SigningFixture.PublicBaseUrl}/v/{publicId}");
        signature.GetProperty("signer").GetProperty("nipFormatted").GetString().ShouldBe("19740315 200112 1 003");
        signature.GetProperty("box").GetProperty("page").GetInt32().ShouldBe(2);

        // Never overwritten: the final version is still there, byte for byte, and the signed one extends it.
        var doc = await DocumentAsync(id);
        doc.GetProperty("versions").GetArrayLength().ShouldBe(3);
        (await ContentAsync(id, 2)).ShouldBe(final);
        var signed = await ContentAsync(id, 3);
        signed.AsSpan(0, final.Length).SequenceEqual(final).ShouldBeTrue();
        version.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed)));

        // Independent oracles.
        var whole = TempPdf(signed);
        var firstRevision = TempPdf(FirstSignedRevision(signed));
        try
        {
            Qpdf.IsClean(Qpdf.Check(whole)).ShouldBeTrue(Qpdf.Check(whole).Output);
            var (raw, sigs) = Pdfsig.Verify(firstRevision);
            sigs.ShouldHaveSingleItem().IsValid.ShouldBeTrue(raw.Output);
            sigs[0].TotalDocumentSigned.ShouldBeTrue(raw.Output);
            var (rawAll, all) = Pdfsig.Verify(whole);
            all.Count.ShouldBeGreaterThanOrEqualTo(2, rawAll.Output); // the signature and the document time-stamp
            // pdfsig checks CAdES signatures, not document time-stamps (it reports those "not yet verified").
            all.Where(s => s.SignatureType == "ETSI.CAdES.detached").ShouldHaveSingleItem().IsValid.ShouldBeTrue(rawAll.Output);
        }
        finally { File.Delete(whole); File.Delete(firstRevision); }

        // The auditors' verifier agrees.
        using var auditor = await App.As("auditor.kanigaran");
        var verify = await auditor.PostAsync("/api/verify", PdfForm(signed));
        (await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString().ShouldBe("VALID");

        // The audit trail names it.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            (await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "document.signed" && a.DocumentId == id && a.VersionNumber == 3)).ShouldBe(1);
        }

        // Signing again: nothing is submitted any more.
        await ShouldBeProblemAsync(await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Conflict);

        // The public page: facts, the current verdict, never the content.
        using var visitor = App.Anonymous();
        var pub = await visitor.GetAsync($"/api/public/verifications/{publicId}");
        var pubText = await pub.Content.ReadAsStringAsync();
        pub.StatusCode.ShouldBe(HttpStatusCode.OK, pubText);
        var p = JsonDocument.Parse(pubText).RootElement;
        p.GetProperty("officeName").GetString().ShouldBe("Kecamatan Kanigaran");
        p.GetProperty("documentTitle").GetString().ShouldBe("LKjIP Kecamatan kanigaran Tahun 2025");
        p.GetProperty("signer").GetProperty("name").GetString().ShouldBe("Hendra Wijaya Kusuma");
        p.GetProperty("signer").GetProperty("jabatan").GetString().ShouldBe("Camat Kanigaran");
        p.GetProperty("level").GetString().ShouldBe("B-LTA");
        p.GetProperty("sha256").GetString().ShouldBe(version.GetProperty("sha256").GetString());
        p.GetProperty("verdict").GetString().ShouldBe("VALID");
        p.GetProperty("certificateIssuer").GetString().ShouldBe("DocSign Sample Signing CA");
        pubText.ShouldNotContain("objectKey", Case.Insensitive);
        (await visitor.GetAsync($"/api/documents/{id}/versions/3/content")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await visitor.GetAsync("/api/public/verifications/aaaaaaaaaaaaaaaaaaaaaaaaaa"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await visitor.GetAsync("/api/public/verifications/..%2f..%2fetc"), HttpStatusCode.NotFound);

        // Compare: identical, a later revision, the unsigned document, something else.
        async Task<string> Compare(byte[] file)
        {
            var r = await visitor.PostAsync($"/api/public/verifications/{publicId}/compare", PdfForm(file));
            var t = await r.Content.ReadAsStringAsync();
            r.StatusCode.ShouldBe(HttpStatusCode.OK, t);
            return JsonDocument.Parse(t).RootElement.GetProperty("relation").GetString()!;
        }
        (await Compare(signed)).ShouldBe("identical");
        (await Compare([.. signed, .. Encoding.ASCII.GetBytes("\n% catatan tambahan\n")])).ShouldBe("later-revision");
        (await Compare(final)).ShouldBe("earlier-revision");
        (await Compare(SamplePdfs.OnePage("Dokumen lain"))).ShouldBe("different");
    }

    [Fact]
    public async Task The_stamp_is_drawn_only_inside_the_chosen_box_and_its_QR_code_opens_the_public_page_of_that_version()
    {
        var (id, final) = await FinalDocumentAsync("kanigaran");
        using var camat = await App.As("camat.kanigaran");
        const double x = 300, y = 400, w = 260, h = 120;
        var response = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase, page = 1, x, y, width = w, height = h });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        var publicUrl = body.GetProperty("publicUrl").GetString()!;
        var signed = await ContentAsync(id, body.GetProperty("version").GetProperty("number").GetInt32());

        var before = TempPdf(final);
        var after = TempPdf(signed);
        try
        {
            var a = RenderedPage.Render(before, 1, 72);
            var b = RenderedPage.Render(after, 1, 72);
            (b.Width, b.Height).ShouldBe((a.Width, a.Height));
            var (x0, y0, x1, y1) = b.PixelBox(x, y, w, h, margin: 2);
            int changedInside = 0, changedOutside = 0;
            for (var py = 0; py < b.Height; py++)
                for (var px = 0; px < b.Width; px++)
                {
                    if (a.At(px, py) == b.At(px, py)) continue;
                    if (px >= x0 && px < x1 && py >= y0 && py < y1) changedInside++; else changedOutside++;
                }
            changedOutside.ShouldBe(0);
            changedInside.ShouldBeGreaterThan(500);
            // Page 2 is untouched.
            RenderedPage.Render(before, 2, 36).Pixels.ShouldBe(RenderedPage.Render(after, 2, 36).Pixels);

            // The QR code decodes (zbarimg, from the rendered page) to the public page of this signed version.
            var png = Path.Combine(Path.GetTempPath(), $"docsign-qr-{Guid.NewGuid():N}");
            var rendered = ExternalTool.Run("pdftoppm", ["-r", "300", "-f", "1", "-l", "1", "-singlefile", "-png", after, png]);
            rendered.ExitCode.ShouldBe(0, rendered.Output);
            try
            {
                var zbar = ExternalTool.Run("zbarimg", ["--quiet", "--raw", png + ".png"]);
                zbar.ExitCode.ShouldBe(0, zbar.Output);
                zbar.StdOut.Trim().ShouldBe(publicUrl);
            }
            finally { File.Delete(png + ".png"); }

            // What the stamp says (pdftotext): who, which post, NIP spaced, the date, the issuer named truthfully.
            var words = System.Text.RegularExpressions.Regex.Replace(ExternalTool.Run("pdftotext", ["-f", "1", "-l", "1", after, "-"]).StdOut, @"\s+", " ");
            words.ShouldContain("Ditandatangani secara elektronik oleh");
            words.ShouldContain("Camat Kanigaran");
            words.ShouldContain("Hendra Wijaya Kusuma");
            words.ShouldContain("NIP. 19740315 200112 1 003");
            words.ShouldContain("DocSign Sample Signing CA");
            words.ShouldNotContain("BSrE");
        }
        finally { File.Delete(before); File.Delete(after); }

        using var visitor = App.Anonymous();
        var publicId = publicUrl[(publicUrl.LastIndexOf('/') + 1)..];
        (await visitor.GetAsync($"/api/public/verifications/{publicId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_passphrase_signs_nothing_stores_nothing_logs_nothing_and_repeated_ones_must_wait()
    {
        var (id, _) = await FinalDocumentAsync("candipuro");
        using var camat = await App.As("camat.candipuro");
        var versions = (await DocumentAsync(id)).GetProperty("versions").GetArrayLength();
        var objects = await StoredObjectCountAsync();
        var guesses = new[] { "Tebakan-Pertama-1934", "Tebakan-Kedua-2288", "Tebakan-Ketiga-3921" };
        foreach (var guess in guesses)
            await ShouldBeProblemAsync(await SignAsync(camat, id, new { passphrase = guess }), HttpStatusCode.BadRequest, "Passphrase salah");

        // The fourth attempt waits, even with the right passphrase.
        var throttled = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase });
        await ShouldBeProblemAsync(throttled, (HttpStatusCode)429, "Tunggu");
        int.Parse(throttled.Headers.RetryAfter!.ToString()).ShouldBeInRange(1, 30);

        (await DocumentAsync(id)).GetProperty("versions").GetArrayLength().ShouldBe(versions);
        (await StoredObjectCountAsync()).ShouldBe(objects);
        foreach (var guess in guesses)
        {
            App.Logs.Lines.Where(l => l.Contains(guess, StringComparison.Ordinal)).ShouldBeEmpty();
            (await EveryStoredValueAsync()).Where(v => Holds(v, guess)).ShouldBeEmpty();
        }
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        (await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "document.sign-failed" && a.DocumentId == id)).ShouldBe(3);
        (await db.Set<SignatureRecord>().AsNoTracking().CountAsync(r => r.DocumentId == id)).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_offices_camat_signs_others_get_403_or_404_and_nothing_changes()
    {
        var (id, _) = await FinalDocumentAsync("kanigaran");
        var versions = (await DocumentAsync(id)).GetProperty("versions").GetArrayLength();
        var objects = await StoredObjectCountAsync();
        foreach (var user in new[] { "sekcam.kanigaran", "staf.kanigaran", "kasubag-umum.kanigaran", "auditor.kanigaran" })
        {
            using var client = await App.As(user);
            await ShouldBeProblemAsync(await SignAsync(client, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Forbidden);
        }
        foreach (var user in new[] { "camat.candipuro", "sekcam.lumajang" })
        {
            using var client = await App.As(user);
            await ShouldBeProblemAsync(await SignAsync(client, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.NotFound);
        }
        using var anonymous = App.Anonymous();
        (await SignAsync(anonymous, id, new { passphrase = SamplePki.Passphrase })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DocumentAsync(id)).GetProperty("versions").GetArrayLength().ShouldBe(versions);
        (await StoredObjectCountAsync()).ShouldBe(objects);
    }

    [Fact]
    public async Task Without_a_submitted_final_version_there_is_nothing_to_sign()
    {
        var (id, _) = await FinalDocumentAsync("kanigaran", submit: false);
        using var camat = await App.As("camat.kanigaran");
        await ShouldBeProblemAsync(await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Conflict, "Belum ada versi final");
        (await DocumentAsync(id)).GetProperty("versions").GetArrayLength().ShouldBe(1);
        // A box off the page, or one too small to read, is refused before anything is signed.
        var (other, _) = await FinalDocumentAsync("kanigaran");
        await ShouldBeProblemAsync(await SignAsync(camat, other, new { passphrase = SamplePki.Passphrase, page = 1, x = 500, y = 800, width = 200, height = 100 }),
            HttpStatusCode.BadRequest, "di luar halaman");
        await ShouldBeProblemAsync(await SignAsync(camat, other, new { passphrase = SamplePki.Passphrase, page = 1, x = 10, y = 10, width = 20, height = 10 }),
            HttpStatusCode.BadRequest, "terlalu kecil");
        await ShouldBeProblemAsync(await SignAsync(camat, other, new { passphrase = SamplePki.Passphrase, page = 9, x = 10, y = 10, width = 200, height = 100 }),
            HttpStatusCode.BadRequest, "Halaman 9");
        (await DocumentAsync(other)).GetProperty("versions").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_Plt_outside_the_decree_period_is_refused_and_inside_it_the_stamp_says_Plt()
    {
        using var admin = await App.As("admin");
        var camatId = await UserIdAsync("camat.lumajang");
        var p12 = await File.ReadAllBytesAsync(SamplePki.P12(SamplePki.Names.CamatLumajang));
        var expired = await admin.PostAsync($"/api/signers/{camatId}/enrolment", PdfForm(p12, ("passphrase", SamplePki.Passphrase),
            ("authority", "plt"), ("decreeNumber", "800/12/427.83/2020"), ("periodFrom", "2020-01-01"), ("periodTo", "2020-06-30")));
        expired.StatusCode.ShouldBe(HttpStatusCode.Created, await expired.Content.ReadAsStringAsync());

        var (id, _) = await FinalDocumentAsync("lumajang");
        using var camat = await App.As("camat.lumajang");
        var objects = await StoredObjectCountAsync();
        await ShouldBeProblemAsync(await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Forbidden, "Plt.");
        (await DocumentAsync(id)).GetProperty("versions").GetArrayLength().ShouldBe(2);
        (await StoredObjectCountAsync()).ShouldBe(objects);

        // Missing decree data is refused at enrolment.
        await ShouldBeProblemAsync(await admin.PostAsync($"/api/signers/{camatId}/enrolment",
            PdfForm(p12, ("passphrase", SamplePki.Passphrase), ("authority", "plh"))), HttpStatusCode.BadRequest, "SK");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var current = await admin.PostAsync($"/api/signers/{camatId}/enrolment", PdfForm(p12, ("passphrase", SamplePki.Passphrase),
            ("authority", "plt"), ("decreeNumber", "800/45/427.83/2026"), ("periodFrom", today.AddDays(-30).ToString("yyyy-MM-dd")),
            ("periodTo", today.AddDays(60).ToString("yyyy-MM-dd"))));
        current.StatusCode.ShouldBe(HttpStatusCode.Created, await current.Content.ReadAsStringAsync());
        var signed = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase });
        var text = await signed.Content.ReadAsStringAsync();
        signed.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var signature = JsonDocument.Parse(text).RootElement.GetProperty("signature");
        signature.GetProperty("signer").GetProperty("jabatan").GetString().ShouldBe("Plt. Camat Lumajang");
        signature.GetProperty("signer").GetProperty("decreeNumber").GetString().ShouldBe("800/45/427.83/2026");
        var pdf = TempPdf(await ContentAsync(id, 3));
        try { ExternalTool.Run("pdftotext", [pdf, "-"]).StdOut.ShouldContain("Plt. Camat Lumajang"); }
        finally { File.Delete(pdf); }

        // Back to the definitive enrolment for other tests.
        (await admin.PostAsync($"/api/signers/{camatId}/enrolment", PdfForm(p12, ("passphrase", SamplePki.Passphrase)))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Where_the_office_asks_for_a_paraf_the_sekcam_approves_before_the_camat_signs()
    {
        using var admin = await App.As("admin");
        using var staff = await App.As("staf.kanigaran");
        await ShouldBeProblemAsync(await staff.PutAsJsonAsync("/api/offices/kanigaran/signing-settings", new { parafRequired = true }), HttpStatusCode.Forbidden);
        var set = await admin.PutAsJsonAsync("/api/offices/kanigaran/signing-settings", new { parafRequired = true });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        try
        {
            var (id, _) = await FinalDocumentAsync("kanigaran");
            using var camat = await App.As("camat.kanigaran");
            await ShouldBeProblemAsync(await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.Conflict, "paraf");

            using var kasi = await App.As("kasi.kanigaran");
            await ShouldBeProblemAsync(await SignAsync(kasi, id, new { passphrase = SamplePki.Passphrase }, "paraf"), HttpStatusCode.Forbidden);
            using var sekcam = await App.As("sekcam.kanigaran");
            var paraf = await SignAsync(sekcam, id, new { passphrase = SamplePki.Passphrase }, "paraf");
            var parafText = await paraf.Content.ReadAsStringAsync();
            paraf.StatusCode.ShouldBe(HttpStatusCode.Created, parafText);
            JsonDocument.Parse(parafText).RootElement.GetProperty("version").GetProperty("stage").GetString().ShouldBe("paraf");

            var signed = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase });
            var text = await signed.Content.ReadAsStringAsync();
            signed.StatusCode.ShouldBe(HttpStatusCode.Created, text);
            var body = JsonDocument.Parse(text).RootElement;
            body.GetProperty("verdict").GetString().ShouldBe("VALID");
            body.GetProperty("verification").GetProperty("signatures").GetArrayLength().ShouldBe(2);
            body.GetProperty("version").GetProperty("number").GetInt32().ShouldBe(4);
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/offices/kanigaran/signing-settings", new { parafRequired = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

public sealed class SqliteSigningTests(SqliteSigning app) : SigningApiContract(app), IClassFixture<SqliteSigning>;

public sealed class PostgresS3SigningTests(PostgresS3Signing app) : SigningApiContract(app), IClassFixture<PostgresS3Signing>;
