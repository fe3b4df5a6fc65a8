using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// A document starts at step 1 of its SOP with no file, from the order (perintah / disposisi) with an optional
/// attachment that is never a version; the drafting step then needs a draft uploaded at that step.
/// </summary>
public sealed class StartFromOrderTests(PostgresS3Api app) : IClassFixture<PostgresS3Api>
{
    private static ByteArrayContent Pdf(byte[] file)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return part;
    }

    private static MultipartFormDataContent Form(string office, string? instruction, byte[]? attachment = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(office), "office" }, { new StringContent("2025"), "year" },
            { new StringContent("lkjip"), "kind" }, { new StringContent("LKjIP dari disposisi"), "title" },
        };
        if (instruction is not null) form.Add(new StringContent(instruction), "instruction");
        if (attachment is not null) form.Add(Pdf(attachment), "attachment", "disposisi.pdf");
        return form;
    }

    [Fact]
    public async Task A_document_starts_from_the_order_with_no_version_and_its_attachment_kept_beside_it()
    {
        using var staf = await app.As("staf.kanigaran");
        var sheet = SamplePdfs.OnePage("Lembar disposisi Camat");
        var response = await staf.PostAsync("/api/documents", Form("kanigaran", "Susun LKjIP 2025, batas akhir Februari", sheet));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        created.GetProperty("versions").GetArrayLength().ShouldBe(0);
        var order = created.GetProperty("order");
        order.GetProperty("instruction").GetString().ShouldBe("Susun LKjIP 2025, batas akhir Februari");
        order.GetProperty("attachmentSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(sheet)));
        var id = created.GetProperty("id").GetString();

        var workflow = await staf.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/workflow");
        workflow.GetProperty("currentStepId").GetString().ShouldBe("1-perintah");

        var download = await staf.GetAsync($"/api/documents/{id}/attachment");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(sheet);
        using var other = await app.As("staf.candipuro");
        (await other.GetAsync($"/api/documents/{id}/attachment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Neither_a_file_nor_an_order_is_refused_and_stores_nothing()
    {
        using var staf = await app.As("staf.kanigaran");
        var before = await IntakeStorage.CountAsync(app);
        var response = await staf.PostAsync("/api/documents", Form("kanigaran", "   "));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("perintah atau disposisi");
        var bad = await staf.PostAsync("/api/documents", Form("kanigaran", "Susun LKjIP", SamplePdfs.RandomBytes(3000, 7)));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await IntakeStorage.CountAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task The_drafting_step_needs_a_draft_uploaded_at_that_step()
    {
        using var camat = await app.As("camat.kanigaran");
        using var staf = await app.As("staf.kanigaran");
        var created = await (await staf.PostAsync("/api/documents", Form("kanigaran", "Susun LKjIP"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        // A placeholder uploaded early (at step 1) does not satisfy the drafting step later.
        var early = new MultipartFormDataContent { { new StringContent("draft"), "stage" }, { Pdf(SamplePdfs.OnePage("placeholder")), "file", "p.pdf" } };
        (await staf.PostAsync($"/api/documents/{id}/versions", early)).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var (user, step) in new[] { ("camat", "1-perintah"), ("kasubbag-program", "2-format-data"), ("kasi", "3-realisasi-kinerja") })
        {
            using var holder = await app.As($"{user}.kanigaran");
            (await holder.PostAsJsonAsync($"/api/documents/{id}/workflow/advance", new { stepId = step })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var refused = await staf.PostAsJsonAsync($"/api/documents/{id}/workflow/advance", new { stepId = "4-draft" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Unggah draft");
        var draft = new MultipartFormDataContent { { new StringContent("draft"), "stage" }, { Pdf(SamplePdfs.OnePage("draft")), "file", "d.pdf" } };
        (await staf.PostAsync($"/api/documents/{id}/versions", draft)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var done = await staf.PostAsJsonAsync($"/api/documents/{id}/workflow/advance", new { stepId = "4-draft" });
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        var workflow = await staf.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/workflow");
        workflow.GetProperty("steps")[3].GetProperty("versionNumber").GetInt32().ShouldBe(2);
    }
}
