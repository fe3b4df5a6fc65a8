using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Audit;
using DocSign.Infrastructure;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Web.Tests.Security;

/// <summary>The audit trail through the API, request limits, and the data folder's permissions.</summary>
public sealed class AuditAndLimitsTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    [Fact]
    public async Task A_one_megabyte_anonymous_body_is_refused_with_413()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsync("/api/auth/token", new ByteArrayContent(new byte[1024 * 1024]) { Headers = { ContentType = new("application/json") } });
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("64 KB");
        var upload = await client.PostAsync("/api/documents", new ByteArrayContent(new byte[1024 * 1024]));
        upload.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_form_with_too_many_fields_is_refused_naming_that_limit()
    {
        using var client = await app.As("staf.kanigaran");
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 70; i++) form.Add(new StringContent("x"), $"isian{i}");
        var response = await client.PostAsync("/api/documents", form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("terlalu banyak isian");
    }

    [Fact]
    public async Task Responses_carry_nosniff_and_API_answers_are_not_cached()
    {
        using var client = await app.As("staf.kanigaran");
        var response = await client.GetAsync("/api/documents");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Uploads_and_downloads_are_in_the_offices_trail_which_only_its_auditors_and_the_admin_read()
    {
        using var staff = await app.As("staf.kanigaran");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("kanigaran"), "office" }, { new StringContent("2030"), "year" },
            { new StringContent("lkjip"), "kind" }, { new StringContent("Jejak audit"), "title" },
            { new ByteArrayContent(SamplePdfs.OnePage("audit")), "file", "a.pdf" },
        };
        var created = await (await staff.PostAsync("/api/documents", form)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        (await staff.GetAsync($"/api/documents/{id}/versions/1/content")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var auditor = await app.As("auditor.kanigaran");
        var trail = await auditor.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/audit?from=2000-01-01");
        // The document's own events (its SOP run adds workflow.* events of its own, checked by the workflow tests).
        var events = trail.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("document").GetString() == id && e.GetProperty("action").GetString()!.StartsWith("document.")).ToList();
        events.Select(e => e.GetProperty("action").GetString()).ShouldBe([AuditActions.DocumentCreated, AuditActions.VersionDownloaded]);
        events.ShouldAllBe(e => e.GetProperty("who").GetString() == "staf.kanigaran" && e.GetProperty("sha256").GetString()!.Length == 64);

        var csv = await auditor.GetAsync("/api/offices/kanigaran/audit?format=csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldStartWith("sequence,at,action,outcome,who");

        var pdf = await auditor.GetAsync("/api/offices/kanigaran/audit?format=pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using (var verifyForm = new MultipartFormDataContent { { new ByteArrayContent(await pdf.Content.ReadAsByteArrayAsync()), "file", "audit.pdf" } })
        {
            var report = await (await auditor.PostAsync("/api/verify", verifyForm)).Content.ReadFromJsonAsync<JsonElement>();
            var signature = report.GetProperty("signatures")[0];
            signature.GetProperty("signer").GetProperty("name").GetString()!.ShouldContain("Kanigaran");
            signature.GetProperty("indication").GetString().ShouldNotBe("TOTAL_FAILED", report.GetRawText());
            signature.GetProperty("coverage").GetString().ShouldBe("ENTIRE_FILE");
        }

        using var otherAuditor = await app.As("auditor.inspektorat");
        (await otherAuditor.GetAsync("/api/offices/kanigaran/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAuditor.GetAsync("/api/offices/lumajang/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync("/api/offices/kanigaran/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var admin = await app.As("admin");
        (await admin.GetAsync("/api/offices/kanigaran/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync("/api/audit/verify")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var check = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        check.GetProperty("intact").GetBoolean().ShouldBeTrue(check.GetRawText());
    }

    [Fact]
    public async Task The_data_folder_and_the_files_in_it_are_private_and_the_sign_in_keys_are_stored_encrypted()
    {
        using (var staff = await app.As("staf.kanigaran"))
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("kanigaran"), "office" }, { new StringContent("2030"), "year" },
                { new StringContent("lkjip"), "kind" }, { new StringContent("Berkas pribadi"), "title" },
                { new ByteArrayContent(SamplePdfs.OnePage("pribadi")), "file", "a.pdf" },
            };
            (await staff.PostAsync("/api/documents", form)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var root = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DocSignOptions>>().Value.DataDirectory;
        File.GetUnixFileMode(root).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var entries = new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).ToList();
        entries.ShouldContain(e => e.Name == "docsign.db");
        entries.ShouldContain(e => e.FullName.Contains("blobs"));
        foreach (var entry in entries)
            (entry.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute))
                .ShouldBe(UnixFileMode.None, entry.FullName);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var keys = await db.Set<DocSign.Infrastructure.Security.DataProtectionKeyRow>().Select(k => k.Xml).ToListAsync();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(x => x.Contains("AesGcmXmlDecryptor") && !x.Contains("unencrypted form"));
        // Nothing of the key ring on disk; the data folder's keys/ holds only the audit chain key (0600).
        if (Directory.Exists(Path.Combine(root, "keys")))
            Directory.GetFiles(Path.Combine(root, "keys")).Select(Path.GetFileName).ShouldBe(["audit-chain.key"]);
    }
}

/// <summary>The audit chain itself: concurrent appends from two instances, and tampering found.</summary>
public sealed class AuditChainTests
{
    private static ServiceProvider Instance(string provider, string connectionString, string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = dataDirectory,
            ["DocSign:Database:Provider"] = provider,
            ["ConnectionStrings:DocSign"] = connectionString,
            ["DocSign:Jobs:SchedulerName"] = $"audit-{Guid.NewGuid():N}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddDocSignInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_appends_from_two_instances_make_one_chain_and_an_edited_or_deleted_row_is_named(string provider)
    {
        var dir = TestEnvironment.NewTempDirectory("audit");
        PostgresDatabase? pg = null;
        string connection;
        if (provider == "Postgres") { pg = await PostgresDatabase.CreateAsync("audit"); connection = pg.ConnectionString; }
        else connection = $"Data Source={Path.Combine(dir, "audit.db")}";
        try
        {
            await using var a = Instance(provider, connection, dir);
            await using var b = Instance(provider, connection, dir);
            await a.MigrateDocSignAsync();

            async Task Append(ServiceProvider instance, int i)
            {
                await using var scope = instance.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordNowAsync(new AuditEvent(AuditActions.Verified) { OfficeId = "kanigaran", Detail = $"peristiwa {i}" });
            }
            await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Append(i % 2 == 0 ? a : b, i)));

            await using var scope = a.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            var verifier = scope.ServiceProvider.GetRequiredService<AuditChainVerifier>();
            (await db.AuditEntries.Select(e => e.Sequence).OrderBy(s => s).ToListAsync()).ShouldBe(Enumerable.Range(1, 60).Select(i => (long)i));
            (await verifier.VerifyAsync()).ShouldBe(new AuditChainReport(true, 60, null, null, null));

            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = 'diubah' WHERE "Sequence" = 17""");
            var edited = await verifier.VerifyAsync();
            edited.Intact.ShouldBeFalse();
            edited.FirstBrokenSequence.ShouldBe(17);
            edited.Problem!.ShouldContain("diubah");

            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 9""");
            var deleted = await verifier.VerifyAsync();
            deleted.FirstBrokenSequence.ShouldBe(9);
            deleted.Problem!.ShouldContain("terhapus");

            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" >= 9""");
            var tail = await verifier.VerifyAsync();
            tail.Intact.ShouldBeFalse();
            tail.FirstBrokenSequence.ShouldBe(9);
        }
        finally
        {
            if (pg is not null) await pg.DisposeAsync();
        }
    }

}
