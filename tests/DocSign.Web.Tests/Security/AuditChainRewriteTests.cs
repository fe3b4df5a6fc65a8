using DocSign.Core.Audit;
using DocSign.Infrastructure;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// Someone who can write the database but does not hold the chain key rewrites history and re-links every entry
/// (as the old SHA-256 chain allowed), or cuts entries off the end and moves the head back: the keyed links and the
/// anchors (timestamped by the sample TSA, exported to the archive store) still tell, and say where.
/// </summary>
public sealed class AuditChainRewriteTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    private sealed class Chain : IAsyncDisposable
    {
        public required ServiceProvider Services { get; init; }
        public PostgresDatabase? Postgres { get; init; }
        public required string Directory { get; init; }

        public async Task AppendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await using var scope = Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordNowAsync(new AuditEvent(AuditActions.Verified) { OfficeId = "kanigaran", Detail = $"peristiwa {i}" });
            }
        }

        public async Task<AuditAnchor> AnchorAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync())!;
        }

        public async Task<AuditChainReport> VerifyAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        }

        public async Task SqlAsync(Func<DocSignDbContext, Task> change)
        {
            await using var scope = Services.CreateAsyncScope();
            await change(scope.ServiceProvider.GetRequiredService<DocSignDbContext>());
        }

        /// <summary>What an intruder with the database but not the key can do: re-link every entry from <paramref name="from"/> with SHA-256 and move the head.</summary>
        public Task RelinkWithoutKeyAsync(long from) => SqlAsync(async db =>
        {
            var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
            var previous = EfAuditTrail.GenesisHash;
            foreach (var e in entries)
            {
                if (e.Sequence >= from)
                {
                    e.PreviousHash = previous;
                    e.Hash = EfAuditTrail.HashOf(e);
                }
                previous = e.Hash;
            }
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditChainHead" SET "Sequence" = {0}, "Hash" = {1}""", entries[^1].Sequence, previous);
        });

        /// <summary>Runs the service binary's <c>--verify-audit</c> on this chain's database, key and object store.</summary>
        public async Task<(int Exit, string Output)> VerifyAuditCommandAsync(string provider)
        {
            var info = new System.Diagnostics.ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "DocSign.Web.dll")}\" --verify-audit")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["DocSign__DataDirectory"] = Directory;
            info.Environment["DocSign__Database__Provider"] = provider;
            info.Environment["ConnectionStrings__DocSign"] = Postgres?.ConnectionString ?? $"Data Source={Path.Combine(Directory, "audit.db")}";
            info.Environment["DocSign__Jobs__SchedulerName"] = $"verify-{Guid.NewGuid():N}";
            info.Environment["DocSign__Signing__TrustAnchors__0"] = SamplePki.PathOf("root-ca.pem");
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            using var process = System.Diagnostics.Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            if (Postgres is not null) await Postgres.DisposeAsync();
        }
    }

    private static async Task<Chain> NewChainAsync(string provider)
    {
        var dir = TestEnvironment.NewTempDirectory("audit-keyed");
        var pg = provider == "Postgres" ? await PostgresDatabase.CreateAsync("auditkeyed") : null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = dir,
            ["DocSign:Database:Provider"] = provider,
            ["ConnectionStrings:DocSign"] = pg?.ConnectionString ?? $"Data Source={Path.Combine(dir, "audit.db")}",
            ["DocSign:Jobs:SchedulerName"] = $"audit-{Guid.NewGuid():N}",
            ["DocSign:Signing:TsaUrl"] = SamplePki.TsaUrl.AbsoluteUri,
            ["DocSign:Signing:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDocSignInfrastructure(configuration);
        var provider_ = services.BuildServiceProvider();
        await provider_.MigrateDocSignAsync();
        return new Chain { Services = provider_, Postgres = pg, Directory = dir };
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_edited_entry_with_every_link_and_the_head_recomputed_is_found_and_named(string provider)
    {
        await using var chain = await NewChainAsync(provider);
        await chain.AppendAsync(30);
        var anchor = await chain.AnchorAsync();
        anchor.Sequence.ShouldBe(30);
        await chain.AppendAsync(10);
        var intact = await chain.VerifyAsync();
        intact.Intact.ShouldBeTrue(intact.Problem);
        intact.Entries.ShouldBe(40);
        intact.Anchor!.ShouldContain(anchor.Id.ToString("N"));

        // Entry 35 (after the latest anchor) edited, then the whole chain re-linked and the head moved: the keyed link tells.
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = 'diubah' WHERE "Sequence" = 35"""));
        await chain.RelinkWithoutKeyAsync(35);
        var rewritten = await chain.VerifyAsync();
        rewritten.Intact.ShouldBeFalse();
        rewritten.FirstBrokenSequence.ShouldBe(35);
        rewritten.Problem!.ShouldContain("ditulis ulang");

        // The operator's command says the same, and fails.
        var (exit, output) = await chain.VerifyAuditCommandAsync(provider);
        exit.ShouldBe(2, output);
        output.ShouldContain("Audit chain BROKEN at entry 35");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Moving_the_switch_point_to_pass_every_entry_off_as_unkeyed_is_found(string provider)
    {
        await using var chain = await NewChainAsync(provider);
        await chain.AppendAsync(12);
        await chain.AnchorAsync();
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "ActorName" = 'orang lain' WHERE "Sequence" = 4"""));
        await chain.RelinkWithoutKeyAsync(1);
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditChainHead" SET "KeyedFrom" = 13"""));
        var moved = await chain.VerifyAsync();
        moved.Intact.ShouldBeFalse();
        moved.Problem!.ShouldContain("titik peralihan");

        // Its seal cleared as well (as if never sealed): the anchor still records where the switch was, and no
        // restart seals the moved one.
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditChainHead" SET "KeyedFromMac" = NULL"""));
        await chain.Services.MigrateDocSignAsync();
        await chain.AppendAsync(1);
        var cleared = await chain.VerifyAsync();
        cleared.Intact.ShouldBeFalse();
        cleared.Problem!.ShouldContain("titik peralihan");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Entries_cut_off_the_end_with_the_head_moved_back_are_found_against_the_latest_anchor_even_without_its_row(string provider)
    {
        await using var chain = await NewChainAsync(provider);
        await chain.AppendAsync(20);
        var anchor = await chain.AnchorAsync();
        anchor.ExportKey.ShouldNotBeNull();

        // Cut 15..20 and move the head back onto entry 14: every link left is genuine.
        await chain.SqlAsync(async db =>
        {
            var last = await db.AuditEntries.SingleAsync(e => e.Sequence == 14);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" > 14""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditChainHead" SET "Sequence" = 14, "Hash" = {0}""", last.Hash);
        });
        var cut = await chain.VerifyAsync();
        cut.Intact.ShouldBeFalse();
        cut.FirstBrokenSequence.ShouldBe(15);
        cut.Problem!.ShouldContain("terpotong");
        cut.Anchor!.ShouldContain(anchor.Id.ToString("N"));

        // The anchor's row deleted too: the head exported to the archive store still names the cut.
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditAnchors" """));
        var stillCut = await chain.VerifyAsync();
        stillCut.Intact.ShouldBeFalse();
        stillCut.FirstBrokenSequence.ShouldBe(15);
        stillCut.Anchor!.ShouldContain(anchor.ExportKey!);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_anchor_carries_a_timestamp_of_the_sample_TSA_over_the_head_and_a_swapped_timestamp_is_refused(string provider)
    {
        await using var chain = await NewChainAsync(provider);
        await chain.AppendAsync(5);
        var first = await chain.AnchorAsync();
        first.TimestampToken.ShouldNotBeNull();
        first.TimestampAt.ShouldNotBeNull();
        var trust = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(
            System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(SamplePki.PathOf("root-ca.pem")));
        AnchorTimestamps.Problem(first, trust).ShouldBeNull();
        // The token is over this anchor's statement: the same token on another statement does not verify.
        var other = new AuditAnchor { Sequence = first.Sequence + 1, Hash = first.Hash, KeyedFrom = first.KeyedFrom, TimestampToken = first.TimestampToken, TimestampAt = first.TimestampAt };
        AnchorTimestamps.Problem(other, trust).ShouldNotBeNull();
        // A TSA chaining to another root is not trusted.
        AnchorTimestamps.Problem(first, [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(SamplePki.PathOf("untrusted-root-ca.pem"))]).ShouldNotBeNull();

        await chain.AppendAsync(3);
        var second = await chain.AnchorAsync();
        (await chain.VerifyAsync()).Intact.ShouldBeTrue();
        // The first anchor's token replaced by the second's: the verifier names the anchor whose timestamp fails.
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditAnchors" SET "TimestampToken" = {0} WHERE "Id" = {1}""", second.TimestampToken!, first.Id));
        var swapped = await chain.VerifyAsync();
        swapped.Intact.ShouldBeFalse();
        swapped.Anchor!.ShouldContain(first.Id.ToString("N"));
        swapped.Problem!.ShouldContain("stempel waktu");
    }

    [Fact]
    public async Task An_existing_unkeyed_chain_keeps_verifying_and_its_older_part_is_covered_by_the_first_keyed_link()
    {
        await using var chain = await NewChainAsync("Sqlite");
        // A database from before the key: three SHA-256 links, the switch point after them (as the migration marks it).
        await chain.SqlAsync(async db =>
        {
            var previous = EfAuditTrail.GenesisHash;
            for (var s = 1; s <= 3; s++)
            {
                var e = new AuditEntry { Sequence = s, At = new DateTimeOffset(2026, 1, s, 0, 0, 0, TimeSpan.Zero), Action = AuditActions.SignIn, Outcome = "success", PreviousHash = previous };
                e.Hash = EfAuditTrail.HashOf(e);
                previous = e.Hash;
                db.AuditEntries.Add(e);
            }
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditChainHead" SET "Sequence" = 3, "Hash" = {0}, "KeyedFrom" = 4, "KeyedFromMac" = NULL""", previous);
        });
        await chain.Services.MigrateDocSignAsync();   // the next start seals the switch point
        await chain.AppendAsync(2);
        (await chain.VerifyAsync()).ShouldBe(new AuditChainReport(true, 5, null, null, null));

        // The old part rewritten and re-linked up to the switch point: the first keyed link no longer follows.
        await chain.SqlAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Outcome" = 'failed' WHERE "Sequence" = 2"""));
        await chain.SqlAsync(async db =>
        {
            var entries = await db.AuditEntries.Where(e => e.Sequence <= 3).OrderBy(e => e.Sequence).ToListAsync();
            var previous = EfAuditTrail.GenesisHash;
            foreach (var e in entries) { e.PreviousHash = previous; e.Hash = EfAuditTrail.HashOf(e); previous = e.Hash; }
            await db.SaveChangesAsync();
        });
        var report = await chain.VerifyAsync();
        report.Intact.ShouldBeFalse();
        report.FirstBrokenSequence.ShouldBe(4);
    }
}
