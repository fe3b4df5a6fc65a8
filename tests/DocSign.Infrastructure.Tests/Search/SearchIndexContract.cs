using DocSign.Core.Access;
using DocSign.Core.Archive;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Search;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace DocSign.Infrastructure.Tests.Search;

/// <summary>
/// The search's SQL on each database: title, letter number and signer are found whatever their case, the year filters,
/// and nothing outside the person's offices is ever returned (the other office holds look-alike records on purpose).
/// </summary>
public abstract class SearchIndexContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _cleanup = [];
    private readonly string _dataDirectory = TestEnvironment.NewTempDirectory("search");
    private ServiceProvider _services = null!;
    private static readonly DateTimeOffset At = new(2024, 12, 7, 20, 0, 0, TimeSpan.Zero);

    private readonly Guid _lkjip = Guid.NewGuid(), _renja = Guid.NewGuid(), _other = Guid.NewGuid();
    private readonly Guid _letter = Guid.NewGuid(), _otherLetter = Guid.NewGuid(), _copy = Guid.NewGuid(), _manifest = Guid.NewGuid(), _otherCopy = Guid.NewGuid();

    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(List<IAsyncDisposable> cleanup);

    private static readonly Actor StafKanigaran = new("u1", "staf.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Staf)]);
    private static readonly Actor Admin = new("u0", "admin", [], IsAdministrator: true);

    public async Task InitializeAsync()
    {
        var connectionString = await NewDatabaseAsync(_cleanup);
        // Migrated, with the demo offices (Kanigaran and Candipuro among them) and their people.
        _services = await Workflow.InfrastructureHost.StartAsync(_dataDirectory, Provider.ToString(), connectionString, FakeClock.Default());
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        db.Documents.Add(new Document(_lkjip, "kanigaran", 2024, "lkjip", "LKjIP Kecamatan Kanigaran Tahun 2024", "staf.kanigaran", At));
        db.Documents.Add(new Document(_renja, "kanigaran", 2025, "renja", "Rencana Kerja Tahun 2025", "staf.kanigaran", At));
        db.Documents.Add(new Document(_other, "candipuro", 2024, "lkjip", "LKjIP Kecamatan Candipuro Tahun 2024", "staf.candipuro", At));
        db.Set<SignatureRecord>().Add(Signature(_lkjip, "kanigaran", "Bambang Wicaksono (Contoh)"));
        db.Set<SignatureRecord>().Add(Signature(_other, "candipuro", "Bambang Wiryawan (Contoh)"));
        db.Set<Letter>().Add(NewLetter(_letter, "kanigaran", "065/17/427.83/2024", "Penyampaian LKjIP 2024", _lkjip));
        db.Set<Letter>().Add(NewLetter(_otherLetter, "candipuro", "065/17/427.84/2024", "Penyampaian LKjIP Candipuro", _other));
        db.Set<ArchiveCopy>().Add(Copy(_copy, "kanigaran", _lkjip, _letter, ArchiveRoles.Document, "VALID"));
        db.Set<ArchiveCopy>().Add(Copy(_manifest, "kanigaran", _lkjip, _letter, ArchiveRoles.Manifest, "-"));
        db.Set<ArchiveCopy>().Add(Copy(_otherCopy, "candipuro", _other, _otherLetter, ArchiveRoles.Document, "VALID"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        foreach (var d in _cleanup) await d.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private async Task<SearchResults> SearchAsync(Actor actor, string? q, string? year = null, int? page = null)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchRecordsHandler>().HandleAsync(actor, new SearchRequest(q, year, page));
    }

    [Fact]
    public async Task A_title_is_found_in_any_case_as_document_letter_and_archive_copy_of_the_own_office_only()
    {
        var found = await SearchAsync(StafKanigaran, "KANIGARAN lkjip");
        found.Hits.Select(h => (h.Kind, h.Id)).ShouldBe([(SearchHitKind.Document, _lkjip), (SearchHitKind.ArchiveCopy, _copy)], ignoreOrder: true);
        found.Hits.Single(h => h.Kind == SearchHitKind.ArchiveCopy).Verdict.ShouldBe("VALID");
        found.Hits.Single(h => h.Kind == SearchHitKind.ArchiveCopy).LetterNumber.ShouldBe("065/17/427.83/2024");

        var broad = await SearchAsync(StafKanigaran, "LKjIP");
        broad.Hits.Select(h => h.Id).ShouldBe([_lkjip, _letter, _copy], ignoreOrder: true);
        broad.Hits.ShouldAllBe(h => h.OfficeId == "kanigaran");
    }

    [Fact]
    public async Task A_signer_name_finds_the_signed_document_and_its_archive_copy_with_the_signer_named()
    {
        var found = await SearchAsync(StafKanigaran, "bambang");
        found.Hits.Select(h => h.Id).ShouldBe([_lkjip, _copy], ignoreOrder: true);
        found.Hits.ShouldAllBe(h => h.Signers.SequenceEqual(new[] { "Bambang Wicaksono (Contoh)" }));
    }

    [Fact]
    public async Task A_letter_number_finds_the_letter_and_the_archive_copy_sent_with_it_and_the_admin_sees_every_office_letters_but_no_document()
    {
        var found = await SearchAsync(StafKanigaran, "065/17");
        found.Hits.Select(h => h.Id).ShouldBe([_letter, _copy], ignoreOrder: true);
        found.Hits.Single(h => h.Kind == SearchHitKind.Letter).Title.ShouldBe("Penyampaian LKjIP 2024");

        var admin = await SearchAsync(Admin, "065/17");
        admin.Hits.Select(h => h.Id).ShouldBe([_letter, _otherLetter, _copy, _otherCopy], ignoreOrder: true);
        (await SearchAsync(Admin, "Rencana")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_year_alone_or_typed_as_the_query_filters_by_year_and_pages_are_counted()
    {
        var y2025 = await SearchAsync(StafKanigaran, null, "2025");
        y2025.Hits.Select(h => h.Id).ShouldBe([_renja]);
        (await SearchAsync(StafKanigaran, "2025")).Hits.Select(h => h.Id).ShouldBe([_renja]);
        var y2024 = await SearchAsync(StafKanigaran, "lkjip", "2024");
        y2024.Total.ShouldBe(3);
        (await SearchAsync(StafKanigaran, "lkjip", "2025")).Total.ShouldBe(0);
        (await SearchAsync(StafKanigaran, "lkjip", page: 2)).Hits.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_person_of_another_office_finds_nothing_of_this_office_whatever_is_typed()
    {
        var stranger = new Actor("u9", "staf.candipuro", [new OfficeMembership("candipuro", OfficeRole.Staf)]);
        foreach (var q in new[] { "Kanigaran", "065/17/427.83", "Wicaksono", "Rencana" })
            (await SearchAsync(stranger, q)).Hits.ShouldAllBe(h => h.OfficeId == "candipuro");
        (await SearchAsync(stranger, "lkjip")).Hits.Select(h => h.Id).ShouldBe([_other, _otherLetter, _otherCopy], ignoreOrder: true);
    }

    private static SignatureRecord Signature(Guid document, string office, string name)
    {
        var enrolment = SignerEnrolment.ForBsre(Guid.NewGuid(), "u-camat-" + office, office, SignatureKind.Sign, "3500000000000000", name, null,
            "Camat " + office, SigningAuthorityKind.Definitive, null, null, null, "admin", At);
        return new SignatureRecord(Guid.NewGuid(), Guid.NewGuid().ToString("N")[..26], document, office, 2, 1, SignatureKind.Sign, enrolment,
            "u-camat-" + office, "Camat", SignatureLevel.BB, At, null, new string('a', 64), 100, "Signature1", null);
    }

    private static Letter NewLetter(Guid id, string office, string number, string subject, Guid document) =>
        new(id, office, 2024, 17, 0, number, new DateOnly(2024, 12, 8), "065", subject, "Biasa", "Bagian Organisasi", LetterKinds.CoverLetter, document,
            null, null, "kasubag-umum." + office, At);

    private static ArchiveCopy Copy(Guid id, string office, Guid document, Guid letter, string role, string verdict) =>
        new(id, office, document, letter, role, $"archive/{office}/2024/{document:N}/until-20340101/{role}-{id:N}", new string('b', 64), 10, verdict,
            "000.8.3.3", new DateOnly(2034, 1, 1), At, null, false);
}

public sealed class SqliteSearchIndexTests : SearchIndexContract
{
    private readonly string _folder = TestEnvironment.NewTempDirectory("search-sqlite");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(List<IAsyncDisposable> cleanup) =>
        Task.FromResult($"Data Source={Path.Combine(_folder, "search.db")};Pooling=False");
}

public sealed class PostgresSearchIndexTests : SearchIndexContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> NewDatabaseAsync(List<IAsyncDisposable> cleanup)
    {
        var database = await PostgresDatabase.CreateAsync("search");
        cleanup.Add(database);
        return database.ConnectionString;
    }
}
