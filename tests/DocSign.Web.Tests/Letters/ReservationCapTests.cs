using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// One Kasubag Umum may take a configured number of letter numbers a day. Past it the request is refused in Bahasa
/// and takes no number: the register stays gap-free, also when the requests arrive together; the next day counts anew.
/// </summary>
public sealed class ReservationCapTests
{
    private const int Cap = 3;

    [Fact]
    public async Task Reservations_beyond_the_daily_cap_are_refused_and_take_no_number_even_in_parallel()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 5, 4, 2, 0, 0, TimeSpan.Zero));
        await using var host = LetterHost.Start(clock: clock, extra: new Dictionary<string, string?> { ["DocSign:Letters:DailyReservationsPerUser"] = Cap.ToString() });
        var kasubag = await host.As("kasubag-umum.kanigaran");
        Task<HttpResponseMessage> Reserve(int i) =>
            kasubag.PostAsJsonAsync("/api/offices/kanigaran/letter-numbers", new { classification = "000.8.6.3", subject = $"Surat ke-{i}" });

        for (var i = 1; i <= Cap; i++) (await Reserve(i)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var refused = await Reserve(Cap + 1);
        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, body);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!.ShouldContain("Batas harian pengambilan nomor surat");
        await ShouldBeGapFreeAsync(host, Cap);

        // The next day: ten at once, exactly the cap of them numbered, the others refused; still no gap.
        clock.Advance(TimeSpan.FromDays(1));
        kasubag.Dispose();
        kasubag = host.WithToken(await host.TokenAsync("kasubag-umum.kanigaran"));   // yesterday's token has expired on the moved clock
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Reserve(100 + i)));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(Cap);
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(10 - Cap);
        await ShouldBeGapFreeAsync(host, 2 * Cap);
        kasubag.Dispose();
    }

    private static async Task ShouldBeGapFreeAsync(LetterHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        (await db.Set<Letter>().Where(l => l.OfficeId == "kanigaran").Select(l => l.Sequence).ToListAsync()).Order().ShouldBe(Enumerable.Range(1, count));
        (await db.Set<LetterCounter>().SingleAsync(c => c.OfficeId == "kanigaran")).LastSequence.ShouldBe(count);
    }
}
