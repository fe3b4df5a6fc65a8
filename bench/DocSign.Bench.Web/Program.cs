using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Workflow;
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
//   1. seeds BENCH_DOCUMENTS (10,000) documents across the four demo offices as the service creates them (document,
//      versions, the SOP workflow instance, the audit events; through the service's EF model and audit trail, in
//      batches, not through 10,000 uploads) and BENCH_SIGNERS extra offices, each with a Camat (enrolled through the
//      API with a sample key) and a clerk;
//   2. the dashboard (GET /) and the document page (GET /dokumen/{id}) as a person signed in through the Masuk form
//      (cookie), one client, BENCH_PAGE_REQUESTS each;
//   3. letter numbers through POST /api/offices/{office}/letter-numbers, 32 clients at once, for BENCH_NUMBERS_SECONDS;
//   4. POST /api/documents/{id}/sign of a 1 MB final version at the office level (B-LTA with the sample TSA):
//      one Camat alone, then BENCH_SIGNERS Camats at once.
// Prints a markdown table (p50, p95) with the load average during each part.
var baseUrl = Environment.GetEnvironmentVariable("BENCH_URL") ?? "http://127.0.0.1:5080";
var documentCount = Int("BENCH_DOCUMENTS", 10_000);
var signers = Int("BENCH_SIGNERS", 20);
var aloneRuns = Int("BENCH_SIGN_RUNS", 10);
var concurrentRounds = Int("BENCH_CONCURRENT_ROUNDS", 2);
var pageRequests = Int("BENCH_PAGE_REQUESTS", 200);
var numberClients = Int("BENCH_NUMBER_CLIENTS", 32);
var numberSeconds = Int("BENCH_NUMBERS_SECONDS", 15);
var parts = (Environment.GetEnvironmentVariable("BENCH_WEB_PARTS") ?? "pages,numbers,sign").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
var samplePki = Environment.GetEnvironmentVariable("DocSign__SamplePkiDirectory") ?? "certs-sample";

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(configuration);
services.AddDocSignInfrastructure(configuration);
await using var provider = services.BuildServiceProvider();

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
var tokens = new Dictionary<string, string>();
var rows = new List<string>();

var seedWatch = Stopwatch.StartNew();
Log($"seeding {documentCount} documents");
var seeded = await SeedDocumentsAsync();
Log($"seeded in {seedWatch.Elapsed.TotalSeconds:0.0} s");

if (parts.Contains("pages"))
{
    Log("dashboard and document page (cookie sign-in through /masuk)");
    var browser = await SignInWithFormAsync("sekcam.kanigaran");
    var ids = seeded.Where(d => d.Office == "kanigaran").Select(d => d.Id).OrderBy(_ => Random.Shared.Next()).Take(pageRequests).ToList();
    await GetPageAsync(browser, "/");                       // warm-up: JIT, Razor compilation, plans
    await GetPageAsync(browser, $"/dokumen/{ids[0]}");
    var load = Load();
    var dashboard = new List<double>();
    for (var i = 0; i < pageRequests; i++) dashboard.Add(await GetPageAsync(browser, "/"));
    Row($"GET / (dashboard, Sekcam of an office with {documentCount / 4:N0} documents, cookie)", dashboard, "200 ms", load);
    load = Load();
    var page = new List<double>();
    foreach (var id in ids) page.Add(await GetPageAsync(browser, $"/dokumen/{id}"));
    Row("GET /dokumen/{id} (document page, random documents, cookie)", page, "200 ms", load);
}

