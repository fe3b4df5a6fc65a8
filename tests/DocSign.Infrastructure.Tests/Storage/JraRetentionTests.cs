using DocSign.Core.Access;
using DocSign.Core.Archive;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>
/// JRA final dispositions with a fake clock: the shipped table gives the LKjIP its class (000.8.6.3, 2 years active,
/// 4 inactive, Permanen) and letters theirs; a Permanen archive copy is refused deletion for ever (before, at and a
/// century after its date) and is listed for transfer to the Dinas Kearsipan once due; a Musnah copy is refused
/// until its date, listed for destruction once due, and only then deletable.
/// </summary>
public sealed class JraRetentionTests : IAsyncLifetime
{
    private readonly string _folder = TestEnvironment.NewTempDirectory("jra");
    private readonly FakeClock _clock = FakeClock.Default(); // 2026-03-02
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = await Workflow.InfrastructureHost.StartAsync(_folder, "Sqlite", $"Data Source={Path.Combine(_folder, "db.sqlite")};Pooling=False", _clock,
            new Dictionary<string, string?>
            {
                // The berita acara is sealed with the sample PKI's office seal and verified against its root, revocation asked online.
                ["DocSign:SamplePkiDirectory"] = SamplePki.Dir,
                ["DocSign:Verification:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
                ["DocSign:Outbound:Allow:0"] = "127.0.0.1:18780-18782",
            });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_shipped_JRA_gives_the_LKjIP_and_letters_their_classes_with_a_source()
    {
        var lkjip = RetentionSchedule.ForDocumentKind("Kota Probolinggo", "lkjip").ShouldNotBeNull();
        lkjip.Code.ShouldBe("000.8.6.3");
        (lkjip.ActiveYears, lkjip.InactiveYears, lkjip.Disposition).ShouldBe((2, 4, FinalDisposition.Permanen));
        lkjip.Security.ShouldBe("biasa");
        lkjip.DueAfter(2025).ShouldBe(new DateOnly(2031, 12, 31));
        RetentionSchedule.ForDocumentKind("Kabupaten Lumajang", "pengukuran-kinerja")!.Code.ShouldBe("000.8.6.3");
        var letters = RetentionSchedule.ForLetters(null);
        letters.Code.ShouldBe("000.5.3.1");
        letters.Disposition.ShouldBe(FinalDisposition.Musnah);
        RetentionSchedule.For("Kabupaten Entah").ShouldBe(RetentionSchedule.For(null));
        RetentionSchedule.Source.ShouldContain("Permendagri Nomor 83 Tahun 2022");
        // Never the SOP code for the LKjIP (000.8.3.3 is the class of SOP documents).
        RetentionSchedule.ByCode(null, "000.8.3.3")!.DocumentKinds.ShouldNotContain("lkjip");
    }

    private async Task<(string Permanen, string Musnah)> ArchiveTwoCopiesAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var store = sp.GetRequiredService<IObjectStore>();
        var documentId = Guid.NewGuid();
        var lkjip = RetentionSchedule.ForDocumentKind(null, "lkjip")!;
        var letters = RetentionSchedule.ForLetters(null);
        var permanen = ArchiveKeys.For("kanigaran", 2025, documentId, lkjip.DueAfter(2025), lkjip.Disposition, "naskah-v5.pdf");
        var musnah = ArchiveKeys.For("kanigaran", 2025, documentId, letters.DueAfter(2025), letters.Disposition, "surat-pengantar.pdf");
        var archive = sp.GetRequiredService<IArchiveRepository>();
        foreach (var (key, cls, role) in new[] { (permanen, lkjip, ArchiveRoles.Document), (musnah, letters, ArchiveRoles.CoverLetter) })
        {
            var stored = await store.PutAsync(key, new MemoryStream("%PDF-1.7 contoh"u8.ToArray()));
            archive.Add(new ArchiveCopy(Guid.NewGuid(), "kanigaran", documentId, null, role, key, stored.Sha256 ?? "", stored.Size, "VALID",
                cls.Label, cls.DueAfter(2025), _clock.GetUtcNow(), null, false));
        }
        await sp.GetRequiredService<IUnitOfWork>().SaveAsync();
        return (permanen, musnah);
    }

