using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Infrastructure;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Service benchmark against a running DocSign on PostgreSQL (scripts/bench-web.sh starts both):
//   1. seeds 10,000 documents across the four demo offices (rows through the service's data layer) and
//      BENCH_SIGNERS extra offices, each with a Camat (enrolled through the API with a sample key) and a clerk;
//   2. GET /api/documents/{id} (the API document page) for random documents, one client;
//   3. POST /api/documents/{id}/sign of a 1 MB final version at the office level (B-LTA with the sample TSA):
//      one Camat alone, then BENCH_SIGNERS Camats at once.
// Prints a markdown table (p50, p95). Settings come from the environment exactly as the server reads them.
var baseUrl = Environment.GetEnvironmentVariable("BENCH_URL") ?? "http://127.0.0.1:5080";
var documentCount = Int("BENCH_DOCUMENTS", 10_000);
var signers = Int("BENCH_SIGNERS", 20);
var aloneRuns = Int("BENCH_SIGN_RUNS", 10);
var concurrentRounds = Int("BENCH_CONCURRENT_ROUNDS", 2);
var pageRequests = Int("BENCH_PAGE_REQUESTS", 300);
var samplePki = Environment.GetEnvironmentVariable("DocSign__SamplePkiDirectory") ?? "certs-sample";

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(configuration);
services.AddDocSignInfrastructure(configuration);
await using var provider = services.BuildServiceProvider();

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
var tokens = new Dictionary<string, string>();

Log($"seeding {documentCount} documents and {signers} signing offices");
var seeded = await SeedDocumentsAsync();
var benchOffices = await SeedSigningOfficesAsync();

Log("document page");
var ids = seeded.OrderBy(_ => Random.Shared.Next()).Take(pageRequests).ToList();
var auditor = await ClientAsync("auditor.kanigaran");
await auditor.GetAsync($"/api/documents/{ids[0]}"); // warm-up
var page = new List<double>();
foreach (var id in ids)
{
    var sw = Stopwatch.StartNew();
    using var r = await auditor.GetAsync($"/api/documents/{id}");
    await r.Content.ReadAsByteArrayAsync();
    sw.Stop();
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"GET document: {(int)r.StatusCode}");
    page.Add(sw.Elapsed.TotalMilliseconds);
}

var pdf = OneMegabytePdf();
Log("signing alone");
var alone = new List<double>();
await SignOnceAsync(benchOffices[0]); // warm-up (JIT, connections, OCSP/TSA paths)
for (var i = 0; i < aloneRuns; i++) alone.Add(await SignOnceAsync(benchOffices[0]));

Log($"signing with {signers} Camats at once");
var together = new List<double>();
var refused = new List<string>();
for (var round = 0; round < concurrentRounds; round++)
{
    var prepared = new List<(string Office, Guid Id)>();
    foreach (var office in benchOffices) prepared.Add((office, await FinalDocumentAsync(office)));
    using var start = new SemaphoreSlim(0);
    var tasks = prepared.Select(async p =>
    {
        var camat = await ClientAsync($"camat.{p.Office}");
        await start.WaitAsync();
        try { return await TimedSignAsync(camat, p.Id); }
        catch (InvalidOperationException e) { lock (refused) refused.Add(e.Message); return double.NaN; }
    }).ToList();
    start.Release(prepared.Count);
    together.AddRange((await Task.WhenAll(tasks)).Where(double.IsFinite));
}

Console.WriteLine();
Console.WriteLine($"| measurement (DocSign on PostgreSQL, {documentCount:N0} documents in 4 offices) | n | p50 | p95 | target p95 |");
Console.WriteLine("|---|---|---|---|---|");
Row("GET /api/documents/{id} (API document page)", page, "200 ms");
Row("POST /sign, 1 MB, B-LTA, one Camat alone", alone, "1 s");
if (together.Count > 0) Row($"POST /sign, 1 MB, B-LTA, {signers} Camats at once", together, "2 s");
if (refused.Count > 0)
{
    // A signature the TSA or OCSP responder could not serve is refused (503, nothing stored): counted, not timed.
    Console.WriteLine();
    Console.WriteLine($"{refused.Count} of {signers * concurrentRounds} concurrent signatures were refused, e.g.: {refused[0][..Math.Min(300, refused[0].Length)]}");
}
return 0;

void Row(string what, List<double> ms, string target)
{
    ms.Sort();
    Console.WriteLine($"| {what} | {ms.Count} | {Fmt(Pct(ms, 50))} | {Fmt(Pct(ms, 95))} | {target} |");
}

