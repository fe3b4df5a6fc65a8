using DocSign.Core.Search;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// Search by title, year, letter number or signer over what the person may read (<see cref="SearchRecordsHandler"/>,
/// the same use case as <c>GET /api/search</c>); results in pages of twenty, each linked to its page.
/// </summary>
public sealed class CariModel(SearchRecordsHandler search) : DocSignPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "tahun")] public string? Tahun { get; set; }
    [BindProperty(SupportsGet = true, Name = "halaman")] public int? Halaman { get; set; }

    /// <summary>Null until the person searched.</summary>
    public SearchResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Q) && string.IsNullOrWhiteSpace(Tahun)) return Page();
        try
        {
            Results = await search.HandleAsync(await ActorAsync(), new SearchRequest(Q, Tahun, Halaman), HttpContext.RequestAborted);
        }
        catch (Core.Problems.DocSignProblem problem) when (problem.Kind == Core.Problems.ProblemKind.Invalid)
        {
            await ShowFormErrorAsync(problem);
        }
        return Page();
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page) =>
        "/cari?" + string.Join("&", new[] { ("q", Q), ("tahun", Tahun), ("halaman", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
}
