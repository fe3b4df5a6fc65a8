using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// The register's promise through the API: concurrent reservations get distinct, gap-free running numbers (SQLite,
/// PostgreSQL, and two hosts on one PostgreSQL); each office counts on its own; only the Kasubag Umum numbers;
/// the running number restarts with the calendar year in the office's time zone.
/// </summary>
public sealed class LetterNumberingTests
{
    private const int Reservations = 200;
    private const int Concurrency = 32;

    private static async Task<List<JsonElement>> ReserveManyAsync(IReadOnlyList<HttpClient> clients, string office, int count)
    {
        var results = new ConcurrentBag<JsonElement>();
        using var gate = new SemaphoreSlim(Concurrency);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await clients[i % clients.Count].PostAsJsonAsync($"/api/offices/{office}/letter-numbers",
                    new { classification = "000.8.6.3", subject = $"Surat uji {i}", sifat = "Biasa" });
                var body = await response.Content.ReadAsStringAsync();
                response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
                results.Add(JsonDocument.Parse(body).RootElement.Clone());
            }
            finally { gate.Release(); }
        });
        await Task.WhenAll(tasks);
        return results.ToList();
    }

    private static void ShouldBeGapFree(List<JsonElement> results, int count, string numberPrefix)
    {
        var sequences = results.Select(r => r.GetProperty("sequence").GetInt32()).OrderBy(s => s).ToList();
        sequences.ShouldBe(Enumerable.Range(1, count).ToList());
        var numbers = results.Select(r => r.GetProperty("number").GetString()!).ToList();
        numbers.Distinct().Count().ShouldBe(count);
        numbers.ShouldAllBe(n => n.StartsWith(numberPrefix));
    }

    private static async Task ShouldMatchDatabaseAsync(LetterHost host, string office, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var letters = await db.Set<Letter>().Where(l => l.OfficeId == office).Select(l => l.Sequence).ToListAsync();
        letters.Order().ShouldBe(Enumerable.Range(1, count));
        (await db.Set<LetterCounter>().SingleAsync(c => c.OfficeId == office)).LastSequence.ShouldBe(count);
    }

    [Fact]
    public async Task Sqlite_200_concurrent_reservations_are_distinct_and_gap_free_and_another_office_counts_on_its_own()
    {
        await using var host = LetterHost.Start();
        using var kasubag = await host.As("kasubag-umum.kanigaran");
        var results = await ReserveManyAsync([kasubag], "kanigaran", Reservations);
        ShouldBeGapFree(results, Reservations, "000.8.6.3/");
        results.ShouldAllBe(r => r.GetProperty("number").GetString()!.EndsWith("/425.504/" + DateTime.UtcNow.AddHours(7).Year));
        await ShouldMatchDatabaseAsync(host, "kanigaran", Reservations);

        using var other = await host.As("kasubag-umum.pronojiwo");
        var others = await ReserveManyAsync([other], "pronojiwo", 40);
        ShouldBeGapFree(others, 40, "000.8.6.3/");
        // Pronojiwo's template pads the running number to three digits.
        others.ShouldContain(r => r.GetProperty("number").GetString()!.StartsWith("000.8.6.3/001/427.82/"));
        await ShouldMatchDatabaseAsync(host, "kanigaran", Reservations);
    }

    [Fact]
    public async Task Postgres_200_concurrent_reservations_are_distinct_and_gap_free_and_another_office_counts_on_its_own()
    {
        await using var database = await PostgresDatabase.CreateAsync("letters");
        await using var host = LetterHost.Start(PooledConnection(database));
        using var kasubag = await host.As("kasubag-umum.kanigaran");
        var results = await ReserveManyAsync([kasubag], "kanigaran", Reservations);
        ShouldBeGapFree(results, Reservations, "000.8.6.3/");
        await ShouldMatchDatabaseAsync(host, "kanigaran", Reservations);

        using var other = await host.As("kasubag-umum.lumajang");
        var others = await ReserveManyAsync([other], "lumajang", 40);
        ShouldBeGapFree(others, 40, "000.8.6.3/");
        await ShouldMatchDatabaseAsync(host, "lumajang", 40);
    }

    [Fact]
    public async Task Two_hosts_on_one_postgres_share_the_register_and_sign_in()
    {
        await using var database = await PostgresDatabase.CreateAsync("letters2");
        var scheduler = $"shared-{Guid.NewGuid():N}";
        await using var first = LetterHost.Start(PooledConnection(database), schedulerName: scheduler);
        await using var second = LetterHost.Start(PooledConnection(database), schedulerName: scheduler);
        // A token issued by one instance is accepted by the other: the key ring lives in the database.
        var token = await first.TokenAsync("kasubag-umum.kanigaran");
        using var viaFirst = first.WithToken(token);
        using var viaSecond = second.WithToken(token);
        var results = await ReserveManyAsync([viaFirst, viaSecond], "kanigaran", Reservations);
        ShouldBeGapFree(results, Reservations, "000.8.6.3/");
        await ShouldMatchDatabaseAsync(first, "kanigaran", Reservations);
    }

    [Fact]
    public async Task Only_the_offices_kasubag_umum_takes_numbers_and_a_refusal_changes_nothing()
    {
        await using var host = LetterHost.Start();
        using var kasubag = await host.As("kasubag-umum.kanigaran");
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = "Pertama" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var user in new[] { "staf.kanigaran", "camat.kanigaran", "sekcam.kanigaran", "kasubbag-program.kanigaran", "auditor.kanigaran" })
        {
            using var client = await host.As(user);
            var response = await client.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = "Tidak boleh" });
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        // Another office's Kasubag Umum does not even learn that the office exists.
        using var stranger = await host.As("kasubag-umum.candipuro");
        (await stranger.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = "Kantor lain" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync("/api/offices/tidak-ada/letter-numbers", new { classification = "000.8.6.3", subject = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = host.WithToken("bukan-token");
        (await anonymous.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Bad input: 400, nothing taken.
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "06;5", subject = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = new string('x', 600) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kasubag.PostAsync("/api/offices/kanigaran/letter-numbers", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kasubag.PostAsync("/api/offices/kanigaran/letter-numbers", new StringContent(new string(' ', 100_000), System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        await ShouldMatchDatabaseAsync(host, "kanigaran", 1);
        var next = await (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Kedua" })).Content.ReadFromJsonAsync<JsonElement>();
        next.GetProperty("sequence").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_same_number_and_a_void_letter_keeps_its_number()
    {
        await using var host = LetterHost.Start();
        using var kasubag = await host.As("kasubag-umum.kanigaran");
        async Task<HttpResponseMessage> Reserve(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/offices/kanigaran/letter-numbers") { Content = JsonContent.Create(new { subject = "Undangan rapat" }) };
            request.Headers.Add("Idempotency-Key", key);
            return await kasubag.SendAsync(request);
        }
        var first = await Reserve("req-1");
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Reserve("req-1")));
        foreach (var r in again)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString().ShouldBe(firstBody.GetProperty("number").GetString());
        }
        var second = await (await Reserve("req-2")).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("sequence").GetInt32().ShouldBe(2);

        var id = firstBody.GetProperty("id").GetString();
        using var staf = await host.As("staf.kanigaran");
        (await staf.PostAsJsonAsync($"/api/letters/{id}/void", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await kasubag.PostAsJsonAsync($"/api/letters/{id}/void", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var voided = await kasubag.PostAsJsonAsync($"/api/letters/{id}/void", new { reason = "Salah alamat tujuan" });
        voided.StatusCode.ShouldBe(HttpStatusCode.OK);
        var letter = await kasubag.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        letter.GetProperty("status").GetString().ShouldBe("void");
        letter.GetProperty("voidReason").GetString().ShouldBe("Salah alamat tujuan");
        letter.GetProperty("number").GetString().ShouldBe(firstBody.GetProperty("number").GetString());
        var third = await (await Reserve("req-3")).Content.ReadFromJsonAsync<JsonElement>();
        third.GetProperty("sequence").GetInt32().ShouldBe(3);

        using var otherOffice = await host.As("kasubag-umum.candipuro");
        (await otherOffice.GetAsync($"/api/letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/letters?status=void");
        list.GetProperty("letters").GetArrayLength().ShouldBe(1);
        var csv = await kasubag.GetStringAsync("/api/offices/kanigaran/letters.csv");
        csv.ShouldContain("Salah alamat tujuan");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(4);
        var pdf = await kasubag.GetByteArrayAsync("/api/offices/kanigaran/letters.pdf");
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
    }

    [Fact]
    public async Task A_nomor_sisipan_follows_its_base_number_with_a_reason_and_is_marked()
    {
        // Numbers 1 and 2 on 18 May, number 3 on 20 May: a sisipan after 2 may be dated 18 to 20 May.
        var clock = new FakeClock(new DateTimeOffset(2026, 5, 18, 3, 0, 0, TimeSpan.Zero));
        await using var host = LetterHost.Start(clock: clock);
        using (var early = host.WithToken(await host.TokenAsync("kasubag-umum.kanigaran")))
            for (var i = 0; i < 2; i++)
                (await early.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = $"Surat {i}" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        clock.Set(new DateTimeOffset(2026, 5, 20, 3, 0, 0, TimeSpan.Zero));
        using var kasubag = await host.As("kasubag-umum.kanigaran");
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Surat 2" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var insert = new { subject = "Surat susulan", insertAfter = 2, reason = "Surat tertanggal 19 Mei belum tercatat", date = "2026-05-19" };
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", insert with { })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", insert)).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("number").GetString().ShouldBe("000.8.6.3/2.2/425.504/2026");
        second.GetProperty("sequence").GetInt32().ShouldBe(2);
        second.GetProperty("insert").GetInt32().ShouldBe(2);
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "x", insertAfter = 2, date = "2026-05-19" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "x", insertAfter = 9, reason = "r", date = "2026-05-19" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "x", insertAfter = 2, reason = "r", date = "2026-06-19" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var staf = await host.As("staf.kanigaran");
        (await staf.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", insert)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // The regular sequence goes on after the last regular number.
        var next = await (await kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { subject = "Berikutnya" })).Content.ReadFromJsonAsync<JsonElement>();
        next.GetProperty("number").GetString().ShouldBe("000.8.6.3/4/425.504/2026");
        var list = await kasubag.GetFromJsonAsync<JsonElement>("/api/offices/kanigaran/letters?year=2026");
        var marked = list.GetProperty("letters").EnumerateArray().Where(l => l.GetProperty("insert").GetInt32() > 0).ToList();
        marked.Count.ShouldBe(2);
        marked.ShouldAllBe(l => l.GetProperty("insertReason").GetString() == "Surat tertanggal 19 Mei belum tercatat");
        marked.ShouldAllBe(l => l.GetProperty("date").GetString() == "2026-05-19");

        // Pronojiwo writes sisipan with letters (17a).
        using var prono = await host.As("kasubag-umum.pronojiwo");
        (await prono.PostAsJsonAsync("/api/offices/pronojiwo/letter-numbers", new { subject = "Satu" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var a = await (await prono.PostAsJsonAsync("/api/offices/pronojiwo/letter-numbers", new { subject = "Sisipan", insertAfter = 1, reason = "Terlambat dicatat", date = "2026-05-20" })).Content.ReadFromJsonAsync<JsonElement>();
        a.GetProperty("number").GetString().ShouldBe("000.8.6.3/001a/427.82/2026");
    }

    [Fact]
    public async Task The_running_number_restarts_at_1_when_the_office_year_turns()
    {
        // 31 December 23:58 in Probolinggo (WIB, UTC+7) is still 2026 there.
        var clock = new FakeClock(new DateTimeOffset(2026, 12, 31, 16, 58, 0, TimeSpan.Zero));
        await using var host = LetterHost.Start(clock: clock);
        using var kasubag = await host.As("kasubag-umum.lumajang");
        for (var i = 1; i <= 3; i++)
        {
            var r = await (await kasubag.PostAsJsonAsync("/api/offices/lumajang/letter-numbers", new { subject = $"Akhir tahun {i}" })).Content.ReadFromJsonAsync<JsonElement>();
            r.GetProperty("sequence").GetInt32().ShouldBe(i);
            r.GetProperty("year").GetInt32().ShouldBe(2026);
            r.GetProperty("number").GetString().ShouldBe($"000.8.6.3/{i}/427.90/XII/2026");
        }
        clock.Advance(TimeSpan.FromMinutes(3));   // 00:01 WIB on 1 January 2027 (still 2026 in UTC)
        var first = await (await kasubag.PostAsJsonAsync("/api/offices/lumajang/letter-numbers", new { subject = "Awal tahun" })).Content.ReadFromJsonAsync<JsonElement>();
        first.GetProperty("sequence").GetInt32().ShouldBe(1);
        first.GetProperty("year").GetInt32().ShouldBe(2027);
        first.GetProperty("number").GetString().ShouldBe("000.8.6.3/1/427.90/I/2027");
    }

    private static string PooledConnection(PostgresDatabase database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true, MaxPoolSize = 40 }.ConnectionString;
}
