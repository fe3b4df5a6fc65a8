using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Web.Tests.Security;

/// <summary>The limits as shipped for the anonymous compare, and a small verification budget to reach quickly.</summary>
public sealed class TightVerifyBudgetFixture : SecurityFixture
{
    public const int VerifyBudget = 3;

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["DocSign:Auth:VerifyPerMinute"] = VerifyBudget.ToString();
    }
}

/// <summary>
/// Where a stranger can make the service read and hash bytes: the anonymous copy comparison is limited per client
/// address (API and public page share the budget), and the Verifikasi page draws on the same budget as
/// <c>POST /api/verify</c>; a flood gets 429 with a Bahasa message.
/// </summary>
public sealed class PublicUploadLimitTests(TightVerifyBudgetFixture app) : IClassFixture<TightVerifyBudgetFixture>
{
    private const string PublicId = "bbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static MultipartFormDataContent Copy(string field) => new() { { new ByteArrayContent(SamplePdfs.OnePage("salinan")), field, "salinan.pdf" } };

    [Fact]
    public async Task An_anonymous_compare_flood_from_one_address_gets_429_while_another_address_is_still_served()
    {
        var budget = new DocSign.Web.Security.PublicUploadLimitOptions().ComparePerMinute;
        using var flood = app.From("203.0.113.7");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < budget; i++)
            statuses.Add((await flood.PostAsync($"/api/public/verifications/{PublicId}/compare", Copy("file"))).StatusCode);
        statuses.ShouldAllBe(s => s == HttpStatusCode.NotFound, "within the budget the compare runs (and finds no such signature)");

        var refused = await flood.PostAsync($"/api/public/verifications/{PublicId}/compare", Copy("file"));
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("Terlalu banyak permintaan");

        // The public page draws on the same budget for that address, and answers with a page.
        var page = await flood.PostAsync($"/v/{PublicId}", Copy("salinan"));
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Terlalu banyak permintaan");
        // Looking at the public page is not a compare.
        (await flood.GetAsync($"/v/{PublicId}")).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);

        using var other = app.From("203.0.113.8");
        (await other.PostAsync($"/api/public/verifications/{PublicId}/compare", Copy("file"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_Verifikasi_page_and_the_API_share_one_verification_budget()
    {
        using var browser = await app.BrowserAsync("auditor.kanigaran", "203.0.113.20");
        var pageToken = SecurityFixture.FormToken(await browser.GetStringAsync("/verifikasi"));
        async Task<HttpStatusCode> UploadOnPage()
        {
            var form = Copy("berkas");
            form.Add(new StringContent(pageToken), "__RequestVerificationToken");
            return (await browser.PostAsync("/verifikasi?handler=Unggah", form)).StatusCode;
        }
        for (var i = 0; i < TightVerifyBudgetFixture.VerifyBudget; i++)
            (await UploadOnPage()).ShouldNotBe(HttpStatusCode.TooManyRequests);
        (await UploadOnPage()).ShouldBe(HttpStatusCode.TooManyRequests);

        // The same person through the API: the budget is spent already.
        using var api = await app.As("auditor.kanigaran");
        var refused = await api.PostAsync("/api/verify", Copy("file"));
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