    private async Task<IReadOnlyList<DueDisposition>> DueAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var camat = new Actor("u-camat", "camat.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Camat)]);
        return await scope.ServiceProvider.GetRequiredService<ListDueDispositionsHandler>().HandleAsync(camat, "kanigaran");
    }

    [Fact]
    public async Task A_Permanen_copy_is_refused_deletion_forever_and_listed_for_transfer_when_due()
    {
        var (permanen, _) = await ArchiveTwoCopiesAsync();
        var store = _services.GetRequiredService<IObjectStore>();
        store.ShouldBeOfType<RetentionGuardedObjectStore>();
        (await DueAsync()).ShouldBeEmpty();

        foreach (var at in new[] { new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 12, 31, 12, 0, 0, TimeSpan.Zero),
                     new DateTimeOffset(2032, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2126, 6, 1, 0, 0, 0, TimeSpan.Zero) })
        {
            _clock.Set(at);
            var refused = await Should.ThrowAsync<ArchiveRetentionException>(() => store.DeleteAsync(permanen));
            refused.Permanent.ShouldBeTrue($"at {at}");
            (await store.StatAsync(permanen)).ShouldNotBeNull();
        }

        _clock.Set(new DateTimeOffset(2032, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var due = await DueAsync();
        var transfer = due.Single(d => d.Disposition == FinalDisposition.Permanen);
        transfer.Copy.Key.ShouldBe(permanen);
        transfer.Action.ShouldContain("Dinas Kearsipan");
        var csv = System.Text.Encoding.UTF8.GetString(ListDueDispositionsHandler.ToCsv(due.Where(d => d.Disposition == FinalDisposition.Permanen).ToList()));
        csv.ShouldContain(permanen);
        csv.ShouldContain("\"Permanen\"");
        csv.ShouldContain("000.8.6.3");
    }

    [Fact]
    public async Task A_Musnah_copy_is_kept_until_its_date_then_listed_for_destruction_and_deletable()
    {
        var (_, musnah) = await ArchiveTwoCopiesAsync();
        var store = _services.GetRequiredService<IObjectStore>();
        var letters = RetentionSchedule.ForLetters(null);
        var dueDate = letters.DueAfter(2025);
        _clock.Set(new DateTimeOffset(dueDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var early = await Should.ThrowAsync<ArchiveRetentionException>(() => store.DeleteAsync(musnah));
        early.Permanent.ShouldBeFalse();
        early.RetainUntil.ShouldBe(dueDate);
        (await DueAsync()).ShouldNotContain(d => d.Copy.Key == musnah);

        _clock.Set(new DateTimeOffset(dueDate.AddDays(1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        (await DueAsync()).Single(d => d.Copy.Key == musnah).Action.ShouldContain("pemusnahan");
        await store.DeleteAsync(musnah);
        (await store.StatAsync(musnah)).ShouldBeNull();
    }

    private static readonly Actor Camat = new("u-camat", "camat.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Camat)]);

    private async Task<ArchiveCopy> CopyAsync(string key)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IArchiveRepository>().ListForOfficeAsync("kanigaran", 100)).Single(c => c.Key == key);
    }

    private async Task<ArchiveCopy> DestroyAsync(Actor actor, Guid copyId, string? reason = "Keputusan Camat tentang penilaian arsip, contoh")
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DestroyArchiveCopyHandler>().HandleAsync(actor, "kanigaran", copyId, reason);
    }

    [Fact]
    public async Task A_Musnah_copy_is_destroyed_with_the_Camats_approval_and_a_sealed_berita_acara_that_verifies()
    {
        var (permanen, musnah) = await ArchiveTwoCopiesAsync();
        var store = _services.GetRequiredService<IObjectStore>();
        var copy = await CopyAsync(musnah);

        // Not before its date, not by the Sekcam, never a Permanen copy: each refused, nothing changed.
        (await Should.ThrowAsync<DocSignProblem>(() => DestroyAsync(Camat, copy.Id))).Kind.ShouldBe(ProblemKind.Conflict);
        _clock.Set(new DateTimeOffset(copy.RetainUntil.AddDays(1).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        var sekcam = new Actor("u-sekcam", "sekcam.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Sekcam)]);
        (await Should.ThrowAsync<DocSignProblem>(() => DestroyAsync(sekcam, copy.Id))).Kind.ShouldBe(ProblemKind.Forbidden);
        (await Should.ThrowAsync<DocSignProblem>(() => DestroyAsync(Camat, copy.Id, reason: " "))).Kind.ShouldBe(ProblemKind.Invalid);
        var permanentCopy = await CopyAsync(permanen);
        _clock.Set(new DateTimeOffset(2126, 1, 1, 0, 0, 0, TimeSpan.Zero));
        (await Should.ThrowAsync<DocSignProblem>(() => DestroyAsync(Camat, permanentCopy.Id))).UserMessage.ShouldContain("Permanen");
        _clock.Set(new DateTimeOffset(copy.RetainUntil.AddDays(1).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        (await store.StatAsync(musnah)).ShouldNotBeNull();
        (await CopyAsync(musnah)).IsDestroyed.ShouldBeFalse();

        var destroyed = await DestroyAsync(Camat, copy.Id);

        // The object is gone; its row stays as a tombstone pointing at the berita acara.
        (await store.StatAsync(musnah)).ShouldBeNull();
        var tombstone = await CopyAsync(musnah);
        tombstone.IsDestroyed.ShouldBeTrue();
        tombstone.DestroyedBy.ShouldBe("camat.kanigaran");
        tombstone.DestructionRecordKey.ShouldBe(destroyed.DestructionRecordKey);
        var recordKey = tombstone.DestructionRecordKey!;
        ArchiveKeys.DispositionOf(recordKey).ShouldBe(FinalDisposition.Permanen);
        (await CopyAsync(recordKey)).Role.ShouldBe(ArchiveRoles.DestructionRecord);

        // The berita acara: VALID under DocSign's verifier, clean under qpdf --check, never deletable.
        byte[] pdf;
        await using (var read = await store.OpenReadAsync(recordKey))
        {
            var ms = new MemoryStream();
            await read.CopyToAsync(ms);
            pdf = ms.ToArray();
        }
        await using (var scope = _services.CreateAsyncScope())
        {
            var verdict = await scope.ServiceProvider.GetRequiredService<DocSign.Core.Verification.IPdfVerifier>().VerifyAsync(new MemoryStream(pdf), "berita-acara.pdf");
            verdict.Verdict.ShouldBe("VALID");
        }
        var qpdf = DocSign.Testing.Oracles.Qpdf.Check(pdf);
        DocSign.Testing.Oracles.Qpdf.IsClean(qpdf).ShouldBeTrue(qpdf.Output);
        (await Should.ThrowAsync<ArchiveRetentionException>(() => store.DeleteAsync(recordKey))).Permanent.ShouldBeTrue();
        // Kept beside the test output so a person can open it.
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "berita-acara-pemusnahan.pdf"), pdf);

        // Once destroyed, twice is refused; the audit chain holds the destruction.
        (await Should.ThrowAsync<DocSignProblem>(() => DestroyAsync(Camat, copy.Id))).Kind.ShouldBe(ProblemKind.Conflict);
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSign.Infrastructure.Persistence.DocSignDbContext>();
            var events = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.AuditEntries.Where(e => e.Action == DocSign.Core.Audit.AuditActions.ArchiveDestroyed));
            events.Count.ShouldBe(1);
            events[0].Detail!.ShouldContain(musnah);
        }
    }

    [Fact]
    public async Task Another_offices_member_does_not_see_the_due_list()
    {
        await using var scope = _services.CreateAsyncScope();
        var other = new Actor("u-x", "sekcam.lumajang", [new OfficeMembership("lumajang", OfficeRole.Sekcam)]);
        (await Should.ThrowAsync<DocSignProblem>(() => scope.ServiceProvider.GetRequiredService<ListDueDispositionsHandler>().HandleAsync(other, "kanigaran")))
            .Kind.ShouldBe(ProblemKind.NotFound);
    }
}
