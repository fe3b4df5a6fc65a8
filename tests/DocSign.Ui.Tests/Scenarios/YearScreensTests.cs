using DocSign.Core.Reminders;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Documents;
using DocSign.Ui.Tests.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The year's screens in a browser, each looked at on a 1366 px and a 390 px wide screen: the bell in the top bar with
/// its unread count and the notices list (marking one read lowers the count); the dashboard's LKjIP deadline; the admin's
/// Plh./Plt. screen, recording a Plh. with decree and period and ending it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class YearScreensTests(DocSignServer server)
{
    private static DateOnly TodayWib => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);

    private static async Task ShootBothAsync(UiSession session, string name)
    {
        await session.Page.SetViewportSizeAsync(1366, 900);
        await session.ScreenshotAsync(name + "-1366");
        await session.Page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync(name + "-390");
        // Nothing wider than the phone's screen: the page itself never scrolls sideways.
        (await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await session.Page.SetViewportSizeAsync(1366, 900);
    }

    /// <summary>Two reminders for the person, as the reminder run makes them (its timing is tested with a fake clock elsewhere).</summary>
    private async Task<Guid> TwoNoticesAsync(string userName, string office)
    {
        var (documentId, _) = await SignedDocuments.CreateSignedAsync(server.Services, office, $"LKjIP Kecamatan {office} Tahun 2025", kind: "laporan");
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var store = scope.ServiceProvider.GetRequiredService<INoticeStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (kind, title) in new[]
                 {
                     (NoticeKinds.DueSoon, "Pengingat: langkah 7 \"Penandatanganan\" pada LKjIP jatuh tempo besok"),
                     (NoticeKinds.Late, "Terlambat: langkah 7 \"Penandatanganan\" pada LKjIP"),
                 })
            store.Add(new Notice(Guid.NewGuid(), $"ui/{Guid.NewGuid():N}", userId, userName, office, documentId, "7-tanda-tangan", kind, title,
                $"Langkah 7 SOP \"Penandatanganan\" pada dokumen \"LKjIP Kecamatan {office} Tahun 2025\" menunggu Anda.", $"{server.BaseUrl}/dokumen/{documentId}", null, now));
        await store.SaveAsync();
        return documentId;
    }

    [Fact]
    public async Task The_bell_shows_the_unread_count_and_marking_a_notice_read_lowers_it()
    {
        var documentId = await TwoNoticesAsync("camat.pronojiwo", "pronojiwo");
        await using var camat = await server.NewSessionAsync("lonceng");
        await camat.SignInAsAsync("camat.pronojiwo");
        var bell = camat.Page.Locator("[data-lonceng]");
        await Assertions.Expect(bell.Locator("[data-belum-dibaca]")).ToHaveTextAsync("2");
        await Assertions.Expect(bell).ToHaveAttributeAsync("aria-label", "Pemberitahuan, 2 belum dibaca");
        await Assertions.Expect(camat.Page.Locator("[data-tenggat-lkjip]")).ToBeVisibleAsync();
        await Assertions.Expect(camat.Page.Locator("[data-tenggat-kantor=pronojiwo] [data-sisa-hari-kerja]")).ToHaveCountAsync(1);
        await ShootBothAsync(camat, "dasbor-lonceng-tenggat");

        await bell.ClickAsync();
        await camat.Page.WaitForURLAsync("**/pemberitahuan");
        await Assertions.Expect(camat.Page.Locator("[data-pemberitahuan]")).ToHaveCountAsync(2);
        await Assertions.Expect(camat.Page.Locator("[data-jumlah-belum-dibaca]")).ToHaveAttributeAsync("data-jumlah-belum-dibaca", "2");
        await ShootBothAsync(camat, "pemberitahuan");

        var late = camat.Page.Locator("[data-pemberitahuan].terlambat");
        await Assertions.Expect(late.GetByRole(AriaRole.Link, new() { Name = "Buka dokumen" })).ToHaveAttributeAsync("href", $"/dokumen/{documentId}");
        await late.GetByRole(AriaRole.Button, new() { Name = "Tandai sudah dibaca" }).ClickAsync();
        await Assertions.Expect(camat.Page.Locator("[data-lonceng] [data-belum-dibaca]")).ToHaveTextAsync("1");
        await Assertions.Expect(camat.Page.Locator("[data-pemberitahuan][data-dibaca=ya]")).ToHaveCountAsync(1);
        await camat.Page.GetByRole(AriaRole.Button, new() { Name = "Tandai semua sudah dibaca" }).ClickAsync();
        await Assertions.Expect(camat.Page.Locator("[data-lonceng] [data-belum-dibaca]")).ToHaveCountAsync(0);
        await Assertions.Expect(camat.Page.Locator("[data-lonceng]")).ToHaveAttributeAsync("aria-label", "Pemberitahuan, tidak ada yang belum dibaca");

        // Someone else sees none of them.
        await using var staf = await server.NewSessionAsync("lonceng-staf");
        await staf.SignInAsAsync("staf.pronojiwo");
        await staf.Page.GotoAsync("/pemberitahuan");
        await Assertions.Expect(staf.Page.Locator("[data-pemberitahuan]")).ToHaveCountAsync(0);
        camat.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_admin_records_a_Plh_with_decree_and_period_on_screen_and_ends_it()
    {
        await using var admin = await server.NewSessionAsync("plh");
        await admin.SignInAsAsync("admin");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Pengaturan" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Catat Plh. dan Plt. Camat" }).ClickAsync();
        await admin.Page.GotoAsync("/pelaksana?kantor=candipuro");
        await Assertions.Expect(admin.Page.Locator("[data-pemegang-kewenangan]")).ToContainTextAsync("Camat Candipuro");

        // The period lies ahead, so other tests' signatures in Candipuro are not routed meanwhile.
        var form = admin.Page.Locator("[data-form-penugasan]");
        await form.Locator("select[name='Form.UserName']").SelectOptionAsync("sekcam.candipuro");
        await form.GetByLabel("Plh. — Camat berhalangan sementara").CheckAsync();
        await form.GetByLabel("Nomor SK").FillAsync("800/21/427.75/2026");
        await form.GetByLabel("Tanggal SK").FillAsync(TodayWib.ToString("yyyy-MM-dd"));
        await form.GetByLabel("Mulai").FillAsync(TodayWib.AddDays(40).ToString("yyyy-MM-dd"));
        await form.GetByLabel("Sampai").FillAsync(TodayWib.AddDays(30).ToString("yyyy-MM-dd"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Catat penugasan" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Akhir masa tugas");
        await Assertions.Expect(admin.Page.Locator("[data-penugasan]")).ToHaveCountAsync(0);

        await form.GetByLabel("Sampai").FillAsync(TodayWib.AddDays(45).ToString("yyyy-MM-dd"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Catat penugasan" }).ClickAsync();
        var row = admin.Page.Locator("[data-penugasan]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Plh. Camat");
        await Assertions.Expect(row).ToContainTextAsync("800/21/427.75/2026");
        await Assertions.Expect(row).ToContainTextAsync("akan berlaku");
        await ShootBothAsync(admin, "plh-dicatat");

        await row.GetByRole(AriaRole.Button, new() { Name = "Akhiri sekarang" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("[data-penugasan]")).ToContainTextAsync("diakhiri");
        await Assertions.Expect(admin.Page.Locator("[data-pemegang-kewenangan]")).ToContainTextAsync("Camat Candipuro");
        admin.BrowserErrors.ShouldBeEmpty();
    }
}
