using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The admin screens used for real by an office's own admin (<c>admin-kantor.&lt;office&gt;</c>): he gives a person a
/// role and the person's profile follows, locks and unlocks an account and its sign-in follows, turns the paraf rule
/// on and the Camat's signing page waits for the paraf, off and it does not; a bad letter pattern is refused and
/// changes nothing. A Camat and another office's admin are refused, also for posts the screen never offered.
/// Screenshots in a desktop and a phone viewport.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminScreensTests(DocSignServer server)
{
    private const int PhoneWidth = 390;

    /// <summary>How many pixels the page is wider than the screen (0: no sideways scrolling).</summary>
    private static Task<int> OverflowAsync(UiSession session) =>
        session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    [Fact]
    public async Task An_office_admin_gives_a_role_and_locks_and_unlocks_an_account_on_screen()
    {
        await using var admin = await server.NewSessionAsync("admin-pengguna");
        await admin.SignInAsAsync("admin-kantor.pronojiwo");
        var hub = new PengaturanPage(admin);
        await hub.OpenFromMenuAsync();
        hub.LastStatus.ShouldBe(200);
        await Assertions.Expect(hub.Office("pronojiwo")).ToBeVisibleAsync();
        await Assertions.Expect(hub.Office("kanigaran")).ToHaveCountAsync(0);   // his office only
        await Assertions.Expect(hub.ServiceWide).ToHaveCountAsync(0);
        await hub.ScreenshotAsync("pengaturan");
        await hub.OpenAsync("pronojiwo", "Atur pengguna dan peran");

        hub.LastStatus.ShouldBe(200);
        var users = new PenggunaPage(admin);
        await Assertions.Expect(users.Heading).ToContainTextAsync("Pengguna dan peran — Kecamatan Pronojiwo");
        await Assertions.Expect(users.RoleOf("staf.pronojiwo")).ToHaveTextAsync("Staf");
        var staffName = await users.NameOfAsync("staf.pronojiwo");
        try
        {
            // A role given here is the person's jabatan at his next request.
            await users.GiveRoleAsync("staf.pronojiwo", staffName, "Kasi / Lurah");
            users.LastStatus.ShouldBe(200);
            await Assertions.Expect(users.Notice).ToContainTextAsync($"{staffName} kini Kasi / Lurah di Kecamatan Pronojiwo");
            await Assertions.Expect(users.RoleOf("staf.pronojiwo")).ToHaveTextAsync("Kasi / Lurah");
            await users.ScreenshotAsync("peran-diberikan");
            await using (var person = await server.NewSessionAsync("admin-pengguna-orang"))
            {
                await person.SignInAsAsync("staf.pronojiwo");
                var profile = new ProfilPage(person);
                await profile.GotoAsync();
                await Assertions.Expect(profile.Jabatan).ToContainTextAsync("Kasi / Lurah, Kecamatan Pronojiwo");
            }

            // Bad input: an unknown role, posted as the form never offers it, is refused and changes nothing.
            (await Forged.PostAsync(admin, "/pengaturan/pronojiwo/pengguna?handler=Peran",
                new Dictionary<string, string> { ["akun"] = "staf.pronojiwo", ["peran"] = "raja" })).ShouldBe(400);
            await Assertions.Expect(users.Alert).ToContainTextAsync("Peran itu tidak dikenal");
            await Assertions.Expect(users.RoleOf("staf.pronojiwo")).ToHaveTextAsync("Kasi / Lurah");
            // Nor may he take away his own admin role.
            var own = await users.NameOfAsync("admin-kantor.pronojiwo");
            await users.GiveRoleAsync("admin-kantor.pronojiwo", own, "Staf");
            users.LastStatus.ShouldBe(400);
            await Assertions.Expect(users.Alert).ToContainTextAsync("tidak dapat mencabut peran admin kantor Anda sendiri");
            await users.GotoAsync("pronojiwo");
            await Assertions.Expect(users.RoleOf("admin-kantor.pronojiwo")).ToHaveTextAsync("Admin kantor");
        }
        finally
        {
            await users.GotoAsync("pronojiwo");
            await users.GiveRoleAsync("staf.pronojiwo", staffName, "Staf");
        }
        await Assertions.Expect(users.RoleOf("staf.pronojiwo")).ToHaveTextAsync("Staf");

        // Lock: the person can no longer sign in. Unlock: he can again.
        var kasiName = await users.NameOfAsync("kasi.pronojiwo");
        await users.LockAsync(kasiName);
        users.LastStatus.ShouldBe(200);
        try
        {
            await Assertions.Expect(users.Notice).ToContainTextAsync($"Akun {kasiName} dikunci");
            await Assertions.Expect(users.StateOf("kasi.pronojiwo")).ToHaveTextAsync("Terkunci: tidak dapat masuk");
            await users.ScreenshotAsync("akun-terkunci");
            await using (var locked = await server.NewSessionAsync("admin-pengguna-terkunci"))
            {
                var masuk = await locked.OpenMasukAsync();
                await masuk.TrySignInAsync("kasi.pronojiwo", DocSignServer.DemoPassword);
                await Assertions.Expect(locked.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/masuk"));
                await Assertions.Expect(masuk.Alert).ToBeVisibleAsync();
            }
        }
        finally
        {
            await users.GotoAsync("pronojiwo");
            await users.UnlockAsync(kasiName);
        }
        await Assertions.Expect(users.Notice).ToContainTextAsync($"Kunci akun {kasiName} dibuka");
        await Assertions.Expect(users.StateOf("kasi.pronojiwo")).ToHaveTextAsync("Aktif");
        await using (var unlocked = await server.NewSessionAsync("admin-pengguna-dibuka"))
            await unlocked.SignInAsAsync("kasi.pronojiwo");

        // The same screen on a phone: no sideways scrolling, buttons a thumb can hit.
        await using var phone = await server.NewSessionAsync("admin-pengguna-ponsel", width: PhoneWidth, height: 844);
        await phone.SignInAsAsync("admin-kantor.pronojiwo");
        var onPhone = new PenggunaPage(phone);
        await onPhone.GotoAsync("pronojiwo");
        (await OverflowAsync(phone)).ShouldBeLessThanOrEqualTo(1);
        var smallest = await phone.Page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('main button')].map(b => b.getBoundingClientRect().height))");
        smallest.ShouldBeGreaterThanOrEqualTo(44);
        await onPhone.ScreenshotAsync("pengguna-ponsel");
        admin.BrowserErrors.ShouldBeEmpty();
        phone.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_paraf_rule_changed_on_screen_is_what_the_Camat_signing_page_follows()
    {
        await using var admin = await server.NewSessionAsync("admin-paraf");
        await admin.SignInAsAsync("admin-kantor.kanigaran");
        var rules = new AturanPenandatangananPage(admin);
        try
        {
            await rules.GotoAsync("kanigaran");
            rules.LastStatus.ShouldBe(200);
            await Assertions.Expect(rules.ParafRequired).Not.ToBeCheckedAsync();
            await rules.SetParafRequiredAsync(true);
            rules.LastStatus.ShouldBe(200);
            await Assertions.Expect(rules.Notice).ToContainTextAsync("paraf wajib sebelum Camat menandatangani");
            await Assertions.Expect(rules.ParafRequired).ToBeCheckedAsync();
            await rules.ScreenshotAsync("paraf-wajib");

            // A document on the generic route, put to the Camat by the Sekcam.
            await using var staf = await server.NewSessionAsync("admin-paraf-staf");
            var dashboard = await staf.SignInAsAsync("staf.kanigaran");
            var title = $"Laporan Aturan Paraf {Guid.NewGuid():N}"[..32];
            var document = await (await dashboard.StartNewDocumentAsync()).CreateAsync(title, SamplePdfs.OnePage(title), year: "2025", kind: "laporan");
            var id = document.Id;
            await document.UploadVersionAsync("Final", SamplePdfs.MultiPageText(2), "Versi final");
            await using var sekcam = await server.NewSessionAsync("admin-paraf-sekcam");
            await sekcam.SignInAsAsync("sekcam.kanigaran");
            var docPage = new DocumentPage(sekcam);
            await docPage.GotoAsync(id);
            await docPage.SubmitToCamatAsync();
            await Assertions.Expect(docPage.Notice).ToContainTextAsync("diajukan kepada Camat");

            await using var camat = await server.NewSessionAsync("admin-paraf-camat");
            await camat.SignInAsAsync("camat.kanigaran");
            var signing = new PenandatangananPage(camat);
            await signing.GotoAsync(id);
            await Assertions.Expect(signing.Blocked).ToContainTextAsync("belum diparaf");
            await Assertions.Expect(signing.SignButton).ToHaveCountAsync(0);

            // The rule off again: the same document goes straight to the Camat's signature.
            await rules.GotoAsync("kanigaran");
            await rules.SetParafRequiredAsync(false);
            await Assertions.Expect(rules.Notice).ToContainTextAsync("Camat menandatangani tanpa paraf");
            await signing.GotoAsync(id);
            await Assertions.Expect(signing.Blocked).ToHaveCountAsync(0);
            await Assertions.Expect(signing.SignButton).ToBeVisibleAsync();

            // The cover-letter settings save as they are (the same handler as the letter-template API).
            await rules.GotoAsync("kanigaran");
            var auto = await rules.AutoNumber.IsCheckedAsync();
            await rules.SaveCoverLetterAsync();
            await Assertions.Expect(rules.Notice).ToContainTextAsync("Pengaturan surat pengantar disimpan");
            (await rules.AutoNumber.IsCheckedAsync()).ShouldBe(auto);

            await using var phone = await server.NewSessionAsync("admin-paraf-ponsel", width: PhoneWidth, height: 844);
            await phone.SignInAsAsync("admin-kantor.kanigaran");
            var onPhone = new AturanPenandatangananPage(phone);
            await onPhone.GotoAsync("kanigaran");
            (await OverflowAsync(phone)).ShouldBeLessThanOrEqualTo(1);
            await onPhone.ScreenshotAsync("aturan-ponsel");
            admin.BrowserErrors.ShouldBeEmpty();
        }
        finally
        {
            await ServerSide.SetParafRequiredAsync(server, "kanigaran", false);
        }
    }

    [Fact]
    public async Task A_bad_number_pattern_is_refused_in_Bahasa_and_changes_nothing()
    {
        await using var admin = await server.NewSessionAsync("admin-surat");
        await admin.SignInAsAsync("admin-kantor.lumajang");
        var letters = new PengaturanSuratPage(admin);
        await letters.GotoAsync("lumajang");
        letters.LastStatus.ShouldBe(200);
        var pattern = await letters.Pattern.InputValueAsync();
        var sample = await letters.Sample.InnerTextAsync();
        await Assertions.Expect(letters.KopLink).ToHaveAttributeAsync("href", "/kop-surat?office=lumajang");
        await letters.ScreenshotAsync("surat");

        await letters.Pattern.FillAsync("{tahun}");
        await letters.SaveAsync();
        letters.LastStatus.ShouldBe(400);
        await Assertions.Expect(letters.Alert).ToBeVisibleAsync();
        await Assertions.Expect(letters.Pattern).ToHaveValueAsync("{tahun}");   // what he typed stays for him to mend
        await letters.ScreenshotAsync("surat-ditolak");
        await letters.GotoAsync("lumajang");
        await Assertions.Expect(letters.Pattern).ToHaveValueAsync(pattern);
        await Assertions.Expect(letters.Sample).ToHaveTextAsync(sample);

        // Saved as it was: accepted, with the sample number it gives.
        await letters.SaveAsync();
        letters.LastStatus.ShouldBe(200);
        await Assertions.Expect(letters.Notice).ToContainTextAsync("Pengaturan surat disimpan. Contoh nomor:");

        await using var phone = await server.NewSessionAsync("admin-surat-ponsel", width: PhoneWidth, height: 844);
        await phone.SignInAsAsync("admin-kantor.lumajang");
        var onPhone = new PengaturanSuratPage(phone);
        await onPhone.GotoAsync("lumajang");
        (await OverflowAsync(phone)).ShouldBeLessThanOrEqualTo(1);
        await onPhone.ScreenshotAsync("surat-ponsel");
    }

    [Fact]
    public async Task The_office_admin_edits_the_SOP_role_mapping_and_the_kop_of_his_own_office()
    {
        await using var admin = await server.NewSessionAsync("admin-sop");
        await admin.SignInAsAsync("admin-kantor.candipuro");
        var sop = new SopPage(admin);
        await sop.GotoAsync("candipuro");
        await Assertions.Expect(sop.EditForm).ToBeVisibleAsync();
        await sop.SaveAsync();
        sop.LastStatus.ShouldBe(200);
        await Assertions.Expect(sop.Notice).ToContainTextAsync("Pemetaan peran SOP Kecamatan Candipuro tersimpan");
        await sop.ScreenshotAsync("pemetaan-sop");

        var kop = await admin.Page.GotoAsync("/kop-surat?office=candipuro");
        kop!.Status.ShouldBe(200);
        await admin.ScreenshotAsync("kop-surat");
        (await admin.Page.GotoAsync("/kop-surat?office=kanigaran"))!.Status.ShouldBe(403);
    }

    public static TheoryData<string, string, int> Refusals => new()
    {
        // A Camat is a member, not an admin: refused with the reason.
        { "camat.pronojiwo", "/pengaturan", 403 },
        { "camat.pronojiwo", "/pengaturan/pronojiwo/pengguna", 403 },
        { "camat.pronojiwo", "/pengaturan/pronojiwo/penandatanganan", 403 },
        { "camat.pronojiwo", "/pengaturan/pronojiwo/surat", 403 },
        // Another office's admin learns nothing about this office.
        { "admin-kantor.candipuro", "/pengaturan/pronojiwo/pengguna", 404 },
        { "admin-kantor.candipuro", "/pengaturan/pronojiwo/penandatanganan", 404 },
        { "admin-kantor.candipuro", "/pengaturan/pronojiwo/surat", 404 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Others_are_refused_the_admin_screens(string user, string path, int status)
    {
        await using var session = await server.NewSessionAsync("admin-ditolak-" + user);
        await session.SignInAsAsync(user);
        await Assertions.Expect(new PengaturanPage(session).MenuLink).ToHaveCountAsync(user.StartsWith("admin-kantor", StringComparison.Ordinal) ? 1 : 0);
        var response = await session.Page.GotoAsync(path);
        response!.Status.ShouldBe(status);
        await Assertions.Expect(session.Page.Locator("[data-penolakan]")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.Locator("form[method=post] select, form[data-form-surat], form[data-form-aturan]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_post_the_screen_never_offered_to_another_office_changes_nothing()
    {
        await using var other = await server.NewSessionAsync("admin-ditolak-kiriman");
        await other.SignInAsAsync("admin-kantor.candipuro");
        await other.Page.GotoAsync("/pengaturan");
        (await Forged.PostAsync(other, "/pengaturan/pronojiwo/pengguna?handler=Kunci",
            new Dictionary<string, string> { ["akun"] = "sekcam.pronojiwo" })).ShouldBe(404);
        (await Forged.PostAsync(other, "/pengaturan/pronojiwo/penandatanganan?handler=Aturan",
            new Dictionary<string, string> { ["paraf"] = "true" })).ShouldBe(404);

        await using var camat = await server.NewSessionAsync("admin-ditolak-kiriman-camat");
        await camat.SignInAsAsync("camat.pronojiwo");
        (await Forged.PostAsync(camat, "/pengaturan/pronojiwo/pengguna?handler=Peran",
            new Dictionary<string, string> { ["akun"] = "camat.pronojiwo", ["peran"] = "admin-kantor" })).ShouldBe(403);

        await using var admin = await server.NewSessionAsync("admin-ditolak-kiriman-admin");
        await admin.SignInAsAsync("admin-kantor.pronojiwo");
        var users = new PenggunaPage(admin);
        await users.GotoAsync("pronojiwo");
        await Assertions.Expect(users.StateOf("sekcam.pronojiwo")).ToHaveTextAsync("Aktif");
        await Assertions.Expect(users.RoleOf("camat.pronojiwo")).ToHaveTextAsync("Camat");
        var rules = new AturanPenandatangananPage(admin);
        await rules.GotoAsync("pronojiwo");
        await Assertions.Expect(rules.ParafRequired).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Menus_name_tasks_enrolment_is_in_the_signer_profile_and_the_auditor_has_the_audit_trail()
    {
        await using var camat = await server.NewSessionAsync("menu-camat");
        await camat.SignInAsAsync("camat.kanigaran");
        var profile = new ProfilPage(camat);
        await Assertions.Expect(camat.Page.GetByRole(AriaRole.Link, new() { Name = "Penanda tangan", Exact = true })).ToHaveCountAsync(0);
        await profile.MenuLink.ClickAsync();
        await Assertions.Expect(profile.Jabatan).ToContainTextAsync("Camat, Kecamatan Kanigaran");
        await Assertions.Expect(profile.Certificates).ToContainTextAsync("Tanda tangan sebagai");
        await Assertions.Expect(profile.EnrolLink).ToHaveAttributeAsync("href", "/penanda-tangan");
        await profile.ScreenshotAsync("profil-camat");

        await using var kasubag = await server.NewSessionAsync("menu-kasubag");
        await kasubag.SignInAsAsync("kasubag-umum.kanigaran");
        var theirs = new ProfilPage(kasubag);
        await theirs.GotoAsync();
        await Assertions.Expect(theirs.Jabatan).ToContainTextAsync("Kasubag Umum, Kecamatan Kanigaran");
        await Assertions.Expect(theirs.Certificates).ToHaveCountAsync(0);

        await using var auditor = await server.NewSessionAsync("menu-auditor", width: PhoneWidth, height: 844);
        await auditor.SignInAsAsync("auditor.kanigaran");
        var audit = auditor.Page.GetByRole(AriaRole.Link, new() { Name = "Jejak audit", Exact = true });
        await Assertions.Expect(audit).ToHaveAttributeAsync("href", "/audit/kanigaran");
        var response = await auditor.Page.RunAndWaitForNavigationAsync(() => audit.ClickAsync());
        response!.Status.ShouldBe(200);
        await auditor.ScreenshotAsync("audit-dari-menu");
    }
}
