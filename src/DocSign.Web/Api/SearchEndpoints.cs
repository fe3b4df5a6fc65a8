using DocSign.Core.Search;
using DocSign.Web.Auth;
using DocSign.Web.Ui;

namespace DocSign.Web.Api;

/// <summary><c>GET /api/search?q=&amp;year=&amp;page=</c>: the same search as the Cari page, over what the caller may read.</summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapDocSignSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async (HttpContext context, SearchRecordsHandler handler, string? q, string? year, int? page) =>
        {
            var found = await handler.HandleAsync(await CurrentActor.GetAsync(context), new SearchRequest(q, year, page), context.RequestAborted);
            return Results.Ok(new SearchDto(found.Query, found.Year, found.Page, found.PageSize, found.Total, found.HasMore, found.Truncated,
                found.Hits.Select(SearchHitDto.From).ToList()));
        }).RequireAuthorization();
        return app;
    }

    private sealed record SearchDto(string? Query, int? Year, int Page, int PageSize, int Total, bool HasMore, bool Truncated, IReadOnlyList<SearchHitDto> Results);

    private sealed record SearchHitDto(string Kind, Guid Id, string Office, int Year, string Title, Guid? DocumentId, Guid? LetterId, string? LetterNumber,
        DateOnly? LetterDate, IReadOnlyList<string> Signers, string? Verdict, string Url)
    {
        public static SearchHitDto From(SearchHit h) => new(h.Kind switch
            {
                SearchHitKind.Document => "document",
                SearchHitKind.Letter => "letter",
                _ => "archive",
            }, h.Id, h.OfficeId, h.Year, h.Title, h.DocumentId, h.LetterId, h.LetterNumber, h.LetterDate, h.Signers, h.Verdict, TampilCari.Alamat(h));
    }
}
