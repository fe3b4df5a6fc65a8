using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// An office without a letter template cannot number: the admin sets one through the API, and from then on the
/// office's Kasubag Umum numbers with it. Only the admin changes it, bad input changes nothing, and another office's
/// staff do not learn it exists.
/// </summary>
public sealed class LetterTemplateTests
{
    [Fact]
    public async Task A_new_office_numbers_after_the_admin_sets_its_template_and_only_the_admin_changes_it()
    {
        await using var host = LetterHost.Start();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Candipuro as a new office: no template yet.
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            await db.Set<LetterTemplate>().Where(t => t.OfficeId == "candipuro").ExecuteDeleteAsync();
        }
        using var kasubag = await host.As("kasubag-umum.candipuro");
        using var admin = await host.As("admin");

        var before = await (await kasubag.GetAsync("/api/offices/candipuro/letter-template")).Content.ReadFromJsonAsync<JsonElement>();
        before.GetProperty("exists").GetBoolean().ShouldBeFalse();
        (await kasubag.PostAsJsonAsync("/api/offices/candipuro/letter-numbers", new { subject = "Undangan" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var template = new
        {
            numberPattern = "{klasifikasi}/{urut:3}/{unit}/{bulan-romawi}/{tahun}", unitCode = "427.80", defaultClassification = "000.8.6.3",
            place = "Candipuro", letterhead = "PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN CANDIPURO\nJalan Contoh No. 1", addressee = "Kepala Bagian Organisasi\nSetda Kabupaten Lumajang",
            senderTitle = "CAMAT CANDIPURO", senderName = "Contoh Nama Camat", senderNip = "198001012006041001", signer = "seal",
            retentionClass = "LKjIP (JRA 000.8.3.3)", retentionYears = 10,
        };
        // Only the admin sets it.
        (await kasubag.PutAsJsonAsync("/api/offices/candipuro/letter-template", template)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await admin.GetAsync("/api/offices/candipuro/letter-template")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exists").GetBoolean().ShouldBeFalse();

        var set = await admin.PutAsJsonAsync("/api/offices/candipuro/letter-template", template);
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var shown = await set.Content.ReadFromJsonAsync<JsonElement>();
        shown.GetProperty("sampleNumber").GetString()!.ShouldMatch(@"^000\.8\.6\.3/017/427\.80/[IVX]+/\d{4}$");
        shown.GetProperty("letterhead").GetString().ShouldBe("PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN CANDIPURO\nJalan Contoh No. 1");

        var numbered = await kasubag.PostAsJsonAsync("/api/offices/candipuro/letter-numbers", new { subject = "Undangan rapat" });
        numbered.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await numbered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!.ShouldMatch(@"^000\.8\.6\.3/001/427\.80/[IVX]+/\d{4}$");

        // Bad input is refused with a reason and changes nothing.
        foreach (var bad in new object[]
                 {
                     new { numberPattern = "{klasifikasi}/{tahun}" },
                     new { numberPattern = "{klasifikasi}/{urut}/{nama}" },
                     new { unitCode = "" },
                     new { senderNip = "12345" },
                     new { timeZone = "Mars/Olympus" },
                     new { signer = "bupati" },
                     new { retentionYears = 0 },
                     new { letterhead = string.Join("\n", Enumerable.Repeat("baris", 7)) },
                 })
        {
            var refused = await admin.PutAsJsonAsync("/api/offices/candipuro/letter-template", bad);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, JsonSerializer.Serialize(bad));
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        var unchanged = await (await admin.GetAsync("/api/offices/candipuro/letter-template")).Content.ReadFromJsonAsync<JsonElement>();
        unchanged.GetProperty("numberPattern").GetString().ShouldBe(template.numberPattern);
        unchanged.GetProperty("senderNip").GetString().ShouldBe(template.senderNip);

        // A later change keeps what it does not name; another office's Kasubag Umum does not see the template.
        (await admin.PutAsJsonAsync("/api/offices/candipuro/letter-template", new { insertStyle = "letter" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await kasubag.GetAsync("/api/offices/candipuro/letter-template")).Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("insertStyle").GetString().ShouldBe("letter");
        after.GetProperty("unitCode").GetString().ShouldBe("427.80");
        using var stranger = await host.As("kasubag-umum.kanigaran");
        (await stranger.GetAsync("/api/offices/candipuro/letter-template")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PutAsJsonAsync("/api/offices/candipuro/letter-template", new { place = "X" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var check = host.Services.CreateAsyncScope();
        var entries = await check.ServiceProvider.GetRequiredService<DocSignDbContext>().AuditEntries
            .Where(e => e.OfficeId == "candipuro" && e.Detail!.StartsWith("letter template")).Select(e => e.Detail).ToListAsync();
        entries.Count.ShouldBe(2);
    }
}
