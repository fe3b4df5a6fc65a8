using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using DocSign.Web.Tests.Api;

namespace DocSign.Web.Tests.Search;

/// <summary>
/// <c>GET /api/search</c> through the whole host: a document is found by its title and year by its office's people and
/// auditors, never by another office's staff or an auditor not assigned to it; bad input is a Bahasa 400.
/// </summary>
public sealed class SearchApiTests(SqliteFileSystemApi app) : IClassFixture<SqliteFileSystemApi>
{
    private async Task<JsonElement> SearchAsync(string user, string query)
    {
        using var client = await app.As(user);
        var response = await client.GetAsync("/api/search?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Urls(JsonElement found) =>
        found.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!).ToList();

    [Fact]
    public async Task A_title_is_found_by_the_office_and_its_auditor_and_by_nobody_of_another_office()
    {
        var token = "Cari" + Guid.NewGuid().ToString("N")[..10];
        using var staff = await app.As("staf.kanigaran");
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.OnePage("draf " + token),
            ("office", "kanigaran"), ("year", "2025"), ("kind", "lkjip"), ("title", $"LKjIP {token} Kanigaran")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var own = await SearchAsync("sekcam.kanigaran", "q=" + token.ToUpperInvariant());
        own.GetProperty("total").GetInt32().ShouldBe(1);
        var hit = own.GetProperty("results")[0];
        hit.GetProperty("kind").GetString().ShouldBe("document");
        hit.GetProperty("office").GetString().ShouldBe("kanigaran");
        hit.GetProperty("year").GetInt32().ShouldBe(2025);
        hit.GetProperty("url").GetString().ShouldBe($"/dokumen/{id}");
        Urls(await SearchAsync("auditor.kanigaran", $"q={token}&year=2025")).ShouldBe([$"/dokumen/{id}"]);
        (await SearchAsync("auditor.kanigaran", $"q={token}&year=2024")).GetProperty("total").GetInt32().ShouldBe(0);

        // Another office's staff, and the Inspektorat auditor who is not assigned to Kanigaran, find nothing.
        (await SearchAsync("staf.candipuro", "q=" + token)).GetProperty("total").GetInt32().ShouldBe(0);
        (await SearchAsync("auditor.inspektorat", "q=" + token)).GetProperty("total").GetInt32().ShouldBe(0);
        Urls(await SearchAsync("staf.candipuro", "year=2025")).ShouldNotContain($"/dokumen/{id}");
    }

    [Theory]
    [InlineData("", "Isi kata pencarian")]
    [InlineData("q=lkjip&year=dua", "Tahun harus berupa angka tahun")]
    public async Task Bad_input_is_refused_in_Bahasa(string query, string message)
    {
        using var client = await app.As("staf.kanigaran");
        var response = await client.GetAsync("/api/search?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task Without_signing_in_the_search_answers_401()
    {
        using var anonymous = app.Anonymous();
        (await anonymous.GetAsync("/api/search?q=lkjip")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
