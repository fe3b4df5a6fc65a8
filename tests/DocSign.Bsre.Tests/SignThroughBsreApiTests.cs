using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocSign.BsreEmulator;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DocSign.Testing.Oracles;

namespace DocSign.Bsre.Tests;

/// <summary>A whole DocSign (SQLite, file store, demo data) whose Lumajang Camat is enrolled by NIK with a BSrE emulator.</summary>
public sealed class BsreWebFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://docsign.contoh.go.id";
    private readonly string _data = TestEnvironment.NewTempDirectory("bsre-web");
    private readonly Dictionary<string, string> _tokens = new();
    private WebApplicationFactory<Program> _factory = null!;

    public RunningEmulator Emulator { get; private set; } = null!;

    /// <summary>Every log line of the host, down to Debug (to prove no passphrase reaches a log).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();
    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        PkiServices.EnsureRunning();
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { PkiDirectory = EmulatorFixture.PkiDirectory, ApiUrl = "http://127.0.0.1:0", ServicesUrl = null });
        var settings = new Dictionary<string, string?>
        {
            ["DocSign:Database:Provider"] = "Sqlite",
            ["DocSign:Storage:Kind"] = "FileSystem",
            ["DocSign:DataDirectory"] = _data,
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:Demo:BsreNik:lumajang"] = Providers.BambangNik,
            ["DocSign:Jobs:SchedulerName"] = $"bsre-{Guid.NewGuid():N}",
            ["DocSign:SamplePkiDirectory"] = SamplePki.Dir,
            ["DocSign:Verification:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
            ["DocSign:Verification:TrustAnchors:1"] = Path.Combine(EmulatorFixture.PkiDirectory, "root.pem"),
            ["DocSign:Signing:TsaUrl"] = SamplePki.TsaUrl.AbsoluteUri,
            ["DocSign:Signing:Bsre:BaseUrl"] = Emulator.BaseUrl.ToString(),
            ["DocSign:Signing:Bsre:User"] = Registry.DefaultUser,
            ["DocSign:Signing:Bsre:Password"] = Registry.DefaultPassword,
            ["DocSign:Signing:Bsre:Timeout"] = "00:00:03",
            ["DocSign:Signing:Bsre:TrustAnchors:0"] = Path.Combine(EmulatorFixture.PkiDirectory, "root.pem"),
            ["DocSign:PublicBaseUrl"] = PublicBaseUrl,
            ["Logging:LogLevel:Default"] = "Debug",
        };
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Demo");   // the demo offices and the sample PKIs run only in Demo or Development
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureLogging(l => l.AddProvider(new QueueLogs(Logs)));
        });
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Emulator.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    /// <summary>A Lumajang document whose latest version is final: put to the Camat.</summary>
    public async Task<Guid> FinalDocumentAsync(string title = "LKjIP Kecamatan Lumajang Tahun 2025")
    {
        using var staff = await As("staf.lumajang");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.MultiPageText(2),
            ("office", "lumajang"), ("year", "2025"), ("kind", "laporan"), ("title", title)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var sekcam = await As("sekcam.lumajang");
        var final = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes($"% final {Guid.NewGuid():N}\n")).ToArray();
        var v = await sekcam.PostAsync($"/api/documents/{id}/versions", ApiRequests.PdfForm(final, ("stage", "final"), ("note", "Final")));
        v.StatusCode.ShouldBe(HttpStatusCode.Created, await v.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>What is stored for a document: versions, signature records, and objects under documents/ (all documents).</summary>
    public async Task<(int Versions, int Records, int Objects)> StoredAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var versions = await db.Set<DocSign.Core.Documents.DocumentVersion>().AsNoTracking().CountAsync(v => EF.Property<Guid>(v, "DocumentId") == id);
        var records = await db.Set<SignatureRecord>().AsNoTracking().CountAsync(r => r.DocumentId == id);
        int objects = 0;
        await foreach (var _ in scope.ServiceProvider.GetRequiredService<DocSign.Core.Ports.IObjectStore>().ListAsync("documents/")) objects++;
        return (versions, records, objects);
    }

    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = _factory.CreateClient();
            _tokens[userName] = token = await ApiRequests.DemoTokenAsync(anonymous, userName);
        }
        return ApiRequests.Bearer(_factory.CreateClient(), token);
    }
}

