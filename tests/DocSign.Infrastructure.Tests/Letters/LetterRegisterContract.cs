using System.Collections.Concurrent;
using DocSign.Core.Audit;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Letters;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace DocSign.Infrastructure.Tests.Letters;

/// <summary>
/// The register's group allocation on each database: requests that wait while a transaction runs are numbered
/// together in the next one, and still every request gets exactly what it would have got alone: its own number
/// in order, its replayed letter, its own failure, or its cancellation, with no gap and one audit entry per number.
/// </summary>
public abstract class LetterRegisterContract : IAsyncLifetime
{
    private const string Office = "kanigaran";
    private const int Year = 2026;
    private readonly List<IAsyncDisposable> _cleanup = [];
    private readonly string _dataDirectory = TestEnvironment.NewTempDirectory("register");
    private readonly BatchLog _batches = new();
    private ServiceProvider _services = null!;

    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(List<IAsyncDisposable> cleanup);

    public async Task InitializeAsync()
    {
        var connectionString = await NewDatabaseAsync(_cleanup);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = _dataDirectory,
            ["DocSign:Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:DocSign"] = connectionString,
            ["DocSign:Jobs:SchedulerName"] = $"register-test-{Guid.NewGuid():N}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(_batches));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDocSignInfrastructure(configuration);
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        await db.Database.MigrateAsync();
        db.Offices.Add(new Office(Office, "Kecamatan Kanigaran"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        foreach (var d in _cleanup) await d.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Requests_waiting_on_a_running_transaction_are_numbered_together_in_order_and_a_failing_builder_gives_its_number_to_the_next()
    {
        using var gate = new SemaphoreSlim(0);
        var first = ReserveAsync("pertama", block: gate);
        await WaitUntilAsync(() => _building > 0);   // the first transaction holds the counter now

        var waiting = Enumerable.Range(1, 20).Select(i => ReserveAsync($"surat {i}", fail: i % 5 == 0)).ToList();
        await WaitUntilAsync(() => Waiting == 20);   // all of them queued behind the running transaction
        gate.Release();

        (await first).Created.ShouldBeTrue();
        var outcomes = await Task.WhenAll(waiting.Select(async t =>
        {
            try { return (Letter: (await t).Letter, Error: (Exception?)null); }
            catch (Exception e) { return (Letter: (Letter?)null, Error: e); }
        }));

        outcomes.Count(o => o.Error is not null).ShouldBe(4);
        outcomes.Where(o => o.Error is not null).ShouldAllBe(o => o.Error!.Message == "builder refused");
        // The numbers follow the order of the requests, the failed ones skipped without a gap.
        var numbered = outcomes.Where(o => o.Letter is not null).Select(o => o.Letter!).ToList();
        numbered.Select(l => l.Sequence).ShouldBe(Enumerable.Range(2, 16));
        numbered.Select(l => l.Subject).ShouldBe(Enumerable.Range(1, 20).Where(i => i % 5 != 0).Select(i => $"surat {i}"));

        await AssertRegisterAsync(lastSequence: 17, letters: 17);
        _batches.Numbered.ShouldContain(n => n > 1, "the waiting requests should share a transaction: " + string.Join(", ", _batches.Numbered));
    }

    [Fact]
    public async Task A_request_cancelled_while_it_waits_takes_no_number()
    {
        using var gate = new SemaphoreSlim(0);
        var first = ReserveAsync("pertama", block: gate);
        await WaitUntilAsync(() => _building > 0);
        using var cancel = new CancellationTokenSource();
        var cancelled = ReserveAsync("dibatalkan", cancellationToken: cancel.Token);
        var after = ReserveAsync("sesudahnya");
        await WaitUntilAsync(() => Waiting == 2);
        await cancel.CancelAsync();
        gate.Release();

        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        (await first).Letter.Sequence.ShouldBe(1);
        (await after).Letter.Sequence.ShouldBe(2);
        await AssertRegisterAsync(lastSequence: 2, letters: 2);
    }

    [Fact]
    public async Task Two_requests_with_one_key_in_one_transaction_share_one_letter_and_one_number()
    {
        using var gate = new SemaphoreSlim(0);
        var first = ReserveAsync("pertama", block: gate);
        await WaitUntilAsync(() => _building > 0);
        var a = ReserveAsync("kunci sama", key: "api:k-1");
        var b = ReserveAsync("kunci sama", key: "api:k-1");
        await WaitUntilAsync(() => Waiting == 2);   // both in the lane, so one transaction takes them together
        gate.Release();
        await first;

        var results = new[] { await a, await b };
        results.Count(r => r.Created).ShouldBe(1);
        results[0].Letter.Id.ShouldBe(results[1].Letter.Id);
        results[0].Letter.Sequence.ShouldBe(2);
        // A later retry with the key finds the same letter, still without taking a number.
        var retry = await ReserveAsync("kunci sama", key: "api:k-1");
        retry.Created.ShouldBeFalse();
        retry.Letter.Id.ShouldBe(results[0].Letter.Id);
        await AssertRegisterAsync(lastSequence: 2, letters: 2);
    }

    [Fact]
    public async Task The_letter_a_caller_gets_is_its_own_to_change_and_save()
    {
        await using var scope = _services.CreateAsyncScope();
        var register = scope.ServiceProvider.GetRequiredService<ILetterRegister>();
        var (letter, _) = await register.ReserveAsync(Office, Year, null, n => Numbered(n, "akan dibatalkan", null));
        letter.MarkVoid("salah alamat", "kasubag-umum.kanigaran", DateTimeOffset.UtcNow);
        await register.SaveAsync();

        await using var check = _services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<ILetterRegister>().FindAsync(letter.Id);
        stored!.Status.ShouldBe(LetterStatus.Void);
    }

    [Fact]
    public async Task A_pooled_context_left_by_a_failed_save_saves_normally_in_its_next_lease()
    {
        // EF reports a concurrency conflict neither as saved nor as failed to interceptors; the chain's own
        // transaction of that save must not haunt the context's next lease.
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record(new AuditEvent(AuditActions.LetterNumbered) { OfficeId = Office, Detail = "gagal" });
            db.Entry(new Office("tidak-ada", "Tidak ada")).State = EntityState.Modified;   // updates no row
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }
        await using (var scope = _services.CreateAsyncScope())
        {
            // A save with no audit entry of its own: nothing of the failed lease may be committed here.
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            db.Offices.Add(new Office("lumajang", "Kecamatan Lumajang"));
            await db.SaveChangesAsync();
        }
        for (var i = 0; i < 3; i++)
        {
            await using var scope = _services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordNowAsync(new AuditEvent(AuditActions.LetterNumbered) { OfficeId = Office, Detail = $"berikutnya {i}" });
        }
        await using var verify = _services.CreateAsyncScope();
        var report = await verify.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        report.Intact.ShouldBeTrue(report.Problem);
        report.Entries.ShouldBe(3);
    }

    private int _building;

    private async Task<(Letter Letter, bool Created)> ReserveAsync(string subject, SemaphoreSlim? block = null, bool fail = false, string? key = null,
        CancellationToken cancellationToken = default)
    {
        await using var scope = _services.CreateAsyncScope();
        var register = scope.ServiceProvider.GetRequiredService<ILetterRegister>();
        return await register.ReserveAsync(Office, Year, key, n =>
        {
            Interlocked.Increment(ref _building);
            if (block is not null && !block.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("The test never released the first transaction.");
            if (fail) throw new InvalidOperationException("builder refused");
            return Numbered(n, subject, key);
        }, cancellationToken);
    }

    private static NumberedLetter Numbered(int sequence, string subject, string? key) => new(
        new Letter(Guid.NewGuid(), Office, Year, sequence, 0, $"065/{sequence}/427.83/{Year}", new DateOnly(Year, 3, 2), "065", subject, "Biasa", "",
            LetterKinds.External, null, key, null, "kasubag-umum.kanigaran", DateTimeOffset.UtcNow),
        new AuditEvent(AuditActions.LetterNumbered) { OfficeId = Office, Detail = $"{sequence}: {subject}" });

    private async Task AssertRegisterAsync(int lastSequence, int letters)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        (await db.Set<LetterCounter>().SingleAsync(c => c.OfficeId == Office && c.Year == Year)).LastSequence.ShouldBe(lastSequence);
        var sequences = await db.Set<Letter>().Where(l => l.OfficeId == Office).Select(l => l.Sequence).OrderBy(s => s).ToListAsync();
        sequences.ShouldBe(Enumerable.Range(1, letters));
        (await db.AuditEntries.CountAsync(e => e.Action == AuditActions.LetterNumbered)).ShouldBe(letters);
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        report.Intact.ShouldBeTrue(report.Problem);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Wait.UntilAsync(condition, TimeSpan.FromSeconds(60), () => "the register's lane state");

    /// <summary>Requests of the test's office-year queued in the register's lane, not yet taken by a transaction.</summary>
    private int Waiting => _services.GetRequiredService<LetterNumberLanes>().Waiting(Office, Year);

    /// <summary>How many numbers each of the register's transactions gave (from its debug line).</summary>
    private sealed class BatchLog : ILoggerProvider
    {
        public readonly ConcurrentQueue<int> Numbered = new();

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(LetterNumberLanes).FullName ? new Logger(Numbered) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<int> numbered) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (state is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Numbered").Value is int n)
                    numbered.Enqueue(n);
            }
        }
    }
}

public sealed class SqliteLetterRegisterTests : LetterRegisterContract
{
    private readonly string _folder = TestEnvironment.NewTempDirectory("register-sqlite");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(List<IAsyncDisposable> cleanup) =>
        Task.FromResult($"Data Source={Path.Combine(_folder, "register.db")}");
}

public sealed class PostgresLetterRegisterTests : LetterRegisterContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> NewDatabaseAsync(List<IAsyncDisposable> cleanup)
    {
        var database = await PostgresDatabase.CreateAsync("register");
        cleanup.Add(database);
        return database.ConnectionString;
    }
}
