using System.Data.Common;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Persistence;

/// <summary>
/// The schema and the mapping, on each database provider: the hand-written migrations must build exactly
/// what the model describes, upgrade in place, and store every entity faithfully.
/// </summary>
public abstract class DatabaseContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _cleanup = [];
    private readonly string _dataDirectory = TestEnvironment.NewTempDirectory("db");

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A connection string to a new, empty database.</summary>
    protected abstract Task<string> NewDatabaseAsync(string purpose, List<IAsyncDisposable> cleanup);

    /// <summary>Tables, columns (type, nullability, identity), indexes and constraints as comparable lines.</summary>
    protected abstract Task<List<string>> ReadSchemaAsync(DbConnection connection);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var d in _cleanup) await d.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private DocSignDbContext NewContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<DocSignDbContext>();
        PersistenceModule.ConfigureDatabase(options, Provider, connectionString);
        return new DocSignDbContext(options.Options);
    }

    private ServiceProvider NewServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = _dataDirectory,
            ["DocSign:Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:DocSign"] = connectionString,
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:Jobs:SchedulerName"] = $"db-test-{Guid.NewGuid():N}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDocSignInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Migrations_build_exactly_the_schema_the_model_describes()
    {
        var migratedConnection = await NewDatabaseAsync("migrated", _cleanup);
        var createdConnection = await NewDatabaseAsync("created", _cleanup);
        await using (var migrated = NewContext(migratedConnection)) await migrated.Database.MigrateAsync();
        await using (var created = NewContext(createdConnection)) await created.Database.EnsureCreatedAsync();

        List<string> fromMigrations, fromModel;
        await using (var migrated = NewContext(migratedConnection))
        {
            await migrated.Database.OpenConnectionAsync();
            fromMigrations = await ReadSchemaAsync(migrated.Database.GetDbConnection());
        }
        await using (var created = NewContext(createdConnection))
        {
            await created.Database.OpenConnectionAsync();
            fromModel = await ReadSchemaAsync(created.Database.GetDbConnection());
        }

        fromModel.Count.ShouldBeGreaterThan(50);
        fromMigrations.ShouldBe(fromModel);
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_again_changes_nothing()
    {
        var connection = await NewDatabaseAsync("twice", _cleanup);
        await using (var db = NewContext(connection)) await db.Database.MigrateAsync();
        await using (var db = NewContext(connection))
        {
            await db.Database.MigrateAsync();
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
        }
    }

    [Fact]
    public async Task Every_entity_is_stored_and_read_back_faithfully_through_the_application_wiring()
    {
        await using var services = NewServices(await NewDatabaseAsync("entities", _cleanup));
        await services.InitializeDocSignAsync();
        await services.InitializeDocSignAsync(); // seeding twice must not duplicate anything

        var documentId = Guid.NewGuid();
        var at = new DateTimeOffset(2024, 3, 5, 8, 30, 15, 123, TimeSpan.Zero);
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
            var camat = (await users.FindByNameAsync("camat.kanigaran"))!;
            (await users.AddClaimAsync(camat, new System.Security.Claims.Claim("nip", "199001012020121001"))).Succeeded.ShouldBeTrue();
            (await users.AddLoginAsync(camat, new UserLoginInfo("bsre", "subject-1", "BSrE"))).Succeeded.ShouldBeTrue();
            (await users.SetAuthenticationTokenAsync(camat, "docsign", "enrollment", "token-value")).Succeeded.ShouldBeTrue();

            var repository = scope.ServiceProvider.GetRequiredService<IDocumentRepository>();
            var document = new Document(documentId, "kanigaran", 2024, "lkjip", "LKjIP Kecamatan Kanigaran 2024", "staf.kanigaran", at);
            document.AddVersion(Guid.NewGuid(), VersionStage.Draft, "staf.kanigaran", at, null, 1234, new string('a', 64), $"documents/{documentId:N}/v0001-a.pdf", 1);
            await repository.AddAsync(document);
            var fin = document.AddVersion(Guid.NewGuid(), VersionStage.Final, "sekcam.kanigaran", at.AddDays(2), "Sudah dikoreksi Sekcam", 5678,
                new string('b', 64), $"documents/{documentId:N}/v0002-b.pdf", 2);
            await repository.AddVersionAsync(fin);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            (await db.Offices.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync()).ShouldBe(["candipuro", "kanigaran", "lumajang", "pronojiwo"]);
            // Plus the admin and the Inspektorat auditor, who is assigned the three Lumajang offices.
            (await db.Users.CountAsync()).ShouldBe(4 * OfficeRole.All.Count + 2);
            (await db.Memberships.CountAsync()).ShouldBe(4 * OfficeRole.All.Count + DemoSeeder.LumajangRegencyOffices.Count);
            (await db.Users.SingleAsync(u => u.UserName == "admin")).IsAdministrator.ShouldBeTrue();

            var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
            var camat = (await users.FindByNameAsync("camat.kanigaran"))!;
            (await users.CheckPasswordAsync(camat, DemoOptions.Password)).ShouldBeTrue();
            (await users.GetClaimsAsync(camat)).Single(c => c.Type != DemoAccounts.ClaimType).Value.ShouldBe("199001012020121001");
            (await users.GetLoginsAsync(camat)).Single().ProviderKey.ShouldBe("subject-1");
            (await users.GetAuthenticationTokenAsync(camat, "docsign", "enrollment")).ShouldBe("token-value");

            var actor = await scope.ServiceProvider.GetRequiredService<IActorDirectory>().FindAsync(camat.Id);
            actor.ShouldNotBeNull();
            actor.Memberships.ShouldBe([new Core.Access.OfficeMembership("kanigaran", OfficeRole.Camat)]);

            var document = await scope.ServiceProvider.GetRequiredService<IDocumentRepository>().FindAsync(documentId);
            document.ShouldNotBeNull();
            document.OfficeId.ShouldBe("kanigaran");
            document.Year.ShouldBe(2024);
            document.Kind.ShouldBe("lkjip");
            document.Title.ShouldBe("LKjIP Kecamatan Kanigaran 2024");
            document.CreatedAt.ShouldBe(at);
            var versions = document.Versions.OrderBy(v => v.Number).ToList();
            versions.Select(v => v.Stage).ShouldBe([VersionStage.Draft, VersionStage.Final]);
            versions[1].UploadedBy.ShouldBe("sekcam.kanigaran");
            versions[1].UploadedAt.ShouldBe(at.AddDays(2));
            versions[1].Note.ShouldBe("Sudah dikoreksi Sekcam");
            versions[1].Size.ShouldBe(5678);
            versions[1].Sha256.ShouldBe(new string('b', 64));
            versions[0].Note.ShouldBeNull();

            var referenced = await scope.ServiceProvider.GetRequiredService<IDocumentRepository>()
                .FindReferencedKeysAsync([versions[0].ObjectKey, "documents/unknown/v0001-x.pdf"]);
            referenced.ShouldBe(new HashSet<string> { versions[0].ObjectKey });

            // Stages are stored as their wire words, so later stages need no data migration.
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Stage\" FROM \"DocumentVersions\" ORDER BY \"Number\"";
            var stages = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) stages.Add(reader.GetString(0));
            stages.ShouldBe(["draft", "final"]);
        }
    }

    [Fact]
    public async Task A_version_number_is_given_to_only_one_version_of_a_document()
    {
        await using var services = NewServices(await NewDatabaseAsync("numbers", _cleanup));
        await services.InitializeDocSignAsync();
        var documentId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        await using (var scope = services.CreateAsyncScope())
        {
            var document = new Document(documentId, "lumajang", 2025, "lkjip", "LKjIP 2025", "staf.lumajang", now);
            document.AddVersion(Guid.NewGuid(), VersionStage.Draft, "staf.lumajang", now, null, 1, new string('0', 64), "documents/n/v0001-a.pdf", 1);
            await scope.ServiceProvider.GetRequiredService<IDocumentRepository>().AddAsync(document);
        }

        // Two uploads that both read "next is 2" in their own scope: the second must lose.
        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var firstDocument = (await first.ServiceProvider.GetRequiredService<IDocumentRepository>().FindAsync(documentId))!;
        var secondDocument = (await second.ServiceProvider.GetRequiredService<IDocumentRepository>().FindAsync(documentId))!;
        var a = firstDocument.AddVersion(Guid.NewGuid(), VersionStage.Corrected, "staf.lumajang", now, null, 1, new string('1', 64), "documents/n/v0002-a.pdf", firstDocument.NextVersionNumber);
        var b = secondDocument.AddVersion(Guid.NewGuid(), VersionStage.Corrected, "kasi.lumajang", now, null, 1, new string('2', 64), "documents/n/v0002-b.pdf", secondDocument.NextVersionNumber);
        a.Number.ShouldBe(2);
        b.Number.ShouldBe(2);

        await first.ServiceProvider.GetRequiredService<IDocumentRepository>().AddVersionAsync(a);
        await Should.ThrowAsync<VersionNumberTakenException>(() => second.ServiceProvider.GetRequiredService<IDocumentRepository>().AddVersionAsync(b));

        await using var check = services.CreateAsyncScope();
        var stored = (await check.ServiceProvider.GetRequiredService<IDocumentRepository>().FindAsync(documentId))!;
        stored.Versions.Select(v => (v.Number, v.UploadedBy)).OrderBy(x => x.Number).ShouldBe([(1, "staf.lumajang"), (2, "staf.lumajang")]);
    }

    protected static async Task<List<string>> QueryLinesAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++) fields[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i))!;
            lines.Add(string.Join(" | ", fields));
        }
        return lines;
    }
}
