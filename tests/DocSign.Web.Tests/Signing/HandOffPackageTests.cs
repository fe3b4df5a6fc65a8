using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DocSign.Core.Verification;
using DocSign.Pdf;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Signing;

/// <summary>
/// The hand-off package of a signed LKjIP: one ZIP whose manifest lists every other file with a SHA-256 that matches
/// it, whose signed PDF is VALID (our verifier and pdfsig), and whose manifest is sealed by the office (the seal sheet
/// VALID, carrying the manifest's SHA-256). The office's auditor downloads it; another office gets 404; it is audited.
/// </summary>
public sealed class HandOffPackageTests(PostgresS3Signing app) : IClassFixture<PostgresS3Signing>
{
    [Fact]
    public async Task The_package_of_a_signed_LKjIP_has_matching_hashes_a_VALID_signature_and_a_VALID_seal_over_its_manifest()
    {
        // Started from the order with no file, walked through Kanigaran's SOP and signed by the Camat.
        using var staff = await app.As("staf.kanigaran");
        var form = new MultipartFormDataContent
        {
            { new StringContent("kanigaran"), "office" }, { new StringContent("2025"), "year" }, { new StringContent("lkjip"), "kind" },
            { new StringContent("LKjIP Kecamatan Kanigaran Tahun 2025"), "title" }, { new StringContent("Susun LKjIP 2025"), "instruction" },
        };
        var created = await staff.PostAsync("/api/documents", form);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await staff.GetAsync($"/api/documents/{id}/handoff")).StatusCode.ShouldBe(HttpStatusCode.Conflict);   // nothing signed yet

        var corrected = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes("% koreksi\n")).ToArray();
        var final = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes("% final\n")).ToArray();
        await DocSign.Web.Tests.Api.WorkflowWalk.ToSubmittedAsync(app.As, id, "kanigaran", corrected, final);
        using var camat = await app.As("camat.kanigaran");
        (await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = SamplePki.Passphrase })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var other = await app.As("auditor.candipuro");
        (await other.GetAsync($"/api/documents/{id}/handoff")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var auditor = await app.As("auditor.kanigaran");
        var response = await auditor.GetAsync($"/api/documents/{id}/handoff");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entries = zip.Entries.ToDictionary(e => e.FullName, Read);

        // Every file but the manifest and its seal is listed, with its own SHA-256 and size.
        var manifestBytes = entries["manifest.json"];
        var manifest = JsonDocument.Parse(manifestBytes).RootElement;
        var listed = manifest.GetProperty("files").EnumerateArray().ToList();
        listed.Select(f => f.GetProperty("name").GetString()).Order().ShouldBe(entries.Keys.Except(["manifest.json", "manifest-segel.pdf"]).Order());
        foreach (var file in listed)
        {
            var bytes = entries[file.GetProperty("name").GetString()!];
            file.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            file.GetProperty("size").GetInt64().ShouldBe(bytes.Length);
        }
        listed.ShouldContain(f => f.GetProperty("name").GetString() == "04-laporan-verifikasi.json");
        listed.ShouldContain(f => f.GetProperty("name").GetString() == "05-log-sop.json");
        manifest.GetProperty("document").GetProperty("id").GetString().ShouldBe(id.ToString());
        manifest.GetProperty("document").GetProperty("office").GetString().ShouldBe("kanigaran");
        manifest.GetProperty("signer").GetProperty("jabatan").GetString()!.ShouldContain("Camat");
        manifest.GetProperty("createdAt").GetString()!.ShouldEndWith("+07:00");   // Kanigaran keeps WIB
        response.Headers.GetValues("X-DocSign-Manifest-Sha256").Single().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(manifestBytes)));
        Encoding.UTF8.GetString(entries["05-log-sop.json"]).ShouldContain("\"kind\": \"signed\"");

        // The signed PDF: VALID by our verifier and by pdfsig.
        var signedName = listed.Select(f => f.GetProperty("name").GetString()!).Single(n => n.StartsWith("01-dokumen-bertanda-tangan"));
        var verifier = app.Services.GetRequiredService<IPdfVerifier>();
        (await verifier.VerifyAsync(new MemoryStream(entries[signedName]), signedName)).Verdict.ShouldBe("VALID");
        PdfsigFirstSignatureValid(entries[signedName]);

        // The seal: VALID by our verifier, by the office's e-seal, over a sheet that carries the manifest's SHA-256.
        var seal = await verifier.VerifyAsync(new MemoryStream(entries["manifest-segel.pdf"]), "manifest-segel.pdf");
        seal.Verdict.ShouldBe("VALID", string.Join("; ", seal.Messages));
        seal.Signatures.Count.ShouldBe(1);
        PdfsigFirstSignatureValid(entries["manifest-segel.pdf"]);
        using var sheet = PdfFile.Open(entries["manifest-segel.pdf"]);
        var info = (PdfDictionary)sheet.Resolve(sheet.Trailer["Info"]);
        var keywords = PdfTextEncoding.Decode(((PdfString)sheet.Resolve(info["Keywords"])).Value);
        keywords.ShouldBe("docsign-manifest-sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes)));

        // Audited.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSign.Infrastructure.Persistence.DocSignDbContext>();
        db.AuditEntries.Count(a => a.DocumentId == id && a.Action == "document.handoff-downloaded").ShouldBe(1);
    }

    /// <summary>pdfsig's judgement of the first signature (a later document timestamp is one pdfsig does not verify).</summary>
    private static void PdfsigFirstSignatureValid(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"handoff-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var (_, signatures) = Pdfsig.Verify(path);
            signatures.Count.ShouldBeGreaterThan(0);
            signatures[0].IsValid.ShouldBeTrue();
        }
        finally { File.Delete(path); }
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
