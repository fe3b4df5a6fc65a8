using DocSign.Testing.Documents;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocSign.Core.Archive;
using DocSign.Core.Ports;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// From a signed document to its archived package: the surat pengantar job numbers, draws, seals and stores the
/// letter (checked with pdftotext, pdfsig and DocSign's verifier); the Kasubag Umum dispatches it and uploads the
/// tanda terima; the archive job copies both PDFs with a manifest; the integrity job reports a changed object; an
/// early delete is refused; the renewal job adds a fresh document timestamp when the TSA certificate nears expiry.
/// </summary>
public sealed class CoverLetterFlowTests
{
    /// <summary>The letter and archive jobs run every second; the sample TSA stamps the letters.</summary>
    public static Dictionary<string, string?> FastJobs() => new()
    {
        ["DocSign:Letters:CoverLetterPollInterval"] = "00:00:01",
        ["DocSign:Archive:ArchivePollInterval"] = "00:00:01",
        ["DocSign:Archive:IntegrityInterval"] = "01:00:00",
        ["DocSign:Archive:RenewalInterval"] = "01:00:00",
        ["DocSign:Letters:Signing:TsaUrl"] = SamplePki.TsaUrl.ToString(),
    };

    [Fact]
    public async Task A_signed_document_gets_one_sealed_cover_letter_that_is_dispatched_received_and_archived()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var host = LetterHost.Start(clock: clock, extra: FastJobs());
        await SignedDocuments.NumberOnSigningAsync(host.Services, "kanigaran");   // the old automatic path, now an office setting
        const string title = "LKjIP Kecamatan Kanigaran Tahun 2025";
        var (documentId, signedLkjip) = await SignedDocuments.CreateSignedAsync(host.Services, "kanigaran", title);