static double Pct(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
static string Fmt(double ms) => ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0} ms";
static int Int(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;
static void Log(string s) => Console.Error.WriteLine($"[bench-web] {s}");

async Task<List<Guid>> SeedDocumentsAsync()
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
    var existing = await db.Documents.Where(d => d.Kind == "bench").Select(d => d.Id).ToListAsync();
    var offices = new[] { "kanigaran", "candipuro", "lumajang", "pronojiwo" };
    var at = DateTimeOffset.UtcNow;
    for (var i = existing.Count; i < documentCount; i++)
    {
        var office = offices[i % offices.Length];
        var d = new Document(Guid.NewGuid(), office, 2020 + i % 6, "bench", $"Dokumen uji {i} Kecamatan {office}", $"staf.{office}", at);
        // Three versions each, as a document in the middle of its SOP has; the bytes are not read by the page.
        for (var v = 1; v <= 3; v++)
            d.AddVersion(Guid.NewGuid(), (VersionStage)(v - 1), $"staf.{office}", at, null, 1000 + v, new string((char)('a' + v), 64),
                $"documents/{d.Id:N}/v{v:D4}-bench.pdf", v);
        db.Documents.Add(d);
        existing.Add(d.Id);
        if (i % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
    }
    await db.SaveChangesAsync();
    return existing;
}

async Task<List<string>> SeedSigningOfficesAsync()
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
    var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
    var names = Enumerable.Range(1, signers).Select(i => $"bench{i:D2}").ToList();
    var admin = await ClientAsync("admin");
    var p12 = await File.ReadAllBytesAsync(Path.Combine(samplePki, "camat-kanigaran.p12"));
    foreach (var office in names)
    {
        if (!await db.Offices.AnyAsync(o => o.Id == office))
        {
            db.Offices.Add(new Office(office, $"Kecamatan Bench {office[5..]}"));
            await db.SaveChangesAsync();
        }
        foreach (var role in new[] { OfficeRole.Camat, OfficeRole.Staf })
        {
            var userName = $"{role}.{office}";
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new DocSignUser { UserName = userName, DisplayName = $"Pengguna Uji {office}", LockoutEnabled = true };
                var result = await users.CreateAsync(user, "docsign-demo");
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                db.Memberships.Add(new Membership(user.Id, office, role));
                await db.SaveChangesAsync();
            }
            if (role == OfficeRole.Camat)
            {
                var form = new MultipartFormDataContent { { new StringContent("sample"), "passphrase" }, { new StringContent(office), "office" } };
                form.Add(new ByteArrayContent(p12), "file", "camat.p12");
                using var r = await admin.PostAsync($"/api/signers/{user.Id}/enrolment", form);
                if (!r.IsSuccessStatusCode) throw new InvalidOperationException("enrolment: " + await r.Content.ReadAsStringAsync());
            }
        }
    }
    return names;
}

async Task<HttpClient> ClientAsync(string userName)
{
    if (!tokens.TryGetValue(userName, out var token))
    {
        using var r = await http.PostAsJsonAsync("/api/auth/token", new { username = userName, password = "docsign-demo" });
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"token for {userName}: {(int)r.StatusCode}");
        token = tokens[userName] = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
    var c = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
    c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return c;
}

async Task<Guid> FinalDocumentAsync(string office)
{
    var staff = await ClientAsync($"staf.{office}");
    var form = new MultipartFormDataContent
    {
        { new StringContent(office), "office" }, { new StringContent("2025"), "year" },
        { new StringContent("lkjip"), "kind" }, { new StringContent("LKjIP uji tanda tangan"), "title" },
    };
    form.Add(new ByteArrayContent(pdf), "file", "draft.pdf");
    using var created = await staff.PostAsync("/api/documents", form);
    if (!created.IsSuccessStatusCode) throw new InvalidOperationException("create: " + await created.Content.ReadAsStringAsync());
    var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    var final = new MultipartFormDataContent { { new StringContent("final"), "stage" } };
    final.Add(new ByteArrayContent(pdf), "file", "final.pdf");
    using var v = await staff.PostAsync($"/api/documents/{id}/versions", final);
    if (!v.IsSuccessStatusCode) throw new InvalidOperationException("final: " + await v.Content.ReadAsStringAsync());
    return id;
}

async Task<double> SignOnceAsync(string office)
{
    var id = await FinalDocumentAsync(office);
    return await TimedSignAsync(await ClientAsync($"camat.{office}"), id);
}

static async Task<double> TimedSignAsync(HttpClient camat, Guid id)
{
    var sw = Stopwatch.StartNew();
    using var r = await camat.PostAsJsonAsync($"/api/documents/{id}/sign", new { passphrase = "sample" });
    var body = await r.Content.ReadAsStringAsync();
    sw.Stop();
    if ((int)r.StatusCode != 201) throw new InvalidOperationException($"sign: {(int)r.StatusCode} {body}");
    if (!body.Contains("\"verdict\":\"VALID\"", StringComparison.Ordinal)) throw new InvalidOperationException("signed version not VALID: " + body[..Math.Min(400, body.Length)]);
    return sw.Elapsed.TotalMilliseconds;
}

// A one-page PDF padded with comment lines to 1 MB (classic xref, exact offsets).
static byte[] OneMegabytePdf()
{
    const string content = "BT /F1 12 Tf 72 720 Td (LAPORAN KINERJA - UJI KECEPATAN) Tj ET";
    var objects = new[]
    {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    var sb = new StringBuilder("%PDF-1.7\n");
    while (sb.Length < 1024 * 1024) sb.Append('%').Append('x', 78).Append('\n');
    var offsets = new List<int>();
    foreach (var (o, i) in objects.Select((o, i) => (o, i)))
    {
        offsets.Add(sb.Length);
        sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{o}\nendobj\n");
    }
    var xref = sb.Length;
    sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
    foreach (var o in offsets) sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
    sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    return Encoding.ASCII.GetBytes(sb.ToString());
}