if (parts.Contains("numbers"))
{
    Log($"letter numbers: {numberClients} clients for {numberSeconds} s");
    var clerks = new List<HttpClient>();
    for (var i = 0; i < numberClients; i++) clerks.Add(await ClientAsync("kasubag-umum.kanigaran"));
    var latencies = new List<double>();
    // Warm-up under the same load for 8 s, as a service is after a while (JIT tiers, pools, prepared statements);
    // its numbers stay in the register and are checked with the rest.
    await RunAsync(DateTime.UtcNow.AddSeconds(8), new List<double>());
    var load = Load();
    var clock = Stopwatch.StartNew();
    await RunAsync(DateTime.UtcNow.AddSeconds(numberSeconds), latencies);
    clock.Stop();

    Task RunAsync(DateTime stop, List<double> into) => Task.WhenAll(clerks.Select(async own =>
    {
        var mine = new List<double>();
        while (DateTime.UtcNow < stop) await ReserveAsync(own, mine);
        lock (into) into.AddRange(mine);
    }));
    var rate = latencies.Count / clock.Elapsed.TotalSeconds;
    latencies.Sort();
    var (distinct, gapFree) = await RegisterCheckAsync("kanigaran");
    rows.Add($"| POST /api/offices/kanigaran/letter-numbers, {numberClients} clients at once ({latencies.Count:N0} numbers in {clock.Elapsed.TotalSeconds:0.0} s; register {(distinct && gapFree ? "distinct and gap-free" : "NOT gap-free")}) | {latencies.Count} | {Fmt(Pct(latencies, 50))} | {Fmt(Pct(latencies, 95))} | **{rate:0} numbers/s** (target ≥ 1000/s) | {load} |");
}

if (parts.Contains("sign"))
{
    Log($"seeding {signers} signing offices");
    var benchOffices = await SeedSigningOfficesAsync();
    var pdf = OneMegabytePdf();
    Log("signing alone");
    var alone = new List<double>();
    await SignOnceAsync(benchOffices[0], pdf); // warm-up (JIT, connections, OCSP/TSA paths)
    var load = Load();
    for (var i = 0; i < aloneRuns; i++) alone.Add(await SignOnceAsync(benchOffices[0], pdf));
    Row("POST /api/documents/{id}/sign, 1 MB, B-LTA, one Camat alone", alone, "1 s", load);

    Log($"signing with {signers} Camats at once");
    var together = new List<double>();
    var refused = new List<string>();
    // One unmeasured round first, as a service is after a while: the JIT has compiled the signing path at its
    // final tier (methods called once per signature reach it only after dozens of signatures), every Camat and
    // clerk holds a token, and the OCSP/TSA connections are open.
    await ConcurrentRoundAsync(new List<double>(), new List<string>());
    Log("measuring");
    load = Load();
    for (var round = 0; round < concurrentRounds; round++) await ConcurrentRoundAsync(together, refused);
    if (together.Count > 0) Row($"POST /api/documents/{{id}}/sign, 1 MB, B-LTA, {signers} Camats at once", together, "2 s", load);
    if (refused.Count > 0)
        rows.Add($"| {refused.Count} of {signers * concurrentRounds} concurrent signatures refused, e.g. {refused[0][..Math.Min(200, refused[0].Length)].Replace('|', '/')} | | | | | |");

    async Task ConcurrentRoundAsync(List<double> into, List<string> refusals)
    {
        var prepared = new List<(string Office, Guid Id, HttpClient Camat)>();
        // Every Camat is signed in before any of them signs: a sign-in costs a password hash (PBKDF2, about 0.1 s
        // of CPU), and twenty of them must not run during the signatures being measured.
        foreach (var office in benchOffices) prepared.Add((office, await FinalDocumentAsync(office, pdf), await ClientAsync($"camat.{office}")));
        var tasks = prepared.Select(async p =>
        {
            try { return await TimedSignAsync(p.Camat, p.Id); }
            catch (InvalidOperationException e) { lock (refusals) refusals.Add(e.Message); return double.NaN; }
        }).ToList();
        into.AddRange((await Task.WhenAll(tasks)).Where(double.IsFinite));
    }
}

