using System.Text.Json;
using DocSign.Core.Signing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// Penandatanganan as a Camat meets it, on a laptop (1366 × 768), a phone (390 × 844) and by touch: the real stamp on
/// the preview beside the Sekcam's paraf, dragged onto the paraf and partly off the page and snapped back onto the page
/// and clear of it, moved by the keyboard; signed, the page rendered (pdftoppm) shows two QR codes (zbarimg) that open
/// this server's public pages (the public address follows the port, as scripts/run.sh sets it) for a B-LTA signature;
/// a visitor's tampered copy gets its red sentence above the stored document's status.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StampPlacementTests(DocSignServer server)
{
    private const string Office = "kanigaran";

    [Fact]
    public async Task The_Camat_drags_the_real_stamp_beside_the_paraf_both_QR_codes_open_and_a_tampered_copy_is_named_first()
    {
        await ServerSide.SetParafRequiredAsync(server, Office, true);
        try
        {
            var title = $"Laporan Stempel {Guid.NewGuid():N}"[..30];
            var final = SamplePdfs.MultiPageText(2);
            var id = await ParafGivenAsync(title, final);
            var paraf = (await RecordsAsync(id)).Single(r => r.Kind == SignatureKind.Paraf);
            var parafBox = new StampPlacement(paraf.Page!.Value, paraf.X!.Value, paraf.Y!.Value, paraf.Width!.Value, paraf.Height!.Value);
            parafBox.Page.ShouldBe(2);
            var pageSize = LayoutOf(final).Pages[1];

            await PhoneShowsStampNearPassphraseAsync(id);
            await TouchDragsTheStampAsync(id, parafBox, pageSize);

            await using var camat = await server.NewSessionAsync("stempel-laptop", 1366, 768);
            await camat.SignInAsAsync("camat." + Office);
            var signing = new PenandatangananPage(camat);
            await signing.GotoAsync(id);
            await signing.WaitForViewerAsync();
            await Assertions.Expect(signing.Stamp).ToHaveCountAsync(1);
            // The real stamp: its lines, and the QR code's square.
            await Assertions.Expect(signing.Stamp).ToContainTextAsync("Ditandatangani secara elektronik oleh");
            await Assertions.Expect(signing.Stamp).ToContainTextAsync("Camat Kanigaran");
            await Assertions.Expect(signing.Stamp.Locator(".stempel-qr")).ToHaveCountAsync(1);
            await Assertions.Expect(signing.Strength).ToContainTextAsync("Berlaku jangka panjang: dapat diperiksa walau sertifikat kedaluwarsa");
            // Who prepared it, by the name on record (not the account name).
            await Assertions.Expect(signing.PreparedBy).ToBeVisibleAsync();
            (await signing.PreparedBy.InnerTextAsync()).ShouldNotContain("staf.");
            (await camat.Page.InnerTextAsync("main")).ShouldNotContain("titik PDF");
            await Assertions.Expect(signing.X).Not.ToBeVisibleAsync();   // the numbers wait in "Atur manual"
            var (sign, back) = ((await signing.SignButton.BoundingBoxAsync())!, (await signing.ReturnButton.BoundingBoxAsync())!);
            Math.Abs(sign.Y - back.Y).ShouldBeLessThan(4, "Tandatangani and Kembalikan side by side");
            sign.Height.ShouldBeGreaterThanOrEqualTo(44);

            // The default place already stands beside the paraf: same page, clear of it, wholly on the page.
            var start = await BoxAsync(signing);
            start.Page.ShouldBe(2);
            ShouldBeOnPageAndClear(start, pageSize, parafBox);
            await ShouldBeNearAsync(signing, camat, 768);
            await signing.ScreenshotAsync("tempat-bawaan-di-samping-paraf");

            // Dragged with the mouse up and past the page's right edge: it snaps back, flush with the edge.
            await signing.Stamp.ScrollIntoViewIfNeededAsync();
            var holder = (await signing.PdfPage(2).BoundingBoxAsync())!;
            var scale = holder.Width / pageSize.Width;
            var from = (await signing.Stamp.BoundingBoxAsync())!;
            // Over the page the stamp-to-be follows the mouse: the same stamp, faint, where a click would put it.
            await camat.Page.Mouse.MoveAsync(holder.X + 30, from.Y - 60);
            var ghost = camat.Page.Locator(".stempel-bayang");
            await Assertions.Expect(ghost).ToContainTextAsync("Ditandatangani secara elektronik oleh");
            var ghostBox = (await ghost.BoundingBoxAsync())!;
            ghostBox.Width.ShouldBe(from.Width, 1.5);
            await signing.ScreenshotAsync("stempel-mengikuti-penunjuk");
            await DragAsync(camat, from.X + 10, from.Y + 10, holder.X + holder.Width - 20, from.Y + 10 - 150);
            var pulled = await BoxAsync(signing);
            pulled.X.ShouldBe(pageSize.Width - pulled.Width, 0.01);
            pulled.Y.ShouldBeGreaterThan(start.Y + 100 / scale);
            ShouldBeOnPageAndClear(pulled, pageSize, parafBox);
            await signing.ScreenshotAsync("stempel-digeser-ke-tepi-kanan");

            // Dropped right on the paraf, sticking out of the page's bottom: it lands on the page and clear of the paraf.
            // (The viewer scrolled to the page's foot, where the paraf is; the page scrolled so that the viewer shows.)
            await signing.Viewer.EvaluateAsync("v => { v.scrollTop = v.scrollHeight; v.scrollIntoView({ block: 'end' }); }");
            holder = (await signing.PdfPage(2).BoundingBoxAsync())!;
            from = (await signing.Stamp.BoundingBoxAsync())!;
            var parafTopLeftX = holder.X + (float)(parafBox.X * scale);
            var parafTopLeftY = holder.Y + (float)((pageSize.Height - parafBox.Y - parafBox.Height) * scale);
            await DragAsync(camat, from.X + 10, from.Y + 10, parafTopLeftX + 10 + 20 * scale, parafTopLeftY + 10 + 40 * scale);
            var dropped = await BoxAsync(signing);
            dropped.ShouldNotBe(pulled);
            ShouldBeOnPageAndClear(dropped, pageSize, parafBox);
            await Assertions.Expect(signing.StampWhere).ToContainTextAsync("halaman 2");
            await signing.ScreenshotAsync("stempel-dijatuhkan-di-atas-paraf-dan-menempel-di-sampingnya");

            // The keyboard moves it too (Tab reaches it; arrows move it 4 points).
            await signing.Stamp.FocusAsync();
            await camat.Page.Keyboard.PressAsync("ArrowUp");
            var up = await BoxAsync(signing);
            up.Y.ShouldBe(dropped.Y + 4, 0.01);
            ShouldBeOnPageAndClear(up, pageSize, parafBox);

            await signing.SignAsync(SamplePki.Passphrase);
            signing.LastStatus.ShouldBe(200);
            await Assertions.Expect(signing.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
            await Assertions.Expect(signing.Strength).ToHaveAttributeAsync("data-kekuatan", "B-LTA");
            await signing.WaitForViewerAsync();
            await signing.ScreenshotAsync("paraf-dan-tanda-tangan-berdampingan");
            var record = (await RecordsAsync(id)).Single(r => r.Kind == SignatureKind.Sign);
            record.Level.ShouldBe(SignatureLevel.BLTA);
            (record.Page, record.X, record.Y).ShouldBe((up.Page, up.X, up.Y));

            // Both QR codes on the printed page decode to this server's public pages, which open.
            var signed = await (await camat.Context.APIRequest.GetAsync($"/api/documents/{id}/versions/{record.VersionNumber}/content")).BodyAsync();
            var urls = QrCodesOnPage(signed, 2);
            urls.Count.ShouldBe(2, string.Join(" | ", urls));
            urls.ShouldAllBe(u => u.StartsWith(server.BaseUrl + "/v/", StringComparison.Ordinal));
            urls.ShouldContain($"{server.BaseUrl}/v/{paraf.PublicId}");
            urls.ShouldContain($"{server.BaseUrl}/v/{record.PublicId}");
            await using var visitor = await server.NewSessionAsync("stempel-publik");
            foreach (var url in urls)
            {
                var response = await visitor.Context.APIRequest.GetAsync(url);
                response.Status.ShouldBe(200);
                (await response.TextAsync()).ShouldContain(title);
            }

            await TamperedCopyIsNamedFirstAsync(visitor, $"/v/{record.PublicId}", signed, "laptop");
            await using var phoneVisitor = await server.NewSessionAsync("stempel-publik-ponsel", 390, 844);
            await TamperedCopyIsNamedFirstAsync(phoneVisitor, $"/v/{record.PublicId}", signed, "ponsel");
            camat.BrowserErrors.ShouldBeEmpty();
        }
        finally
        {
            await ServerSide.SetParafRequiredAsync(server, Office, false);
        }
    }

    [Fact]
    public async Task In_a_SOP_run_the_signing_screen_says_the_step_of_how_many_and_who_prepared_and_who_approved()
    {
        await using var walk = new SopWalk(server, Office);
        var title = $"LKjIP Langkah {Guid.NewGuid():N}"[..28];
        await walk.ToKanigaranSignStepAsync(title);

        foreach (var (device, width, height) in new[] { ("laptop", 1366, 768), ("ponsel", 390, 844) })
        {
            await using var camat = await server.NewSessionAsync("stempel-langkah-" + device, width, height);
            await camat.SignInAsAsync("camat." + Office);
            var signing = new PenandatangananPage(camat);
            await signing.GotoAsync(walk.DocumentId);
            await signing.WaitForViewerAsync();
            await Assertions.Expect(signing.Step).ToHaveAttributeAsync("data-langkah", "7");
            var count = int.Parse((await signing.Step.GetAttributeAsync("data-langkah-dari"))!);
            count.ShouldBeGreaterThan(7);
            await Assertions.Expect(signing.Step).ToContainTextAsync($"Langkah 7 dari {count}");
            // People by the names on record, with the post they held in the SOP, never account names.
            var prepared = await signing.PreparedBy.InnerTextAsync();
            var approved = await signing.ApprovedBy.InnerTextAsync();
            prepared.ShouldNotContain("staf.");
            approved.ShouldNotContain("kasubbag-program.");
            prepared.ShouldContain(",");
            approved.ShouldContain(",");
            await ShouldBeNearAsync(signing, camat, height);
            (await SeriousAxeViolationsAsync(camat)).ShouldBeEmpty();
            await signing.ScreenshotAsync("langkah-dan-orang");
            camat.BrowserErrors.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task After_wrong_passphrases_the_wait_counts_down_and_the_button_comes_back_at_zero()
    {
        var title = $"Laporan Tunggu {Guid.NewGuid():N}"[..30];
        var id = await SubmittedAsync(title, SamplePdfs.MultiPageText(1));
        await using var camat = await server.NewSessionAsync("stempel-tunggu", 390, 844);
        await camat.SignInAsAsync("camat." + Office);
        var signing = new PenandatangananPage(camat);
        await signing.GotoAsync(id);
        for (var i = 0; i < 3; i++)
        {
            await signing.WaitForViewerAsync();
            await signing.SignAsync("bukan-passphrase");
            signing.LastStatus.ShouldBe(400);
        }
        await Assertions.Expect(signing.Countdown).ToBeVisibleAsync();
        var seconds = int.Parse(await signing.Countdown.GetAttributeAsync("data-tunggu-detik") ?? "0");
        seconds.ShouldBeInRange(1, 30);
        await Assertions.Expect(signing.SignButton).ToBeDisabledAsync();
        var shown = signing.Countdown.Locator("[data-sisa-detik]");
        // It counts down: the number shown falls below the server's figure while the button stays disabled.
        await Assertions.Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^({string.Join('|', Enumerable.Range(1, Math.Max(1, seconds - 1)))})$"),
            new() { Timeout = 5_000 });
        await Assertions.Expect(signing.SignButton).ToBeDisabledAsync();
        await signing.ScreenshotAsync("menunggu-sesudah-passphrase-salah");
        // At zero the button comes back (the server's wait is over too: the right passphrase signs).
        await Assertions.Expect(signing.SignButton).ToBeEnabledAsync(new() { Timeout = (seconds + 5) * 1000 });
        await Assertions.Expect(signing.Countdown).ToContainTextAsync("Silakan coba lagi");
        await signing.SignAsync(SamplePki.Passphrase);
        await Assertions.Expect(signing.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
        camat.BrowserErrors.ShouldBeEmpty();
    }

    /// <summary>Staff upload the final and the Sekcam submits it to the Camat (the generic route).</summary>
    private async Task<Guid> SubmittedAsync(string title, byte[] final)
    {
        await using var staf = await server.NewSessionAsync("stempel-staf");
        var dashboard = await staf.SignInAsAsync("staf." + Office);
        var document = await (await dashboard.StartNewDocumentAsync()).CreateAsync(title, SamplePdfs.OnePage(title), year: "2025", kind: "laporan");
        var id = document.Id;
        await document.UploadVersionAsync("Final", final, "Versi final");
        await using var sekcam = await server.NewSessionAsync("stempel-sekcam");
        await sekcam.SignInAsAsync("sekcam." + Office);
        var docPage = new DocumentPage(sekcam);
        await docPage.GotoAsync(id);
        await docPage.SubmitToCamatAsync();
        return id;
    }

    /// <summary>Staff upload the final, the Sekcam submits it and gives his paraf at its default place.</summary>
    private async Task<Guid> ParafGivenAsync(string title, byte[] final)
    {
        var id = await SubmittedAsync(title, final);
        await using var sekcam = await server.NewSessionAsync("stempel-paraf");
        await sekcam.SignInAsAsync("sekcam." + Office);
        var paraf = new PenandatangananPage(sekcam);
        await paraf.GotoAsync(id, "paraf");
        await paraf.WaitForViewerAsync();
        await Assertions.Expect(paraf.Stamp).ToContainTextAsync("Diparaf secara elektronik oleh");
        await paraf.ParafAsync(SamplePki.Passphrase);
        await Assertions.Expect(paraf.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
        return id;
    }

    /// <summary>On a phone the stamp (scrolled into the viewer) and the passphrase field are one screen apart at most.</summary>
    private async Task PhoneShowsStampNearPassphraseAsync(Guid id)
    {
        await using var phone = await server.NewSessionAsync("stempel-ponsel", 390, 844);
        await phone.SignInAsAsync("camat." + Office);
        var signing = new PenandatangananPage(phone);
        await signing.GotoAsync(id);
        await signing.WaitForViewerAsync();
        await Assertions.Expect(signing.Stamp).ToBeVisibleAsync();
        await ShouldBeNearAsync(signing, phone, 844);
        foreach (var button in await phone.Page.Locator("main button:visible").AllAsync())
            (await button.BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44, await button.InnerTextAsync());
        (await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue("no sideways scroll");
        await signing.ScreenshotAsync("penandatanganan-ponsel");

        // Resizing does not redraw the PDF at every event: twenty resize events and a phone turned give one redraw.
        await Assertions.Expect(signing.Viewer).ToHaveAttributeAsync("data-gambar", "1");
        await phone.Page.EvaluateAsync("() => { for (let i = 0; i < 20; i++) window.dispatchEvent(new Event('resize')); }");
        await phone.Page.SetViewportSizeAsync(844, 390);
        await phone.Page.WaitForFunctionAsync("() => Number(document.querySelector('.penampil').dataset.gambar) >= 2");
        (await signing.Viewer.GetAttributeAsync("data-gambar")).ShouldBe("2");
        await Assertions.Expect(signing.Stamp).ToBeVisibleAsync();   // put back on the redrawn page
        phone.BrowserErrors.ShouldBeEmpty();
    }

    /// <summary>A finger (a touch context, touch events through the browser's own input) drags the stamp; it snaps.</summary>
    private async Task TouchDragsTheStampAsync(Guid id, StampPlacement parafBox, PageSize pageSize)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, Locale = "id-ID", TimezoneId = "Asia/Jakarta",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        context.SetDefaultTimeout(20_000);
        await using var touch = new UiSession(server, context, await context.NewPageAsync(), "stempel-sentuh");
        await touch.SignInAsAsync("camat." + Office);
        var signing = new PenandatangananPage(touch);
        await signing.GotoAsync(id);
        await signing.WaitForViewerAsync();
        var start = await BoxAsync(signing);
        await signing.Stamp.ScrollIntoViewIfNeededAsync();
        var stamp = (await signing.Stamp.BoundingBoxAsync())!;
        var holder = (await signing.PdfPage(2).BoundingBoxAsync())!;
        var cdp = await context.NewCDPSessionAsync(touch.Page);
        double x = stamp.X + stamp.Width / 2, y = stamp.Y + stamp.Height / 2;
        // Up and past the page's right edge: the drop must land wholly on the page (and clear of the paraf).
        double toX = holder.X + holder.Width - 5, toY = y - 150;
        await Touch(cdp, "touchStart", x, y);
        for (var i = 1; i <= 10; i++) await Touch(cdp, "touchMove", x + (toX - x) * i / 10, y + (toY - y) * i / 10);
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });
        await Assertions.Expect(signing.X).Not.ToHaveValueAsync(start.X.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var dropped = await BoxAsync(signing);
        ShouldBeOnPageAndClear(dropped, pageSize, parafBox);
        await signing.ScreenshotAsync("stempel-digeser-dengan-jari");
        touch.BrowserErrors.ShouldBeEmpty();
    }

    private static async Task DragAsync(UiSession session, double fromX, double fromY, double toX, double toY)
    {
        await session.Page.Mouse.MoveAsync((float)fromX, (float)fromY);
        await session.Page.Mouse.DownAsync();
        await session.Page.Mouse.MoveAsync((float)toX, (float)toY, new() { Steps = 12 });
        await session.Page.Mouse.UpAsync();
    }

    private static Task Touch(ICDPSession cdp, string type, double x, double y) =>
        cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type, ["touchPoints"] = new[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });

    /// <summary>A visitor uploads a changed copy: the red sentence is the first thing, the stored status after it; no sign-in link.</summary>
    private static async Task TamperedCopyIsNamedFirstAsync(UiSession visitor, string path, byte[] signed, string device)
    {
        var page = new PublicVerificationPage(visitor);
        await page.GotoAsync(path);
        var tampered = (byte[])signed.Clone();
        tampered[tampered.Length / 3] ^= 0x20;
        await page.CompareAsync(tampered);
        var verdict = visitor.Page.Locator("[data-hasil-salinan]");
        await Assertions.Expect(verdict).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("tidak-sah"));
        await Assertions.Expect(verdict).ToContainTextAsync("Salinan Anda BERBEDA dari dokumen yang ditandatangani");
        var first = (await verdict.BoundingBoxAsync())!;
        var stored = (await page.Verdict.BoundingBoxAsync())!;
        first.Y.ShouldBeLessThan(stored.Y);
        (await visitor.Page.Locator("main h1 ~ *").First.GetAttributeAsync("data-hasil-salinan")).ShouldNotBeNull();
        await Assertions.Expect(visitor.Page.Locator("a[href^='/verifikasi'], a[href^='/masuk']")).ToHaveCountAsync(0);
        (await SeriousAxeViolationsAsync(visitor)).ShouldBeEmpty();
        await page.ScreenshotAsync("salinan-diubah-" + device);
        visitor.BrowserErrors.ShouldBeEmpty();
    }

    /// <summary>axe-core's serious and critical findings on the page as it stands (the stamp drawn on the preview).</summary>
    private static async Task<List<string>> SeriousAxeViolationsAsync(UiSession session)
    {
        await session.Page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(SamplePki.RepoRoot, "tools", "node", "node_modules", "axe-core", "axe.min.js")));
        var found = await session.Page.EvaluateAsync<JsonElement>("async () => (await axe.run(document)).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | '))");
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static async Task ShouldBeNearAsync(PenandatangananPage signing, UiSession session, int viewportHeight)
    {
        await signing.Passphrase.ScrollIntoViewIfNeededAsync();
        var stamp = (await signing.Stamp.BoundingBoxAsync())!;
        var field = (await signing.Passphrase.BoundingBoxAsync())!;
        var top = Math.Min(stamp.Y, field.Y);
        var bottom = Math.Max(stamp.Y + stamp.Height, field.Y + field.Height);
        (bottom - top).ShouldBeLessThanOrEqualTo(viewportHeight, $"stamp at {stamp.Y}, passphrase at {field.Y} ({session.Scenario})");
    }

    private static void ShouldBeOnPageAndClear(StampPlacement box, PageSize page, StampPlacement other)
    {
        StampSpots.Inside(box, page.Width, page.Height).ShouldBeTrue($"{box} on a {page} page");
        StampSpots.Overlaps(box, other).ShouldBeFalse($"{box} covers {other}");
    }

    private static async Task<StampPlacement> BoxAsync(PenandatangananPage signing)
    {
        var (page, x, y, w, h) = await signing.BoxAsync();
        return new StampPlacement(page, x, y, w, h);
    }

    private DocumentLayout LayoutOf(byte[] pdf)
    {
        using var scope = server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ISignatureService>().Layout(new MemoryStream(pdf));
    }

    private async Task<IReadOnlyList<SignatureRecord>> RecordsAsync(Guid id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISignatureRecords>().ListForDocumentAsync(id);
    }

    /// <summary>What the QR codes on page <paramref name="page"/> say, as a printer renders it (pdftoppm) and a phone reads it (zbarimg).</summary>
    private static List<string> QrCodesOnPage(byte[] pdf, int page)
    {
        var file = Path.Combine(Path.GetTempPath(), $"docsign-qr-{Guid.NewGuid():N}");
        File.WriteAllBytes(file + ".pdf", pdf);
        try
        {
            var rendered = ExternalTool.Run("pdftoppm", ["-r", "300", "-f", $"{page}", "-l", $"{page}", "-singlefile", "-png", file + ".pdf", file]);
            rendered.ExitCode.ShouldBe(0, rendered.Output);
            var zbar = ExternalTool.Run("zbarimg", ["--quiet", "--raw", file + ".png"]);
            zbar.ExitCode.ShouldBe(0, zbar.Output);
            return zbar.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }
        finally
        {
            File.Delete(file + ".pdf");
            File.Delete(file + ".png");
        }
    }
}