        using var kasubag = await host.As("kasubag-umum.kanigaran");
        using var admin = await host.As("admin");
        var letter = await WaitForAsync(admin, async () =>
        {
            var doc = await kasubag.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}");
            var letters = doc.GetProperty("letters").EnumerateArray().ToList();
            return letters.Count == 1 && letters[0].GetProperty("status").GetString() == "issued" ? letters[0] : (JsonElement?)null;
        });
        var number = letter.GetProperty("number").GetString()!;
        Regex.IsMatch(number, @"^000\.8\.6\.3/\d+/425\.504/20\d\d$").ShouldBeTrue(number);
        letter.GetProperty("kind").GetString().ShouldBe("surat-pengantar");
        var letterId = letter.GetProperty("id").GetString();

        var pdf = await kasubag.GetByteArrayAsync($"/api/letters/{letterId}/content");
        var dir = TestEnvironment.NewTempDirectory("letter");
        var path = Path.Combine(dir, "surat-pengantar.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = Regex.Replace(ExternalTool.Run("pdftotext", ["-layout", path, "-"]).StdOut, @"\s+", " ");
        text.ShouldContain("SURAT PENGANTAR");
        text.ShouldContain(number);
        text.ShouldContain("KECAMATAN KANIGARAN");
        text.ShouldContain("Bagian Organisasi");
        text.ShouldContain("Kepada Yth.");
        text.ShouldContain("Naskah Dinas yang Dikirimkan");
        text.ShouldContain("Diterima tanggal");
        // Sealed by the office e-seal: the foot names the office, not a person.
        text.ShouldContain("Segel Elektronik Kecamatan Kanigaran");
        text.ShouldNotContain("a.n. CAMAT KANIGARAN");
        text.ShouldNotContain("Perihal");
        Regex.Replace(text, @"\s+", "").ShouldContain(Regex.Replace(title, @"\s+", ""));
        Qpdf.IsClean(Qpdf.Check(path)).ShouldBeTrue();
        var (raw, sigs) = Pdfsig.Verify(path, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Count.ShouldBe(1, raw.Output);
        sigs[0].IsValid.ShouldBeTrue(raw.Output);
        sigs[0].TotalDocumentSigned.ShouldBeTrue(raw.Output);
        (await VerifyAsync(kasubag, pdf)).ShouldBe("VALID");
        (await VerifyAsync(kasubag, signedLkjip)).ShouldBe("VALID");

        // The job runs again and again (two more recorded runs): still exactly one letter for the document.
        var runs = await CoverLetterRunsAsync(admin);
        await WaitForAsync(admin, async () => await CoverLetterRunsAsync(admin) >= runs + 2 ? default(JsonElement) : (JsonElement?)null);
        var again = await kasubag.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}");
        again.GetProperty("letters").GetArrayLength().ShouldBe(1);

        // Dispatch: the Kasubag Umum only.
        using var staf = await host.As("staf.kanigaran");
        (await staf.PostAsJsonAsync($"/api/letters/{letterId}/dispatch", new { recipient = "Bagian Organisasi", channel = "SRIKANDI" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await kasubag.PostAsJsonAsync($"/api/letters/{letterId}/dispatch", new { recipient = "Bagian Organisasi", channel = "merpati" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var receiptTooEarly = await kasubag.PostAsync($"/api/letters/{letterId}/receipt", ReceiptForm(Png()));
        receiptTooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var dispatched = await kasubag.PostAsJsonAsync($"/api/letters/{letterId}/dispatch", new { recipient = "Bagian Organisasi Setda Kota Probolinggo", channel = "SRIKANDI" });
        dispatched.StatusCode.ShouldBe(HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        (await kasubag.PostAsJsonAsync($"/api/letters/{letterId}/dispatch", new { recipient = "lagi", channel = "pos" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Receipt: a photo or PDF, recognised by its bytes.
        (await kasubag.PostAsync($"/api/letters/{letterId}/receipt", ReceiptForm("bukan gambar"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var png = Png();
        var receipt = await kasubag.PostAsync($"/api/letters/{letterId}/receipt", ReceiptForm(png));
        receipt.StatusCode.ShouldBe(HttpStatusCode.OK, await receipt.Content.ReadAsStringAsync());
        (await kasubag.GetByteArrayAsync($"/api/letters/{letterId}/receipt")).ShouldBe(png);
        var afterReceipt = await kasubag.GetFromJsonAsync<JsonElement>($"/api/letters/{letterId}");
        afterReceipt.GetProperty("status").GetString().ShouldBe("dispatched");
        afterReceipt.GetProperty("channel").GetString().ShouldBe("SRIKANDI");
        afterReceipt.GetProperty("receipt").GetProperty("contentType").GetString().ShouldBe("image/png");

        // Archive copies follow the dispatch.
        var archive = await WaitForAsync(admin, async () =>
        {
            var doc = await kasubag.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}");
            return doc.GetProperty("archive").ValueKind == JsonValueKind.Array ? doc.GetProperty("archive") : (JsonElement?)null;
        });
        var copies = archive.EnumerateArray().ToList();
        copies.Count.ShouldBe(3);
        copies.ShouldAllBe(c => c.GetProperty("key").GetString()!.StartsWith("archive/kanigaran/2025/"));
        copies.Single(c => c.GetProperty("role").GetString() == "naskah").GetProperty("sha256").GetString().ShouldBe(SignedDocuments.Sha(signedLkjip));
        copies.Single(c => c.GetProperty("role").GetString() == "surat-pengantar").GetProperty("sha256").GetString().ShouldBe(SignedDocuments.Sha(pdf));
        copies.Where(c => c.GetProperty("role").GetString() != "manifest").ShouldAllBe(c => c.GetProperty("verdict").GetString() == "VALID");
        var manifestKey = copies.Single(c => c.GetProperty("role").GetString() == "manifest").GetProperty("key").GetString()!;
        var store = host.Services.GetRequiredService<IObjectStore>();
        await using (var m = await store.OpenReadAsync(manifestKey))
        {
            var manifest = await JsonDocument.ParseAsync(m);
            manifest.RootElement.GetProperty("objects").GetArrayLength().ShouldBe(2);
            manifest.RootElement.GetProperty("retention").GetProperty("retainUntil").GetString().ShouldBe($"{clock.GetUtcNow().AddHours(7).Year + 6}-12-31");
        }

        // No early delete, through the store every part of DocSign uses.
        foreach (var c in copies)
            await Should.ThrowAsync<ArchiveRetentionException>(() => store.DeleteAsync(c.GetProperty("key").GetString()!));

        // A changed archive object is reported by the integrity check and shown by the service.
        var blob = Path.Combine(host.DataDirectory, "objects", "blobs", manifestKey.Replace('/', Path.DirectorySeparatorChar));
        File.Exists(blob).ShouldBeTrue(blob);
        await File.AppendAllTextAsync(blob, " ");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var (checkedCount, bad) = await scope.ServiceProvider.GetRequiredService<CheckArchiveIntegrityHandler>().HandleAsync();
            checkedCount.ShouldBe(3);
            bad.ShouldBe(1);
        }
        var officeArchive = await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/archive");
        officeArchive.GetProperty("integrity").GetProperty("mismatch").GetInt32().ShouldBe(1);
        officeArchive.GetProperty("integrity").GetProperty("ok").GetInt32().ShouldBe(2);
        using var otherOffice = await host.As("kasubag-umum.candipuro");
        (await otherOffice.GetAsync("/api/offices/kanigaran/archive")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Years later, the TSA certificate (valid to 2036-12-31) nears expiry: the renewal job adds a document timestamp.
        await using (var scope = host.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<RenewArchiveTimestampsHandler>().HandleAsync()).ShouldBe(0);
        clock.Set(new DateTimeOffset(2036, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var scope = host.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<RenewArchiveTimestampsHandler>().HandleAsync()).ShouldBe(2);
        // Tokens issued ten years earlier have long expired.
        using var later = host.WithToken(await host.TokenAsync("kasubag-umum.kanigaran"));
        var renewed = (await later.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/archive")).GetProperty("copies").EnumerateArray()
            .Where(c => c.GetProperty("renewedFrom").ValueKind == JsonValueKind.String).ToList();
        renewed.Count.ShouldBe(2);
        foreach (var r in renewed)
        {
            r.GetProperty("verdict").GetString().ShouldBe("VALID");
            await using var content = await store.OpenReadAsync(r.GetProperty("key").GetString()!);
            var ms = new MemoryStream();
            await content.CopyToAsync(ms);
            var report = await VerifyJsonAsync(later, ms.ToArray());
            report.GetProperty("verdict").GetString().ShouldBe("VALID");
            report.GetProperty("documentTimestamps").GetArrayLength().ShouldBeGreaterThan(0);
            report.GetProperty("signatures")[0].GetProperty("level").GetString().ShouldBe("B-LTA");
        }
    }

    private static async Task<string> VerifyAsync(HttpClient client, byte[] pdf) => (await VerifyJsonAsync(client, pdf)).GetProperty("verdict").GetString()!;

    private static async Task<JsonElement> VerifyJsonAsync(HttpClient client, byte[] pdf)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "x.pdf");
        var response = await client.PostAsync("/api/verify", form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static MultipartFormDataContent ReceiptForm(byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", "tanda-terima.png");
        return form;
    }

    /// <summary>A small real PNG (1x1, grey).</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCB3UNq9AAAAABJRU5ErkJggg==");

    /// <summary>Polls until <paramref name="probe"/> finds something; on time-out the failure names the jobs' state and last errors.</summary>
    public static Task<JsonElement> WaitForAsync(HttpClient admin, Func<Task<JsonElement?>> probe, int seconds = 90) =>
        Wait.ForAsync(probe, TimeSpan.FromSeconds(seconds), async () => "Jobs: " + await admin.GetStringAsync("/api/admin/jobs"));

    /// <summary>The surat pengantar job's recorded runs, as the admin's jobs API shows them.</summary>
    private static async Task<int> CoverLetterRunsAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/jobs")).GetProperty("jobs").EnumerateArray()
            .Single(j => j.GetProperty("name").GetString() == "surat-pengantar").GetProperty("runs").GetInt32();
}