Console.WriteLine();
Console.WriteLine($"| measurement (DocSign on PostgreSQL, {documentCount:N0} documents in 4 offices) | n | p50 | p95 | target | load average (1 min) at start |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var r in rows) Console.WriteLine(r);
return 0;

void Row(string what, List<double> ms, string target, string load)
{
    ms.Sort();
    rows.Add($"| {what} | {ms.Count} | {Fmt(Pct(ms, 50))} | **{Fmt(Pct(ms, 95))}** | p95 ≤ {target} | {load} |");
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

async Task<double> GetPageAsync(HttpClient client, string path)
{
    var sw = Stopwatch.StartNew();
    using var r = await client.GetAsync(path);
    var body = await r.Content.ReadAsStringAsync();
    sw.Stop();
    // A redirect to /masuk would be a fast answer that measures nothing.
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)r.StatusCode} {r.Headers.Location}");
    if (!body.Contains("Keluar", StringComparison.Ordinal)) throw new InvalidOperationException($"GET {path} did not show a signed-in page");
    return sw.Elapsed.TotalMilliseconds;
}

// Signs in as a browser does: the Masuk form with its antiforgery token, the session cookie kept for later requests.
async Task<HttpClient> SignInWithFormAsync(string userName)
{
    var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
    var c = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
    var form = await c.GetStringAsync("/masuk");
    var m = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
    if (!m.Success) m = System.Text.RegularExpressions.Regex.Match(form, "value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"");
    if (!m.Success) throw new InvalidOperationException("no antiforgery token on /masuk");
    using var r = await c.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["namaPengguna"] = userName, ["kataSandi"] = "docsign-demo", ["__RequestVerificationToken"] = m.Groups[1].Value,
    }));
    if ((int)r.StatusCode != 302) throw new InvalidOperationException($"sign-in of {userName} through /masuk: {(int)r.StatusCode}");
    return c;
}

static async Task ReserveAsync(HttpClient clerk, List<double> into)
{
    var sw = Stopwatch.StartNew();
    using var r = await clerk.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = "Surat uji kecepatan" });
    await r.Content.ReadAsByteArrayAsync();
    sw.Stop();
    if ((int)r.StatusCode != 201) throw new InvalidOperationException($"letter number: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    into.Add(sw.Elapsed.TotalMilliseconds);
}

async Task<(bool Distinct, bool GapFree)> RegisterCheckAsync(string office)
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
    var sequences = await db.Set<DocSign.Core.Letters.Letter>().Where(l => l.OfficeId == office && l.Insert == 0)
        .GroupBy(l => l.Year).Select(g => new { Count = g.Count(), Distinct = g.Select(l => l.Sequence).Distinct().Count(), Max = g.Max(l => l.Sequence) }).ToListAsync();
    return (sequences.All(s => s.Count == s.Distinct), sequences.All(s => s.Max == s.Count));
}

