using System.Net;
using System.Net.Http.Json;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DocSign.Web.Tests.Security;

/// <summary>Two instances on one PostgreSQL with small per-minute budgets (as shipped otherwise).</summary>
public sealed class SharedLimitsFixture : SecurityFixture
{
    public const int TokensPerMinute = 4;
    private PostgresDatabase _database = null!;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        _database = await PostgresDatabase.CreateAsync("limits");
        return new Dictionary<string, string?>
        {
            ["DocSign:Database:Provider"] = "Postgres",
            ["ConnectionStrings:DocSign"] = _database.ConnectionString,
            ["DocSign:Storage:Kind"] = "FileSystem",
        };
    }

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["DocSign:Auth:TokenRequestsPerMinute"] = TokensPerMinute.ToString();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>
/// The per-minute request budgets (token requests per address, verification per user, anonymous comparisons per
/// address) are counted in the database: a caller whose requests the proxy spreads over two instances gets one
/// budget, not one per instance.
/// </summary>
public sealed class SharedRateLimitTests(SharedLimitsFixture app) : IClassFixture<SharedLimitsFixture>
{
    [Fact]
    public async Task Two_instances_on_one_Postgres_share_the_per_minute_token_budget_of_an_address()
    {
        await using var second = app.Factory.WithWebHostBuilder(_ => { });
        // The budget is a fixed window of a minute: a run that straddles a window's end is run again from a new address.
        for (var attempt = 0; ; attempt++)
        {
            var address = $"198.51.100.{60 + attempt}";
            var window = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000;
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < SharedLimitsFixture.TokensPerMinute + 2; i++)
                statuses.Add(await TokenRequestAsync(i % 2 == 0 ? app.Factory : second, address));
            if (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 != window && attempt < 3) continue;
            // Four requests pass (refused as wrong passwords) across both instances; the fifth and sixth, one on
            // each instance, are over the shared budget.
            statuses.Take(SharedLimitsFixture.TokensPerMinute).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
            statuses.Skip(SharedLimitsFixture.TokensPerMinute).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
            return;
        }
    }

    private static async Task<HttpStatusCode> TokenRequestAsync(WebApplicationFactory<Program> host, string address)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(SecurityFixture.ClientHeader, address);
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = $"tidak.ada.{Guid.NewGuid():N}"[..24], password = "salah-salah-salah" });
        if (response.StatusCode == HttpStatusCode.TooManyRequests) response.Headers.RetryAfter.ShouldNotBeNull();
        return response.StatusCode;
    }
}
