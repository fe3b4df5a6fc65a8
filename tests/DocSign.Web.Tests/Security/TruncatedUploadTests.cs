using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// A multipart body cut off in the middle of its file part (the connection dropped, or a hostile client) is a 400
/// with a Bahasa message on every endpoint that takes a form with a file, never a 500; the list below is checked
/// against the endpoints the host marks as uploads, so a new upload endpoint cannot be forgotten here.
/// </summary>
public sealed class TruncatedUploadTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    private const string PublicId = "aaaaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>Every form-with-file endpoint: API (bearer or anonymous) and pages (cookie).</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "api", "/api/documents" },
        { "api", $"/api/documents/{Guid.NewGuid()}/versions" },
        { "api", "/api/verify" },
        { "api", "/api/signers/camat.kanigaran/enrolment" },
        { "api", $"/api/letters/{Guid.NewGuid()}/receipt" },
        { "anonymous", $"/api/public/verifications/{PublicId}/compare" },
        { "page", "/dokumen/baru" },
        { "page", $"/dokumen/{Guid.NewGuid()}?handler=Unggah" },
        { "page", "/verifikasi?handler=Unggah" },
        { "page", $"/surat/{Guid.NewGuid()}?handler=TandaTerima" },
        { "page", "/penanda-tangan" },
        { "anonymous", $"/v/{PublicId}" },
        { "api", "/api/offices/kanigaran/incoming-letters" },
    };

    private static readonly string[] Covered =
    [
        "api/documents", "api/documents/{id:guid}/versions", "api/verify", "api/public/verifications/{publicid}/compare",
        "dokumen/baru", "dokumen/{id:guid}", "verifikasi", "surat/{id:guid}", "penanda-tangan", "v/{publicid}",
        "api/offices/{office}/incoming-letters",
    ];

    [Fact]
    public void The_list_covers_every_endpoint_the_host_marks_as_taking_an_upload()
    {
        var marked = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.Any(m => m is DocSign.Web.Security.UploadBodyMetadata or DocSign.Web.Security.AnonymousCompareBodyMetadata))
            .Select(e => (e.RoutePattern.RawText ?? "").Trim('/').ToLowerInvariant())
            .Distinct().ToList();
        marked.ShouldNotBeEmpty();
        marked.Except(Covered).ShouldBeEmpty("an upload endpoint without a truncated-body case");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_truncated_multipart_body_is_a_400_with_a_clear_message(string caller, string path)
    {
        using var client = caller switch
        {
            "api" => await app.As("staf.kanigaran"),
            "page" => await app.BrowserAsync("staf.kanigaran", "198.51.100.250"),
            _ => app.From("198.51.100." + Random.Shared.Next(1, 250)),
        };
        var response = await client.PostAsync(path, Truncated());
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        // API callers get problem+json, people a page; both say what was wrong.
        (!path.StartsWith("/api") ? System.Net.WebUtility.HtmlDecode(body) : JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!).ShouldContain("tidak lengkap atau rusak");
    }

    [Fact]
    public async Task A_multipart_body_with_a_broken_boundary_is_a_400_too()
    {
        using var client = await app.As("staf.kanigaran");
        var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\r\n--x--\r\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=\"" + new string('b', 10) + "\"");
        var response = await client.PostAsync("/api/documents", content);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A file part that starts and never ends: no closing boundary, the body simply stops.</summary>
    private static ByteArrayContent Truncated()
    {
        var text = "--cut\r\nContent-Disposition: form-data; name=\"office\"\r\n\r\nkanigaran\r\n" +
                   "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
                   "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + new string('x', 4000);
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        return content;
    }
}