static double Pct(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
static string Fmt(double ms) => ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0} ms";
static int Int(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;
static void Log(string s) => Console.Error.WriteLine($"[bench-web] {s}");

// Rows as CreateDocumentHandler and StartWorkflowHandler make them (document, versions, SOP run, audit events through
// the audit trail, so the chain stays whole), saved 500 documents per transaction. The version bytes are not stored:
// neither page reads them. Idempotent: a second run tops up to BENCH_DOCUMENTS.
async Task<List<(string Office, Guid Id)>> SeedDocumentsAsync()
{
    var offices = new[] { "kanigaran", "candipuro", "lumajang", "pronojiwo" };
    var existing = new List<(string Office, Guid Id)>();
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        existing.AddRange((await db.Documents.Where(d => d.Title.StartsWith("LKjIP uji ")).Select(d => new { d.OfficeId, d.Id }).ToListAsync())
            .Select(d => (d.OfficeId, d.Id)));
    }
    var calendar = new WorkingCalendar(configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions());
    var sops = new Dictionary<string, SopDefinition?>();
    var i = existing.Count;
    while (i < documentCount)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        foreach (var office in offices.Where(o => !sops.ContainsKey(o)))
        {
            var adopted = await db.Set<OfficeWorkflow>().AsNoTracking().FirstOrDefaultAsync(w => w.OfficeId == office);
            sops[office] = SopTemplateLoader.Find(adopted?.TemplateKey);
        }
        for (var batchEnd = Math.Min(documentCount, i + 500); i < batchEnd; i++)
        {
            var office = offices[i % offices.Length];
            var staff = new Actor("bench", $"staf.{office}", [new OfficeMembership(office, OfficeRole.Staf)]);
            var at = DateTimeOffset.UtcNow.AddMinutes(-i);
            var d = new Document(Guid.NewGuid(), office, 2020 + i % 6, "lkjip", $"LKjIP uji {i} Kecamatan {office}", staff.UserName, at);
            // One to three versions, as documents part-way through their SOP have.
            for (var v = 1; v <= 1 + i % 3; v++)
            {
                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i * 10 + v)));
                d.AddVersion(Guid.NewGuid(), v == 1 ? VersionStage.Draft : VersionStage.Corrected, staff.UserName, at.AddSeconds(v), null,
                    200_000 + v, sha, VersionUploader.NewObjectKey(d.Id, v), v);
            }
            audit.Record(new AuditEvent(AuditActions.DocumentCreated) { OfficeId = office, DocumentId = d.Id, VersionNumber = 1, Sha256 = d.Versions[0].Sha256, Detail = d.Title });
            if (sops[office] is { } sop && sop.Governs(d.Kind))
            {
                db.Set<WorkflowInstance>().Add(WorkflowInstance.Start(sop, d, staff, at, calendar));
                audit.Record(new AuditEvent(AuditActions.WorkflowStarted) { OfficeId = office, DocumentId = d.Id, Detail = $"SOP {sop.Number}, langkah 1" });
            }
            db.Documents.Add(d);
            existing.Add((office, d.Id));
        }
        await db.SaveChangesAsync();
    }
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
    // Enrolment takes only a certificate in the person's own name: each bench Camat carries the sample certificate's name (its CN without the " / NIP …" tail).
    using var sampleCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(p12, "sample");
    var certificateName = sampleCertificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false).Split(" / ")[0];
    foreach (var office in names)
    {
        if (!await db.Offices.AnyAsync(o => o.Id == office))
        {
            db.Offices.Add(new Office(office, $"Kecamatan Bench {office[5..]}"));
            await db.SaveChangesAsync();
        }
        foreach (var role in new[] { OfficeRole.Camat, OfficeRole.Sekcam, OfficeRole.Staf })
        {
            var userName = $"{role}.{office}";
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new DocSignUser { UserName = userName, DisplayName = role == OfficeRole.Camat ? certificateName : $"Pengguna Uji {office}", LockoutEnabled = true };
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

async Task<Guid> FinalDocumentAsync(string office, byte[] pdf)
{
    var staff = await ClientAsync($"staf.{office}");
    var form = new MultipartFormDataContent
    {
        { new StringContent(office), "office" }, { new StringContent("2025"), "year" },
        { new StringContent("laporan"), "kind" }, { new StringContent("Laporan uji tanda tangan"), "title" },
    };
    form.Add(new ByteArrayContent(pdf), "file", "draft.pdf");
    using var created = await staff.PostAsync("/api/documents", form);
    if (!created.IsSuccessStatusCode) throw new InvalidOperationException("create: " + await created.Content.ReadAsStringAsync());
    var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    var final = new MultipartFormDataContent { { new StringContent("final"), "stage" } };
    final.Add(new ByteArrayContent(pdf), "file", "final.pdf");
    // The bench offices have no SOP: the generic route, where the Sekcam's own final upload puts it to the Camat.
    var sekcam = await ClientAsync($"sekcam.{office}");
    using var v = await sekcam.PostAsync($"/api/documents/{id}/versions", final);
    if (!v.IsSuccessStatusCode) throw new InvalidOperationException("final: " + await v.Content.ReadAsStringAsync());
    return id;
}

async Task<double> SignOnceAsync(string office, byte[] pdf)
{
    var id = await FinalDocumentAsync(office, pdf);
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
