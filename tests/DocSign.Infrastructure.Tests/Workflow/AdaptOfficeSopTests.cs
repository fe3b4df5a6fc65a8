using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Workflow;

/// <summary>
/// An office admin adopts and adapts its SOP on a real database: renames a role (who holds it carries over), changes
/// a Waktu, removes and adds steps, sets a Waktu DocSign had only proposed; the seed stays the version's origin; a
/// document already running keeps the version it started on; a new office enters its own SOP. Refusals (not an
/// admin, another office, bad input) say why in Bahasa and change nothing. Run on SQLite and on PostgreSQL.
/// </summary>
public abstract class AdaptOfficeSopTests : IAsyncLifetime
{
    protected abstract Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder);

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    private readonly string _folder = TestEnvironment.NewTempDirectory("adapt-sop");
    private readonly FakeClock _clock = FakeClock.Default();
    private ServiceProvider _services = null!;

    private static readonly Actor Admin = new("u-admin", "admin", [], IsAdministrator: true);
    private static readonly Actor Staf = new("u-staf", "staf.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Staf)]);
    private static readonly Actor Camat = new("u-camat", "camat.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Camat)]);

    public async Task InitializeAsync()
    {
        var (provider, connectionString) = await DatabaseAsync(_folder);
        _services = await InfrastructureHost.StartAsync(_folder, provider, connectionString, _clock);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await DropDatabaseAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Kanigaran's SOP with "Sekam" renamed, step 3 removed, a step added after step 4 and step 5's Waktu changed.</summary>
    private static AdaptSopCommand KanigaranAdapted()
    {
        var seed = SopTemplateLoader.Find("kanigaran")!;
        var roles = seed.Roles.Select(r => r.Name == "Sekam" ? new SopRoleEdit("Sekretaris Kecamatan", "Sekam", null) : new SopRoleEdit(r.Name, null, null)).ToList();
        var steps = new List<SopStepEdit>();
        foreach (var s in seed.Steps.Where(s => s.Number != 3))
        {
            var stepRoles = s.Roles.Select(r => r == "Sekam" ? "Sekretaris Kecamatan" : r).ToList();
            steps.Add(new SopStepEdit(s.Id, s.Text, stepRoles, null, s.Kelengkapan, s.Number == 5 ? "2 hari" : null, s.Output));
            if (s.Number == 4)
                steps.Add(new SopStepEdit(null, "Paparan draft di hadapan para Kasi", ["Kasubbg Keuangan dan Program"], [WorkflowActions.Meeting], "Draft LKIP", "2 jam", "Catatan paparan"));
        }
        return new AdaptSopCommand(null, null, null, roles, steps);
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        await using var scope = _services.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    private async Task<Guid> NewKanigaranDocumentAsync()
    {
        return await InScopeAsync(async sp =>
        {
            var document = new Document(Guid.NewGuid(), "kanigaran", 2026, "lkjip", "LKjIP 2025", Staf.UserName, _clock.GetUtcNow());
            (await sp.GetRequiredService<StartWorkflowHandler>().StageForNewDocumentAsync(document, Staf)).ShouldNotBeNull();
            await sp.GetRequiredService<IDocumentRepository>().AddAsync(document);
            return document.Id;
        });
    }

    private Task<OfficeSopView> SopAsync(string office) =>
        InScopeAsync(sp => sp.GetRequiredService<GetOfficeSopHandler>().HandleAsync(Admin, office));

    [Fact]
    public async Task The_admin_adapts_the_seed_into_a_new_version_whose_origin_is_the_seed_and_a_running_document_keeps_its_version()
    {
        var running = await NewKanigaranDocumentAsync();

        var view = await InScopeAsync(sp => sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(Admin, "kanigaran", KanigaranAdapted()));

        var sop = view.Template;
        sop.Key.ShouldBe("kanigaran-v1");
        sop.Origin.ShouldBe(new SopOrigin("kanigaran", "065/10-2/SOP/425.504/2023", "kanigaran"));
        sop.Number.ShouldBe("065/10-2/SOP/425.504/2023");
        sop.Header.Section(SopSections.DasarHukum)!.Items[0].ShouldBe("Peraturan Presiden RI No 29 Tahun 2014");
        sop.Steps.Count.ShouldBe(8);
        sop.Steps.Select(s => s.Number).ShouldBe(Enumerable.Range(1, 8));
        sop.Steps.ShouldNotContain(s => s.Id == "3-realisasi-kinerja");
        var added = sop.Steps[3];
        added.Text.ShouldBe("Paparan draft di hadapan para Kasi");
        added.Added.ShouldBeTrue();
        added.Actor!.Source.ShouldBe(ActorSource.Office);
        added.Waktu!.Unit.ShouldBe(TimeUnit.Hours);
        var koreksi = sop.FindStep("5-koreksi")!;
        koreksi.WaktuRaw.ShouldBe("2 hari");
        koreksi.Roles.ShouldBe(["Sekretaris Kecamatan"]);
        // Unchanged actors keep their marker (inferred from the seed); the renamed role is held as before.
        koreksi.Actor!.Source.ShouldBe(ActorSource.Inferred);
        view.Mapping.Single(m => m.SopRole == "Sekretaris Kecamatan").OfficeRoles.ShouldBe([OfficeRole.Sekcam]);
        (await SopAsync("kanigaran")).Template.Key.ShouldBe("kanigaran-v1");

        // The document started before keeps the seed version and is still moved by whoever holds its step.
        var timeline = await InScopeAsync(sp => sp.GetRequiredService<AdvanceStepHandler>().HandleAsync(Camat, new AdvanceStepRequest(running, "1-perintah", "Susun LKjIP", null)));
        timeline.Sop.Key.ShouldBe("kanigaran");
        timeline.Instance.CurrentStepId.ShouldBe("2-format-data");
        timeline.Sop.Steps.Count.ShouldBe(8);
        timeline.Sop.FindStep("3-realisasi-kinerja").ShouldNotBeNull();

        // A new document runs the adapted version.
        var fresh = await NewKanigaranDocumentAsync();
        var freshTimeline = await InScopeAsync(sp => sp.GetRequiredService<GetTimelineHandler>().HandleAsync(Camat, fresh));
        freshTimeline.Sop.Key.ShouldBe("kanigaran-v1");

        // Adapting again makes version 2 from version 1; the origin stays the seed.
        var again = await InScopeAsync(sp => sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(Admin, "kanigaran",
            new AdaptSopCommand(null, null, null, view.Template.Roles.Select(r => new SopRoleEdit(r.Name, null, null)).ToList(),
                view.Template.Steps.Select(s => new SopStepEdit(s.Id, s.Text, s.Roles, null, s.Kelengkapan, null, s.Output)).ToList())));
        again.Template.Key.ShouldBe("kanigaran-v2");
        again.Template.Origin!.TemplateKey.ShouldBe("kanigaran");
        again.Template.Origin.FromKey.ShouldBe("kanigaran-v1");
        (await InScopeAsync(sp => sp.GetRequiredService<GetTimelineHandler>().HandleAsync(Camat, fresh))).Sop.Key.ShouldBe("kanigaran-v1");
    }

    [Fact]
    public async Task An_added_time_standard_becomes_enforced_only_when_the_office_sets_it()
    {
        var seed = SopTemplateLoader.Find("pronojiwo")!;
        seed.FindStep("10-ajukan-camat")!.Waktu.ShouldBeNull();
        var command = new AdaptSopCommand(null, null, null, seed.Roles.Select(r => new SopRoleEdit(r.Name, null, null)).ToList(),
            seed.Steps.Select(s => new SopStepEdit(s.Id, s.Text, s.Roles, null, s.Kelengkapan, s.Id == "10-ajukan-camat" ? "1 Jam" : null, s.Output)).ToList());
        var sop = (await InScopeAsync(sp => sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(Admin, "pronojiwo", command))).Template;
        var set = sop.FindStep("10-ajukan-camat")!;
        set.Waktu.ShouldNotBeNull();
        set.SuggestedWaktu.ShouldBeNull();
        set.Remark!.ShouldContain("Waktu ditetapkan kantor");
        // The one the office left alone stays a proposal.
        var left = sop.FindStep("11-tanda-tangan")!;
        left.Waktu.ShouldBeNull();
        left.SuggestedWaktu.ShouldBe("1 Hari");
    }

    [Fact]
    public async Task A_new_office_enters_its_own_SOP()
    {
        await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DocSignDbContext>();
            db.Offices.Add(new Office("tempeh", "Kecamatan Tempeh"));
            await db.SaveChangesAsync();
            return 0;
        });
        var command = new AdaptSopCommand("800/1/SOP/2026", "Penyusunan Laporan Kinerja Kecamatan Tempeh", ["lkjip"],
            [new SopRoleEdit("Camat", null, [OfficeRole.Camat]), new SopRoleEdit("Penyusun", null, [OfficeRole.KasubbagProgram])],
            [
                new SopStepEdit(null, "Menyusun draft laporan", ["Penyusun"], [WorkflowActions.UploadDraft], "Data kinerja", "3 hari", "Draft"),
                new SopStepEdit(null, "Mengajukan versi final kepada Camat", ["Penyusun"], [WorkflowActions.Submit], "Draft", "1 jam", "Final"),
                new SopStepEdit(null, "Menandatangani laporan", ["Camat"], [WorkflowActions.Sign], "Final", "1 hari", "Laporan bertanda tangan"),
            ]);
        var view = await InScopeAsync(sp => sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(Admin, "tempeh", command));
        view.Template.Key.ShouldBe("tempeh-v1");
        view.Template.Origin.ShouldBeNull();
        view.Template.Steps.Count.ShouldBe(3);
        view.Mapping.Single(m => m.SopRole == "Penyusun").OfficeRoles.ShouldBe([OfficeRole.KasubbagProgram]);
        (await SopAsync("tempeh")).Template.Name.ShouldBe("Penyusunan Laporan Kinerja Kecamatan Tempeh");
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "unknown-role", "tidak ada di daftar peran" },
        { "unreadable-waktu", "tidak dapat dibaca" },
        { "sign-not-after-submit", "tepat sesudah langkah pengajuan" },
        { "unknown-step", "tidak ada di SOP kantor" },
        { "no-steps", "Sebutkan langkah-langkah SOP" },
        { "new-step-without-waktu", "Waktu langkah 9 wajib diisi" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_changes(string fault, string message)
    {
        var good = KanigaranAdapted();
        var steps = good.Steps!.ToList();
        switch (fault)
        {
            case "unknown-role": steps[0] = steps[0] with { Roles = ["Bupati"] }; break;
            case "unreadable-waktu": steps[1] = steps[1] with { Waktu = "secepatnya" }; break;
            case "sign-not-after-submit": steps.RemoveAt(5); break;
            case "unknown-step": steps[0] = steps[0] with { Id = "99-tidak-ada" }; break;
            case "no-steps": steps.Clear(); break;
            case "new-step-without-waktu": steps.Add(new SopStepEdit(null, "Langkah baru", ["Staf"], null, null, null, null)); break;
        }
        var problem = await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp =>
            sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(Admin, "kanigaran", good with { Steps = steps })));
        problem.Kind.ShouldBe(ProblemKind.Invalid);
        problem.UserMessage.ShouldContain(message);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task Only_an_admin_adapts_and_only_an_office_that_exists()
    {
        var sekcam = new Actor("u-sekcam", "sekcam.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Sekcam)]);
        (await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp =>
            sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(sekcam, "kanigaran", KanigaranAdapted())))).Kind.ShouldBe(ProblemKind.Forbidden);
        // A member of another office does not even learn that the office exists.
        var other = new Actor("u-sekcam-l", "sekcam.lumajang", [new OfficeMembership("lumajang", OfficeRole.Sekcam)]);
        (await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp =>
            sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(other, "kanigaran", KanigaranAdapted())))).Kind.ShouldBe(ProblemKind.NotFound);
        (await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp =>
            sp.GetRequiredService<AdaptOfficeSopHandler>().HandleAsync(Admin, "tidak-ada", KanigaranAdapted())))).Kind.ShouldBe(ProblemKind.NotFound);
        await AssertUnchangedAsync();
    }

    private async Task AssertUnchangedAsync()
    {
        (await SopAsync("kanigaran")).Template.Key.ShouldBe("kanigaran");
        (await InScopeAsync(sp => sp.GetRequiredService<DocSignDbContext>().Set<OfficeSopVersion>().CountAsync())).ShouldBe(0);
    }
}

public sealed class SqliteAdaptOfficeSopTests : AdaptOfficeSopTests
{
    protected override Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder) =>
        Task.FromResult(("Sqlite", $"Data Source={Path.Combine(folder, "db.sqlite")};Pooling=False"));
}

public sealed class PostgresAdaptOfficeSopTests : AdaptOfficeSopTests
{
    private PostgresDatabase? _database;

    protected override async Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder)
    {
        _database = await PostgresDatabase.CreateAsync("adaptsop");
        return ("Postgres", _database.ConnectionString);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
