using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using DocSign.Testing.SamplePdfs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Signing;

/// <summary>
/// Signing in the service, through the API as the contract states it, judged by independent oracles (pdfsig, qpdf,
/// pdftoppm, zbarimg) and the service's own verifier. Runs on each database provider and storage kind.
/// </summary>
public abstract partial class SigningApiContract(SigningFixture app)
{
    protected SigningFixture App => app;

    // ---------- helpers ----------

    private static MultipartFormDataContent PdfForm(byte[] file, params (string Name, string Value)[] fields) => ApiRequests.PdfForm(file, fields);

    /// <summary>
    /// A document of <paramref name="office"/> whose latest version is final (the one submitted to the Camat). Its kind
    /// is one no SOP covers, so the signing rules are tested on their own; the SOP's own sign step is tested by
    /// <c>The_Kanigaran_SOP_runs_through_the_API_alone_from_the_first_step_to_the_signed_document</c>.
    /// </summary>
    protected async Task<(Guid Id, byte[] Final)> FinalDocumentAsync(string office, byte[]? final = null, bool submit = true)
    {
        using var staff = await App.As($"staf.{office}");
        var created = await staff.PostAsync("/api/documents", PdfForm(SamplePdfs.MultiPageText(2),
            ("office", office), ("year", "2025"), ("kind", "laporan"), ("title", $"LKjIP Kecamatan {office} Tahun 2025")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        final ??= SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes($"% final {Guid.NewGuid():N}\n")).ToArray();
        if (submit)
        {
            using var sekcam = await App.As($"sekcam.{office}");
            var v = await sekcam.PostAsync($"/api/documents/{id}/versions", PdfForm(final, ("stage", "final"), ("note", "Final, diajukan ke Camat")));
            v.StatusCode.ShouldBe(HttpStatusCode.Created, await v.Content.ReadAsStringAsync());
        }
        return (id, final);
    }

    /// <summary>
    /// GETs <paramref name="path"/> as the auditor of the document's office: auditors read only the offices they are
    /// assigned, so the first of the four office auditors who is not answered 404 is the document's.
    /// </summary>
    private async Task<HttpResponseMessage> AsOfficeAuditorAsync(string path)
    {
        HttpResponseMessage? last = null;
        foreach (var office in new[] { "kanigaran", "candipuro", "lumajang", "pronojiwo" })
        {
            using var auditor = await App.As($"auditor.{office}");
            last = await auditor.GetAsync(path);
            if (last.StatusCode != HttpStatusCode.NotFound) return last;
        }
        return last!;
    }

    protected async Task<JsonElement> DocumentAsync(Guid id)
    {
        var r = await AsOfficeAuditorAsync($"/api/documents/{id}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected async Task<byte[]> ContentAsync(Guid id, int number)
    {
        var r = await AsOfficeAuditorAsync($"/api/documents/{id}/versions/{number}/content");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadAsByteArrayAsync();
    }

    protected static Task<HttpResponseMessage> SignAsync(HttpClient client, Guid id, object body, string action = "sign") =>
        client.PostAsJsonAsync($"/api/documents/{id}/{action}", body);

    protected async Task<int> StoredObjectCountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var n = 0;
        await foreach (var _ in scope.ServiceProvider.GetRequiredService<DocSign.Core.Ports.IObjectStore>().ListAsync("documents/")) n++;
        return n;
    }

    protected static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        detail.ShouldNotBeNullOrWhiteSpace();
        if (detailContains is not null) detail.ShouldContain(detailContains);
    }

    protected static string TempPdf(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"docsign-signing-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The revision the first signature closes: the file up to the end of its /ByteRange.</summary>
    protected static byte[] FirstSignedRevision(byte[] pdf)
    {
        var m = Regex.Match(Encoding.Latin1.GetString(pdf), @"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]");
        m.Success.ShouldBeTrue("no /ByteRange");
        var end = long.Parse(m.Groups[2].Value) + long.Parse(m.Groups[3].Value);
        return pdf[..(int)end];
    }

    /// <summary>Every value of every row of every table, as text and bytes, to search for a secret.</summary>
    protected async Task<List<object>> EveryStoredValueAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = db.Database.IsNpgsql()
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var values = new List<object>();
        foreach (var table in tables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    if (!reader.IsDBNull(i)) values.Add(reader.GetValue(i));
        }
        tables.ShouldContain("SignerEnrolments");
        return values;
    }

    protected static bool Holds(object value, string secret) => value switch
    {
        string s => s.Contains(secret, StringComparison.Ordinal),
        byte[] b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || b.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0,
        _ => value.ToString()?.Contains(secret, StringComparison.Ordinal) ?? false,
    };

    /// <summary>A sample signer's key re-wrapped under <paramref name="passphrase"/> (the sample files all use "sample").</summary>
    protected static byte[] Rewrapped(string signer, string passphrase)
    {
        var all = SamplePki.LoadP12(signer);
        return all.Export(X509ContentType.Pkcs12, passphrase)!;
    }
}

public abstract partial class SigningApiContract
{
    [Fact]
    public async Task The_Kanigaran_SOP_runs_through_the_API_alone_from_the_first_step_to_the_signed_document()
    {
        using var staff = await App.As("staf.kanigaran");
        var created = await staff.PostAsync("/api/documents", PdfForm(SamplePdfs.MultiPageText(2),
            ("office", "kanigaran"), ("year", "2025"), ("kind", "lkjip"), ("title", "LKjIP Kecamatan Kanigaran Tahun 2025")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var corrected = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes("% koreksi Sekcam\n")).ToArray();
        var final = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes("% final\n")).ToArray();
        var submitted = await DocSign.Web.Tests.Api.WorkflowWalk.ToSubmittedAsync(App.As, id, "kanigaran", corrected, final);

        // Nobody but the Camat signs, and the submitted version is what he is shown.
        using (var sekcam = await App.As("sekcam.kanigaran"))
            (await SignAsync(sekcam, id, new { passphrase = SamplePki.Passphrase })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var camat = await App.As("camat.kanigaran");
        var context = await (await camat.GetAsync($"/api/documents/{id}/signing")).Content.ReadFromJsonAsync<JsonElement>();
        context.GetProperty("pendingVersion").GetProperty("number").GetInt32().ShouldBe(submitted);

        var response = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var signedNumber = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetProperty("number").GetInt32();
        signedNumber.ShouldBe(submitted + 1);

        // The SOP recorded the signature on its sign step and moved on to the Kasubag Umum's part.
        var workflow = await camat.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/workflow");
        var sign = workflow.GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("actions").EnumerateArray().Any(a => a.GetString() == "sign"));
        sign.GetProperty("status").GetString().ShouldBe("done");
        sign.GetProperty("versionNumber").GetInt32().ShouldBe(signedNumber);
        workflow.GetProperty("currentStepId").GetString().ShouldNotBe(sign.GetProperty("id").GetString());

        // A second signature of the same submission is refused: the sign step is over.
        (await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var path = Path.Combine(Path.GetTempPath(), $"sop-signed-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await ContentAsync(id, signedNumber));
        try
        {
            var (_, signatures) = Pdfsig.Verify(path);
            signatures.Count.ShouldBeGreaterThan(0);
            signatures[0].IsValid.ShouldBeTrue();
        }
        finally { File.Delete(path); }
    }
}
