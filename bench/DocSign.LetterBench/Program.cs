// Letter benchmarks (not tests): numbers allocated per second by 32 concurrent clients through the use case on
// PostgreSQL (pooled connections), and surat pengantar letters drawn, sealed (B-T, sample TSA) and stored per second.
// Usage: DocSign.LetterBench POSTGRES_ADMIN_CONNECTION [NUMBERS=5000] [LETTERS=20]
using System.Diagnostics;
using DocSign.Core.Access;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Infrastructure;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

var admin = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("DOCSIGN_TEST_POSTGRES") ?? throw new ArgumentException("PostgreSQL connection string needed");
var numbers = args.Length > 1 ? int.Parse(args[1]) : 5000;
var lettersToMake = args.Length > 2 ? int.Parse(args[2]) : 20;
const int Clients = 32;

var dbName = $"docsign_letterbench_{Guid.NewGuid():N}";
await using (var c = new NpgsqlConnection(admin)) { await c.OpenAsync(); await new NpgsqlCommand($"CREATE DATABASE \"{dbName}\"", c).ExecuteNonQueryAsync(); }
var cs = new NpgsqlConnectionStringBuilder(admin) { Database = dbName, Pooling = true, MaxPoolSize = 64 }.ConnectionString;
var data = Path.Combine(Path.GetTempPath(), "docsign-letterbench-" + Guid.NewGuid().ToString("N"));
try
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["DocSign:DataDirectory"] = data,
        ["DocSign:Database:Provider"] = "Postgres",
        ["ConnectionStrings:DocSign"] = cs,
        ["DocSign:SamplePkiDirectory"] = SamplePki.Dir,
        ["DocSign:Letters:Signing:TsaUrl"] = SamplePki.TsaUrl.ToString(),
        ["DocSign:Letters:DailyReservationsPerUser"] = "0",   // thousands of numbers by one clerk: no daily cap
    }).Build();
    var services = new ServiceCollection();
    services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    services.AddSingleton<IConfiguration>(configuration);
    services.AddDocSignInfrastructure(configuration);
    await using var sp = services.BuildServiceProvider();
    await using (var scope = sp.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        await db.Database.MigrateAsync();
        foreach (var (id, name) in DemoSeeder.Offices) db.Offices.Add(new Office(id, name));
        foreach (var t in DemoSeeder.DemoLetterTemplates()) db.Set<LetterTemplate>().Add(t);
        await db.SaveChangesAsync();
    }

    var actor = new Actor("bench", "kasubag-umum.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.KasubagUmum)]);
    async Task Reserve(int i)
    {
        await using var scope = sp.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReserveLetterNumberHandler>()
            .HandleAsync(actor, new ReserveLetterNumberRequest("kanigaran", "000.8.6.3", $"Surat {i}"));
    }
    // Warm-up as the service is after a while: 8 s of the same load, so the JIT's tiers have settled and the pool
    // and prepared statements are ready (the counter check below counts these numbers too).
    var warm = 0;
    var warmUntil = DateTime.UtcNow.AddSeconds(8);
    await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
    {
        while (DateTime.UtcNow < warmUntil) await Reserve(-Interlocked.Increment(ref warm));
    }));
    var WarmUp = warm;
    var next = 0;
    var sw = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) <= numbers) await Reserve(i);
    }));
    sw.Stop();
    int last, count;
    await using (var scope = sp.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        last = (await db.Set<LetterCounter>().SingleAsync(c => c.OfficeId == "kanigaran")).LastSequence;
        count = await db.Set<Letter>().CountAsync(l => l.OfficeId == "kanigaran");
    }
    var perSecond = numbers / sw.Elapsed.TotalSeconds;

    // Surat pengantar: signed documents in place, then the use case the job runs, one after the other.
    var ids = new List<Guid>();
    for (var i = 0; i < lettersToMake; i++)
        ids.Add(await BenchDocuments.CreateSignedAsync(sp, "kanigaran", $"LKjIP Kecamatan Kanigaran Tahun {2000 + i}"));
    await using (var scope = sp.CreateAsyncScope())
        await scope.ServiceProvider.GetRequiredService<CreateCoverLetterHandler>().HandleAsync(ids[0]);   // warm-up
    var lsw = Stopwatch.StartNew();
    foreach (var id in ids.Skip(1))
    {
        await using var scope = sp.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CreateCoverLetterHandler>().HandleAsync(id);
    }
    lsw.Stop();
    var lettersPerSecond = (ids.Count - 1) / lsw.Elapsed.TotalSeconds;

    Console.WriteLine("| measure | value |");
    Console.WriteLine("|---|---|");
    Console.WriteLine($"| numbers allocated, {Clients} concurrent clients, PostgreSQL, in-process use case | {numbers} in {sw.Elapsed.TotalSeconds:0.00} s = **{perSecond:0} /s** |");
    Console.WriteLine($"| register after the run | {count} letters, counter {last}, gap-free: {(count == last && last == numbers + WarmUp ? "yes" : "NO")} |");
    Console.WriteLine($"| surat pengantar drawn + sealed (B-T, sample TSA) + stored, one at a time | {ids.Count - 1} in {lsw.Elapsed.TotalSeconds:0.00} s = **{lettersPerSecond:0.0} /s** ({lsw.Elapsed.TotalMilliseconds / (ids.Count - 1):0} ms each) |");
    Console.WriteLine($"| machine | {Environment.ProcessorCount} cores |");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using (var c = new NpgsqlConnection(admin)) { await c.OpenAsync(); await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{dbName}\" WITH (FORCE)", c).ExecuteNonQueryAsync(); }
    try { Directory.Delete(data, true); } catch (IOException) { }
}

internal static class BenchDocuments
{
    public static async Task<Guid> CreateSignedAsync(IServiceProvider services, string office, string title)
    {
        var signed = await DocSign.Testing.Attacks.TestSigner.SignAsync(DocSign.Testing.SamplePdfs.SamplePdfs.OnePage(title),
            new DocSign.Testing.Attacks.TestSignOptions { Signer = "camat-" + office, Tsa = SamplePki.TsaUrl });
        await using var scope = services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredService<DocSign.Core.Ports.IDocumentRepository>();
        var store = scope.ServiceProvider.GetRequiredService<DocSign.Core.Ports.IObjectStore>();
        var id = Guid.NewGuid();
        var document = new DocSign.Core.Documents.Document(id, office, 2025, "lkjip", title, "staf." + office, DateTimeOffset.UtcNow);
        var key = DocSign.Core.Documents.VersionUploader.NewObjectKey(id, 1);
        var stored = await store.PutAsync(key, new MemoryStream(signed));
        document.AddVersion(Guid.NewGuid(), DocSign.Core.Documents.VersionStage.Signed, "camat." + office, DateTimeOffset.UtcNow, null, signed.Length, stored.Sha256!, key, 1);
        await documents.AddAsync(document);
        return id;
    }
}
