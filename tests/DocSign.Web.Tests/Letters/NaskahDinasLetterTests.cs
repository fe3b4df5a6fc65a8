using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocSign.Core.Letters;
using DocSign.Core.Text;
using DocSign.Testing.Documents;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// The surat pengantar in the Tata Naskah Dinas layout (issue 21), read back with independent tools: the page size
/// from pdfinfo, the words from pdftotext, the emblem from pdfimages, the QR code decoded by zbarimg from pdftoppm's
/// rendering, the signature by pdfsig and DocSign's verifier, the structure by qpdf. The sender block is compared with
/// the signer's record as DocSign holds it (the enrolment), never with typed text. Also: sifat and urgency apart, a
/// classification code outside the list refused, and a nomor sisipan dated outside its neighbours refused.
/// </summary>
public sealed class NaskahDinasLetterTests
{
    [Fact]
    public async Task A_surat_pengantar_on_F4_has_the_kop_with_emblem_the_number_once_tembusan_a_QR_and_the_sender_from_the_signers_record()
    {
        await using var host = LetterHost.Start(extra: CoverLetterFlowTests.FastJobs());
        using var admin = await host.As("admin");
        using var kasubag = await host.As("kasubag-umum.candipuro");

        var template = await admin.PutAsJsonAsync("/api/offices/candipuro/letter-template", new
        {
            numberPattern = "{klasifikasi}/{urut}/{unit}/{tahun}", unitCode = "427.83", defaultClassification = "000.8.6.3", place = "Candipuro",
            letterhead = "PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN CANDIPURO\nJalan Contoh Nomor 2, Candipuro, Lumajang (alamat contoh)",
            addressee = "Kepala Bagian Organisasi\nSekretariat Daerah Kabupaten Lumajang", signer = "seal",
            // The old static sender: must not reach the letter.
            senderAuthority = "Plt.", senderTitle = "CAMAT CANDIPURO", senderName = "Nama Ketikan Lama", senderNip = "197905152003121002",
            paperSize = "F4", telephone = "(0334) 000002 (contoh)", website = "candipuro.contoh.go.id",
            carbonCopies = "Bupati Lumajang (sebagai laporan)\nInspektur Kabupaten Lumajang",
            autoNumberOnSigning = true,   // sealed at once by the office e-seal, so the foot names the office
        });
        template.StatusCode.ShouldBe(HttpStatusCode.OK, await template.Content.ReadAsStringAsync());

        // The emblem: only the admin, only a whole PNG/JPEG; a refused upload changes nothing.
        (await kasubag.PostAsync("/api/offices/candipuro/letter-template/emblem", Form(SampleEmblem.Png(), "lambang.png"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await admin.PostAsync("/api/offices/candipuro/letter-template/emblem", Form("GIF89a bukan lambang"u8.ToArray(), "lambang.png"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("PNG atau JPEG");
        var truncated = SampleEmblem.Png()[..60];
        (await admin.PostAsync("/api/offices/candipuro/letter-template/emblem", Form(truncated, "lambang.png"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetFromJsonAsync<JsonElement>("/api/offices/candipuro/letter-template")).GetProperty("emblemSha256").ValueKind.ShouldBe(JsonValueKind.Null);
        var uploaded = await admin.PostAsync("/api/offices/candipuro/letter-template/emblem", Form(SampleEmblem.Png(), "lambang.png"));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("emblemSha256").GetString().ShouldBe(SignedDocuments.Sha(SampleEmblem.Png()));

        const string title = "Laporan Kinerja Kecamatan Candipuro Tahun 2025";
        var (documentId, _) = await SignedDocuments.CreateSignedAsync(host.Services, "candipuro", title);
        var letter = await CoverLetterFlowTests.WaitForAsync(admin, async () =>
        {
            var doc = await kasubag.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}");
            var letters = doc.GetProperty("letters").EnumerateArray().ToList();
            return letters.Count == 1 && letters[0].GetProperty("status").GetString() == "issued" ? letters[0] : (JsonElement?)null;
        });
        var number = letter.GetProperty("number").GetString()!;
        number.ShouldMatch(@"^000\.8\.6\.3/\d+/427\.83/20\d\d$");
        var letterId = Guid.Parse(letter.GetProperty("id").GetString()!);
        var pdf = await kasubag.GetByteArrayAsync($"/api/letters/{letterId}/content");
        var dir = TestEnvironment.NewTempDirectory("naskah-dinas");
        var path = Path.Combine(dir, "surat-pengantar.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        // F4 / Folio: 215 × 330 mm = 609.45 × 935.43 pt.
        var info = ExternalTool.Run("pdfinfo", [path]);
        info.ExitCode.ShouldBe(0, info.Output);
        var size = Regex.Match(info.StdOut, @"Page size:\s+([\d.]+) x ([\d.]+) pts");
        size.Success.ShouldBeTrue(info.StdOut);
        double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture).ShouldBe(609.45, 0.5);
        double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture).ShouldBe(935.43, 0.5);
        Regex.IsMatch(info.StdOut, @"Pages:\s+1\b").ShouldBeTrue(info.StdOut);

        // The office's signer record: its enrolled Camat, definitive (not the template's old "Plt."); a letter the Camat
        // signs himself carries it (CoverLetterRuleTests); this sealed one names the office as its sealer.
        LetterSender sender;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var candidates = await scope.ServiceProvider.GetRequiredService<ILetterSenderSource>().CandidatesAsync("candipuro");
            sender = LetterSender.Choose(candidates, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)))!;
        }
        sender.ShouldNotBeNull();
        sender.Kind.ShouldBe(LetterSenderKind.Definitif);
        sender.Nip.ShouldNotBeNullOrEmpty();

        var layout = ExternalTool.Run("pdftotext", ["-layout", path, "-"]).StdOut;
        var text = Regex.Replace(layout, @"\s+", " ");
        foreach (var expected in new[]
                 {
                     "PEMERINTAH KABUPATEN LUMAJANG", "KECAMATAN CANDIPURO", "Telepon (0334) 000002 (contoh)", "Laman candipuro.contoh.go.id",
                     "Kepada", "Yth.", "Kepala Bagian Organisasi", "TEMPAT", "SURAT PENGANTAR", "Nomor: " + number,
                     "No", "Naskah Dinas yang Dikirimkan", "Banyaknya", "Keterangan", "1 (satu) berkas",
                     "Diterima tanggal", "Penerima,", "Tanda tangan", "Nama", "Tembusan:", "1. Yth. Bupati Lumajang (sebagai laporan)",
                     "2. Yth. Inspektur Kabupaten Lumajang", "KECAMATAN CANDIPURO,", "Segel Elektronik Kecamatan Candipuro",
                     "Ditandatangani secara elektronik",
                     "diterbitkan oleh DocSign Sample Signing CA",
                 })
            text.ShouldContain(expected);
        Regex.Replace(text, @"\s+", "").ShouldContain(Regex.Replace(title, @"\s+", ""));
        Regex.Matches(text, Regex.Escape(number)).Count.ShouldBe(1, "the number is printed once");
        text.ShouldNotContain("Plt.");
        text.ShouldNotContain("Nama Ketikan Lama");
        text.ShouldNotContain("Perihal");
        text.ShouldNotContain("Sifat");
        text.ShouldNotContain("Lampiran");
        text.ShouldNotContain("BSrE", Case.Insensitive);   // the sample PKI never claims BSrE
        // Place and date at the foot, after the table.
        var dateLine = Regex.Match(layout, @"Candipuro, \d{1,2} [A-Z][a-z]+ \d{4}");
        dateLine.Success.ShouldBeTrue(layout);
        dateLine.Index.ShouldBeGreaterThan(layout.IndexOf("Naskah Dinas yang Dikirimkan", StringComparison.Ordinal));

        // The emblem is the one image on the page, at its own pixel size.
        var images = ExternalTool.Run("pdfimages", ["-list", path]);
        images.ExitCode.ShouldBe(0, images.Output);
        var rows = images.StdOut.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        rows.Count(r => Regex.IsMatch(r, @"^\s*1\s+\d+\s+image\s+" + SampleEmblem.Width + @"\s+" + SampleEmblem.Height + @"\s")).ShouldBe(1, images.StdOut);
        rows.Count(r => Regex.IsMatch(r, @"^\s*\d+\s+\d+\s+image\s")).ShouldBe(1, images.StdOut);

        // The QR code (zbarimg on pdftoppm's rendering) leads to the letter's public page, which shows it VALID.
        var prefix = Path.Combine(dir, "surat-pengantar-f4");
        var rendered = ExternalTool.Run("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-singlefile", "-png", path, prefix]);
        rendered.ExitCode.ShouldBe(0, rendered.Output);
        var zbar = ExternalTool.Run("zbarimg", ["--quiet", "--raw", prefix + ".png"]);
        zbar.ExitCode.ShouldBe(0, zbar.Output);
        var url = zbar.StdOut.Trim();
        url.ShouldEndWith($"/v/surat/{letterId:N}");
        text.ShouldContain(url);
        var page = await kasubag.GetAsync(new Uri(url).AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain(number);
        html.ShouldContain("data-putusan=\"VALID\"");
        html.ShouldContain(SignedDocuments.Sha(pdf));
        (await kasubag.GetAsync($"/v/surat/{Guid.NewGuid():N}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        SavePreview(prefix + ".png");

        // Signed: pdfsig and DocSign's verifier say VALID; qpdf finds the file sound.
        Qpdf.IsClean(Qpdf.Check(path)).ShouldBeTrue();
        var (raw, sigs) = Pdfsig.Verify(path, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Count.ShouldBe(1, raw.Output);
        sigs[0].IsValid.ShouldBeTrue(raw.Output);
        sigs[0].TotalDocumentSigned.ShouldBeTrue(raw.Output);
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "surat.pdf");
        var verified = await kasubag.PostAsync("/api/verify", form);
        (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString().ShouldBe("VALID");
    }

    [Fact]
    public async Task Sifat_and_urgency_are_separate_fields_and_the_old_single_sifat_still_works()
    {
        await using var host = LetterHost.Start();
        using var kasubag = await host.As("kasubag-umum.kanigaran");

        async Task<JsonElement> Reserve(object body)
        {
            var r = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", body);
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            var id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            return await kasubag.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        }
        var both = await Reserve(new { subject = "Rahasia dan kilat", sifat = "Sangat Rahasia", urgency = "Sangat Segera" });
        both.GetProperty("sifat").GetString().ShouldBe("Sangat Rahasia");
        both.GetProperty("urgency").GetString().ShouldBe("Sangat Segera");
        var plain = await Reserve(new { subject = "Tanpa keterangan" });
        (plain.GetProperty("sifat").GetString(), plain.GetProperty("urgency").GetString()).ShouldBe(("Biasa", "Biasa"));
        // The old API's single field: an urgency word there is urgency now, with sifat Biasa.
        var legacy = await Reserve(new { subject = "Klien lama", sifat = "Segera" });
        (legacy.GetProperty("sifat").GetString(), legacy.GetProperty("urgency").GetString()).ShouldBe(("Biasa", "Segera"));
        var penting = await Reserve(new { subject = "Klien lama penting", sifat = "penting" });
        (penting.GetProperty("sifat").GetString(), penting.GetProperty("urgency").GetString()).ShouldBe(("Biasa", "Segera"));

        var before = (await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/letters")).GetProperty("letters").GetArrayLength();
        foreach (var body in new object[]
                 {
                     new { subject = "x", sifat = "Kilat" },
                     new { subject = "x", urgency = "Rahasia" },
                     new { subject = "x", sifat = "Segera", urgency = "Biasa" },
                 })
        {
            var r = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", body);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await r.Content.ReadAsStringAsync()).ShouldMatch("(Sifat|Derajat kecepatan)");
        }
        (await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/letters")).GetProperty("letters").GetArrayLength().ShouldBe(before);
    }

    [Fact]
    public async Task A_classification_code_outside_the_list_is_refused_and_an_office_may_add_a_local_code()
    {
        await using var host = LetterHost.Start();
        using var kasubag = await host.As("kasubag-umum.kanigaran");
        using var admin = await host.As("admin");

        // Searchable by code or by word (the letter form's typeahead).
        var byWord = await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/classification-codes?q=kinerja%20instansi");
        byWord.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ShouldContain("000.8.6.3");
        var byCode = await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/classification-codes?q=000.8.3.3");
        byCode.GetProperty("codes")[0].GetProperty("title").GetString().ShouldBe("Standar Operasional Prosedur");

        var first = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.3.3", subject = "Penyampaian SOP" });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var firstSequence = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt32();

        // The old codes and made-up ones: a clear message, no number taken.
        foreach (var code in new[] { "065", "700.1.99", "000.8.6.3.1" })
        {
            var refused = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = code, subject = "Kode salah" });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync()).ShouldContain($"Kode klasifikasi {code} tidak ada dalam daftar");
        }
        var next = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = "Sesudahnya" });
        (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt32().ShouldBe(firstSequence + 1);

        // An office's own code: only the admin adds it, then that office (only) numbers with it.
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/classification-codes", new { code = "000.8.6.3.1", title = "Reviu LKjIP oleh Inspektorat" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync("/api/offices/kanigaran/classification-codes", new { code = "000.8.3.3", title = "Duplikat" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostAsJsonAsync("/api/offices/kanigaran/classification-codes", new { code = "000..1", title = "Salah" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var added = await admin.PostAsJsonAsync("/api/offices/kanigaran/classification-codes", new { code = "000.8.6.3.1", title = "Reviu LKjIP oleh Inspektorat" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var local = await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/classification-codes?q=reviu");
        local.GetProperty("codes")[0].GetProperty("local").GetBoolean().ShouldBeTrue();
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3.1", subject = "Reviu" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var lumajang = await host.As("kasubag-umum.lumajang");
        (await lumajang.PostAsJsonAsync("/api/offices/lumajang/letter-numbers", new { classification = "000.8.6.3.1", subject = "Reviu" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The office's default is checked too.
        (await admin.PutAsJsonAsync("/api/offices/kanigaran/letter-template", new { defaultClassification = "065" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/letter-template")).GetProperty("defaultClassification").GetString().ShouldBe("000.8.6.3");
    }

    [Fact]
    public async Task A_nomor_sisipan_dated_outside_its_neighbours_is_refused()
    {
        // Number 1 on 18 May, number 2 on 20 May; a sisipan after 1 must be dated 18 to 20 May.
        var clock = new FakeClock(new DateTimeOffset(2026, 5, 18, 3, 0, 0, TimeSpan.Zero));
        await using var host = LetterHost.Start(clock: clock);
        using (var early = host.WithToken(await host.TokenAsync("kasubag-umum.kanigaran")))
            (await early.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Satu" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        clock.Set(new DateTimeOffset(2026, 5, 20, 3, 0, 0, TimeSpan.Zero));
        using (var mid = host.WithToken(await host.TokenAsync("kasubag-umum.kanigaran")))
            (await mid.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Dua" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        clock.Set(new DateTimeOffset(2026, 5, 25, 3, 0, 0, TimeSpan.Zero));
        using var kasubag = host.WithToken(await host.TokenAsync("kasubag-umum.kanigaran"));

        var before = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Terlalu awal", insertAfter = 1, reason = "Tertinggal", date = "2026-05-17" });
        before.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await before.Content.ReadAsStringAsync()).ShouldContain("lebih awal dari tanggal nomor urut 1 (18 Mei 2026)");
        var after = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Terlalu akhir", insertAfter = 1, reason = "Tertinggal", date = "2026-05-22" });
        after.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await after.Content.ReadAsStringAsync()).ShouldContain("lebih akhir dari tanggal nomor urut berikutnya (20 Mei 2026)");
        (await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/letters?year=2026")).GetProperty("letters").GetArrayLength().ShouldBe(2);

        var inside = await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Pas", insertAfter = 1, reason = "Tertinggal", date = "2026-05-19" });
        inside.StatusCode.ShouldBe(HttpStatusCode.Created, await inside.Content.ReadAsStringAsync());
        (await inside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString().ShouldBe("000.8.6.3/1.1/425.504/2026");
        // A second sisipan after 1 may not be dated before the first one.
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Mundur lagi", insertAfter = 1, reason = "Tertinggal", date = "2026-05-18" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }

    /// <summary>Keeps the rendered letter where the UI screenshots go, for a person to look at.</summary>
    private static void SavePreview(string png)
    {
        var configured = Environment.GetEnvironmentVariable("DOCSIGN_TEST_ARTIFACTS");
        var dir = Path.Combine(string.IsNullOrWhiteSpace(configured) ? AppContext.BaseDirectory : configured, "screenshots");
        Directory.CreateDirectory(dir);
        File.Copy(png, Path.Combine(dir, "surat-pengantar-f4.png"), overwrite: true);
    }
}
