using System.Text.RegularExpressions;
using DocSign.Testing.Pki;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// docs/api.md stays true both ways: every endpoint the real host maps (the API, /health, the jobs dashboard and the
/// public pages behind the QR codes) has a row there, and every <c>/api</c> call the page names is still mapped.
/// A call is written in the page as <c>`METHOD /path`</c> in backticks, with route parameters by name and without
/// constraints (<c>{id}</c>, not <c>{id:guid}</c>); a query string after the path is ignored.
/// </summary>
public sealed class ApiReferenceTests(SqliteFileSystemApi app) : IClassFixture<SqliteFileSystemApi>
{
    /// <summary>Screens are Razor pages documented by the README; only the public pages behind QR codes are API-like.</summary>
    private const string PublicPagePrefix = "/v/";

    private static readonly Regex DocumentedCall = new(@"`(GET|POST|PUT|DELETE|PATCH|ANY) (/[^`\s?]*)[^`]*`", RegexOptions.Compiled);

    [Fact]
    public void Every_mapped_endpoint_is_in_docs_api_md()
    {
        var mapped = MappedCalls();
        mapped.ShouldContain("POST /api/auth/token");   // the enumeration itself works
        var documented = DocumentedCalls();

        var missing = mapped.Except(documented).Order(StringComparer.Ordinal).ToList();

        missing.Count.ShouldBe(0, "These endpoints are mapped but docs/api.md has no row for them (add one, as `METHOD /path`):\n  "
            + string.Join("\n  ", missing));
    }

    [Fact]
    public void Every_api_call_in_docs_api_md_is_still_mapped()
    {
        var mapped = MappedCalls();
        var documented = DocumentedCalls().Where(c => c.Split(' ')[1].StartsWith("/api/", StringComparison.Ordinal)).ToList();
        documented.ShouldContain("GET /api/documents/{id}");   // the page was parsed

        var stale = documented.Except(mapped).Order(StringComparer.Ordinal).ToList();

        stale.Count.ShouldBe(0, "docs/api.md names these calls, but DocSign no longer maps them (remove or correct the rows):\n  "
            + string.Join("\n  ", stale));
    }

    [Theory]
    [InlineData("/api/documents/{id:guid}/versions/{number:int}/content", "/api/documents/{id}/versions/{number}/content")]
    [InlineData("/api/documents/", "/api/documents")]
    [InlineData("/api/offices/{office}/letters.csv", "/api/offices/{office}/letters.csv")]
    [InlineData("/hangfire/{**path}", "/hangfire/{**path}")]
    [InlineData("/v/{publicId?}", "/v/{publicId}")]
    public void Route_patterns_are_compared_without_constraints(string pattern, string expected) =>
        Normalise(RoutePatternFactory.Parse(pattern)).ShouldBe(expected);

    [Fact]
    public void A_call_in_the_page_is_read_with_its_method_and_path_only()
    {
        var calls = Parse("| `GET /api/offices/{office}/audit?from=&to=` | x |\n| `POST /api/letters/{id}/sign` `{passphrase}` | y |\nplain GET /api/nothing");

        calls.ShouldBe(["GET /api/offices/{office}/audit", "POST /api/letters/{id}/sign"], ignoreOrder: true);
    }

    /// <summary>"METHOD /path" for each endpoint of the running host; ANY for one that takes every method.</summary>
    private HashSet<string> MappedCalls()
    {
        var calls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalise(endpoint.RoutePattern);
            var page = endpoint.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor;
            if (page)
            {
                if (path.StartsWith(PublicPagePrefix, StringComparison.Ordinal)) calls.Add("GET " + path);
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0) calls.Add("ANY " + path);
            else foreach (var method in methods) calls.Add(method + " " + path);
        }
        return calls;
    }

    private static HashSet<string> DocumentedCalls()
    {
        var file = Path.Combine(SamplePki.RepoRoot, "docs", "api.md");
        File.Exists(file).ShouldBeTrue($"{file} is missing");
        return Parse(File.ReadAllText(file));
    }

    private static HashSet<string> Parse(string markdown) =>
        DocumentedCall.Matches(markdown).Select(m => m.Groups[1].Value + " " + TrimSlash(m.Groups[2].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The path with each parameter as <c>{name}</c> (<c>{**name}</c> for a catch-all): no constraints, defaults or "?".</summary>
    internal static string Normalise(RoutePattern pattern) =>
        TrimSlash("/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(Part)))));

    private static string Part(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => "{" + (parameter.IsCatchAll ? "**" : "") + parameter.Name + "}",
        _ => "",
    };

    private static string TrimSlash(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
