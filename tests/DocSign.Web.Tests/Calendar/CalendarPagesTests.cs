using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Workflow;
using DocSign.Web.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Calendar;

/// <summary>
/// The calendar on screen and through the API: the SOP page's steps mark a Waktu DocSign cannot read (rendered by the
/// real host's Razor engine from a template with one), the seeds' page has no such mark and says how each Waktu is
/// counted; the calendar page shows the SKB and marks 2027 provisional; an admin adds a regional day through the API.
/// </summary>
public sealed class CalendarPagesTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    private const string TemplateWithUnreadableWaktu = """
        {
          "key": "uji-waktu", "sop": { "number": "9/9/2026", "name": "Uji Waktu" }, "documentKinds": ["lkjip"],
          "roles": [ { "name": "Staf", "defaultOfficeRoles": ["staf"] } ],
          "steps": [
            { "id": "a", "number": 1, "text": "Kumpulkan data", "roles": ["Staf"], "actions": ["upload-draft"], "waktu": "2-3 hari" },
            { "id": "b", "number": 2, "text": "Rapikan", "roles": ["Staf"], "actions": ["correct"], "waktu": "1 x 24 jam" }
          ]
        }
        """;

    private async Task<string> RenderStepsAsync(IReadOnlyList<SopStep> steps)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var view = scope.ServiceProvider.GetRequiredService<ICompositeViewEngine>().GetView(null, "/Pages/Shared/_LangkahSop.cshtml", isMainPage: false);
        view.Success.ShouldBeTrue();
        var viewData = new ViewDataDictionary<IReadOnlyList<SopStep>>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = steps };
        await using var writer = new StringWriter();
        var tempData = new TempDataDictionary(http, scope.ServiceProvider.GetRequiredService<ITempDataProvider>());
        await view.View!.RenderAsync(new ViewContext(actionContext, view.View, viewData, tempData, writer, new HtmlHelperOptions()));
        return writer.ToString();
    }

    [Fact]
    public async Task A_Waktu_the_parser_cannot_read_is_marked_on_the_SOP_steps()
    {
        var sop = SopTemplateLoader.Parse(TemplateWithUnreadableWaktu, "uji-waktu.json");
        var html = await RenderStepsAsync(sop.Steps);
        html.ShouldContain("data-waktu-tak-terbaca-ringkas");
        html.ShouldContain("1 langkah memiliki Waktu yang tidak dapat dibaca");
        var rowB = html[html.IndexOf("data-langkah=\"b\"", StringComparison.Ordinal)..];
        rowB.ShouldContain("1 x 24 jam");
        rowB.ShouldContain("Waktu tidak terbaca");
        var rowA = html[html.IndexOf("data-langkah=\"a\"", StringComparison.Ordinal)..html.IndexOf("data-langkah=\"b\"", StringComparison.Ordinal)];
        rowA.ShouldNotContain("tidak terbaca");
        rowA.ShouldContain("dihitung 3 hari kerja (batas atas rentang 2");
    }

    [Fact]
    public async Task The_seed_SOP_page_marks_nothing_and_links_the_calendar()
    {
        using var staf = await app.As("staf.kanigaran");
        var page = await staf.GetAsync("/sop/kanigaran");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("data-langkah-sop");
        html.ShouldNotContain("data-waktu-tak-terbaca");
        html.ShouldContain("dihitung 5 hari kerja");
        html.ShouldContain("/kalender/kanigaran");
    }

    [Fact]
    public async Task The_calendar_page_names_the_decree_and_marks_a_provisional_year()
    {
        using var staf = await app.As("staf.kanigaran");
        var y2026 = await (await staf.GetAsync("/kalender/kanigaran?tahun=2026")).Content.ReadAsStringAsync();
        y2026.ShouldContain("1497 Tahun 2025");
        y2026.ShouldContain("data-libur=\"2026-03-23\"");
        y2026.ShouldNotContain("data-tahun-sementara");
        y2026.ShouldNotContain("data-form-libur-daerah"); // only the admin edits
        var y2027 = await (await staf.GetAsync("/kalender/kanigaran?tahun=2027")).Content.ReadAsStringAsync();
        y2027.ShouldContain("data-tahun-sementara");
        y2027.ShouldContain("(sementara)");
        using var other = await app.As("staf.pronojiwo");
        (await other.GetAsync("/kalender/kanigaran")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_adds_and_removes_a_regional_day_through_the_API()
    {
        using var admin = await app.As("admin");
        using var camat = await app.As("camat.candipuro");
        (await camat.PostAsJsonAsync("/api/offices/candipuro/calendar/regional-days", new { date = "2026-12-14", name = "Hari Jadi (contoh)" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync("/api/offices/candipuro/calendar/regional-days", new { date = "14-12-2026", name = "Hari Jadi (contoh)" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync("/api/offices/candipuro/calendar/regional-days", new { date = "2026-12-14", name = "Hari Jadi (contoh)" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var calendar = await camat.GetFromJsonAsync<JsonElement>("/api/offices/candipuro/calendar?year=2026");
        calendar.GetProperty("zone").GetString().ShouldBe("WIB");
        calendar.GetProperty("decrees")[0].GetProperty("number").GetString()!.ShouldContain("1497");
        calendar.GetProperty("days").EnumerateArray().ShouldContain(d => d.GetProperty("date").GetString() == "2026-12-14" && d.GetProperty("kind").GetString() == "regional");
        (await admin.DeleteAsync("/api/offices/candipuro/calendar/regional-days/2026-12-14")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.DeleteAsync("/api/offices/candipuro/calendar/regional-days/2026-12-14")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