internal sealed class QueueLogs(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>
/// The Camat of Lumajang signs through BSrE in the running service: VALID at B-LT under his own (DocSign-recorded) name and
/// NIP; BSrE's refusal shown verbatim; every emulator fault refused with no version, no stored object and no record.
/// </summary>
public sealed class SignThroughBsreApiTests(BsreWebFixture app) : IClassFixture<BsreWebFixture>
{
    private static MultipartFormDataContent PdfForm(byte[] file, params (string Name, string Value)[] fields) => ApiRequests.PdfForm(file, fields);

    private Task<Guid> FinalDocumentAsync() => app.FinalDocumentAsync();

    private Task<(int Versions, int Records, int Objects)> StoredAsync(Guid id) => app.StoredAsync(id);

    [Fact]
    public async Task The_camat_of_lumajang_signs_through_bsre_with_nik_and_passphrase_into_a_valid_BLT_version()
    {
        var id = await FinalDocumentAsync();
        using var camat = await app.As("camat.lumajang");
        var response = await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = Providers.BambangPassphrase });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("verdict").GetString().ShouldBe("VALID");
        var signature = body.GetProperty("verification").GetProperty("signatures")[0];
        signature.GetProperty("level").GetString().ShouldBe("B-LT");
        signature.GetProperty("signer").GetProperty("name").GetString().ShouldBe("Bambang Setiadi");
        // BSrE's certificate carries no NIP; the record's NIP is DocSign's own.
        signature.GetProperty("signer").GetProperty("nip").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("signature").GetProperty("signer").GetProperty("nipFormatted").GetString().ShouldBe("19710809 199803 1 006");
        // The demo's emulator is not BSrE: its stamp and record must not claim BSrE as the issuer.
        body.GetProperty("signature").GetProperty("certificateIssuer").GetString().ShouldBe(DocSign.Core.Signing.SignerEnrolment.BsreEmulatorIssuer);

        // BSrE drew the visible signature with linkQR = DocSign's public page of this version: the QR code decodes to it.
        var publicUrl = body.GetProperty("publicUrl").GetString()!;
        publicUrl.ShouldStartWith(BsreWebFixture.PublicBaseUrl + "/v/");
        var number = body.GetProperty("version").GetProperty("number").GetInt32();
        var page = body.GetProperty("signature").GetProperty("box").GetProperty("page").GetInt32();
        using var auditor = await app.As("auditor.lumajang");
        var signed = await auditor.GetByteArrayAsync($"/api/documents/{id}/versions/{number}/content");
        var pdf = Path.Combine(Path.GetTempPath(), $"docsign-bsre-{Guid.NewGuid():N}.pdf");
        var png = Path.Combine(Path.GetTempPath(), $"docsign-bsre-qr-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(pdf, signed);
        try
        {
            var p = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rendered = ExternalTool.Run("pdftoppm", ["-r", "300", "-f", p, "-l", p, "-singlefile", "-png", pdf, png]);
            rendered.ExitCode.ShouldBe(0, rendered.Output);
            var zbar = ExternalTool.Run("zbarimg", ["--quiet", "--raw", png + ".png"]);
            zbar.ExitCode.ShouldBe(0, zbar.Output);
            zbar.StdOut.Trim().ShouldBe(publicUrl);
        }
        finally { File.Delete(pdf); File.Delete(png + ".png"); }
        app.Logs.Where(l => l.Contains(Providers.BambangPassphrase, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_camat_can_sign_with_a_bsre_totp_instead_of_the_passphrase()
    {
        var id = await FinalDocumentAsync();
        using var camat = await app.As("camat.lumajang");
        var person = app.Emulator.Registry.ByNik(Providers.BambangNik)!;
        var totp = Totp.Code(person.TotpSecret, app.Emulator.State.Clock.GetUtcNow()); // his authenticator app
        var response = await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { totp });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        JsonDocument.Parse(text).RootElement.GetProperty("verdict").GetString().ShouldBe("VALID");
    }

    [Fact]
    public async Task A_wrong_bsre_passphrase_shows_bsres_words_and_stores_nothing()
    {
        var id = await FinalDocumentAsync();
        var before = await StoredAsync(id);
        using var camat = await app.As("camat.lumajang");
        var response = await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = "bukan-passphrase-nya" });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!.ShouldStartWith("Passphrase anda salah\n");
        (await StoredAsync(id)).ShouldBe(before);
        app.Logs.Where(l => l.Contains("bukan-passphrase-nya", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Fault.Timeout, "tidak menjawab")]
    [InlineData(Fault.Error500, "Internal Server Error\nLayanan BSrE sedang mengalami gangguan")]
    [InlineData(Fault.AlterByte, "tidak VALID")]
    [InlineData(Fault.DifferentDocument, "bukan dokumen yang dikirim")]
    [InlineData(Fault.OtherCertificate, "bukan \"Bambang Setiadi\"")]
    public async Task Every_fault_is_refused_with_a_reason_and_nothing_stored(Fault fault, string reason)
    {
        var id = await FinalDocumentAsync();
        var before = await StoredAsync(id);
        using var camat = await app.As("camat.lumajang");
        app.Emulator.Fault = fault;
        HttpResponseMessage response;
        try { response = await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = Providers.BambangPassphrase }); }
        finally { app.Emulator.Fault = Fault.None; }
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeOneOf(400, 503);
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
        detail.ShouldContain(reason);
        detail.ShouldContain("isimpan");
        (await StoredAsync(id)).ShouldBe(before);
    }
}
