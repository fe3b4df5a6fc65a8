using System.Security.Cryptography;
using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>The document page in a browser: create, versions with SHA-256, upload, download, pdf.js view, office rules.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentPageTests(DocSignServer server)
{
    [Fact]
    public async Task Staff_create_a_document_upload_a_corrected_version_view_it_and_download_the_exact_bytes()
    {
        await using var session = await server.NewSessionAsync("dokumen");
        var dashboard = await session.SignInAsAsync("kasubbag-program.kanigaran");
        var draft = SamplePdfs.MultiPageText(2);
        var title = $"LKjIP Kecamatan Kanigaran {Guid.NewGuid():N}"[..40];

        var create = await dashboard.StartNewDocumentAsync();
        await Assertions.Expect(create.Heading).ToHaveTextAsync("Dokumen baru");
        var document = await create.CreateAsync(title, draft, year: "2025");
        await Assertions.Expect(document.Heading).ToHaveTextAsync(title);
        await Assertions.Expect(document.Notice).ToContainTextAsync("draf versi 1");
        (await document.Sha256Of(1)).ShouldBe(Hex(draft));

        var corrected = SamplePdfs.OnePage("Koreksi Sekcam: target kinerja diperbaiki");
        await document.UploadVersionAsync("Koreksi", corrected, note: "Perbaikan bab III");
        await Assertions.Expect(document.Notice).ToContainTextAsync("Versi 2 (Koreksi) tersimpan");
        await Assertions.Expect(document.VersionRows).ToHaveCountAsync(2);
        await Assertions.Expect(document.Version(2)).ToContainTextAsync("Perbaikan bab III");
        await Assertions.Expect(document.Version(2)).ToContainTextAsync("Eko Santoso (Kasubbag Keuangan dan Program)");   // the person, not the account
        (await document.Sha256Of(2)).ShouldBe(Hex(corrected));

        // The latest version is shown by pdf.js (DocSign's own copy under /lib/pdfjs), page by page.
        (await document.WaitForViewerAsync()).ShouldBe(1);
        (await document.FirstPageHasInkAsync()).ShouldBeTrue();
        await document.ScreenshotAsync("halaman-dokumen");

        (await document.DownloadAsync(1)).ShouldBe(draft);

        await document.GotoAsync(document.Id, version: 1);
        (await document.WaitForViewerAsync()).ShouldBe(2);
        await Assertions.Expect(document.ViewerPages).ToHaveCountAsync(2);

        await dashboard.GotoAsync();
        await Assertions.Expect(dashboard.StageTable("Koreksi")).ToContainTextAsync(title);
        await dashboard.ScreenshotAsync("dasbor");
        session.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bad_upload_says_why_and_stores_nothing()
    {
        await using var session = await server.NewSessionAsync("dokumen-ditolak");
        var dashboard = await session.SignInAsAsync("staf.lumajang");
        var document = await (await dashboard.StartNewDocumentAsync()).CreateAsync("Pengukuran Kinerja Lumajang", SamplePdfs.OnePage("draf"));
        var id = document.Id;

        await document.UploadVersionAsync("Final", "bukan pdf sama sekali"u8.ToArray(), fileName: "palsu.pdf");
        document.LastStatus.ShouldBe(400);
        await Assertions.Expect(document.Alert).ToContainTextAsync("bukan PDF");
        await Assertions.Expect(document.VersionRows).ToHaveCountAsync(1);

        await document.GotoAsync(id);
        await Assertions.Expect(document.VersionRows).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Another_office_gets_404_and_an_auditor_reads_without_an_upload_form()
    {
        await using var staff = await server.NewSessionAsync("dokumen-kantor-lain");
        var dashboard = await staff.SignInAsAsync("staf.candipuro");
        var document = await (await dashboard.StartNewDocumentAsync()).CreateAsync("Laporan Kinerja Candipuro", SamplePdfs.OnePage("Candipuro"));
        var id = document.Id;

        await using var stranger = await server.NewSessionAsync("dokumen-orang-lain");
        await stranger.SignInAsAsync("staf.kanigaran");
        var seen = new DocumentPage(stranger);
        await seen.GotoAsync(id);
        seen.LastStatus.ShouldBe(404);
        await Assertions.Expect(seen.Alert).ToHaveTextAsync("Dokumen tidak ditemukan.");
        var content = await stranger.Context.APIRequest.GetAsync($"/api/documents/{id}/versions/1/content");
        content.Status.ShouldBe(404);

        await using var auditor = await server.NewSessionAsync("dokumen-auditor");
        await auditor.SignInAsAsync("auditor.inspektorat");   // the Inspektorat auditor is assigned Candipuro (auditors read only their offices)
        var read = new DocumentPage(auditor);
        await read.GotoAsync(id);
        read.LastStatus.ShouldBe(200);
        await Assertions.Expect(read.VersionRows).ToHaveCountAsync(1);
        await Assertions.Expect(read.UploadButton).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_API_accepts_the_browser_cookie_but_refuses_a_cookie_post_without_the_antiforgery_token()
    {
        await using var session = await server.NewSessionAsync("api-cookie");
        await session.SignInAsAsync("staf.pronojiwo");
        var list = await session.Context.APIRequest.GetAsync("/api/documents");
        list.Status.ShouldBe(200);

        var before = (await (await session.Context.APIRequest.GetAsync("/api/documents")).JsonAsync())!.Value.GetProperty("documents").GetArrayLength();
        var forged = await session.Context.APIRequest.PostAsync("/api/documents", new APIRequestContextOptions
        {
            Multipart = session.Context.APIRequest.CreateFormData()
                .Set("office", "pronojiwo").Set("year", "2025").Set("kind", "LKjIP").Set("title", "Palsu")
                .Set("file", new FilePayload { Name = "a.pdf", MimeType = "application/pdf", Buffer = SamplePdfs.OnePage("palsu") }),
        });
        forged.Status.ShouldBe(400);
        (await forged.TextAsync()).ShouldContain("antiforgery");
        var after = (await (await session.Context.APIRequest.GetAsync("/api/documents")).JsonAsync())!.Value.GetProperty("documents").GetArrayLength();
        after.ShouldBe(before);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
