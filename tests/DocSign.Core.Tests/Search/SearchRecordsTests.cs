using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Search;

namespace DocSign.Core.Tests.Search;

/// <summary>
/// The search use case: the scope is the reader's own offices (the admin: every office's letters and archive, no
/// document), the words reach the index lower case, a year typed alone is a year, results are paged, bad input refused.
/// </summary>
public sealed class SearchRecordsTests
{
    private sealed class Index(int hits = 0) : ISearchIndex
    {
        public SearchScope? Scope { get; private set; }
        public SearchCriteria? Criteria { get; private set; }

        public Task<IReadOnlyList<SearchHit>> FindAsync(SearchScope scope, SearchCriteria criteria, int max, CancellationToken cancellationToken = default)
        {
            (Scope, Criteria) = (scope, criteria);
            IReadOnlyList<SearchHit> found = Enumerable.Range(1, hits)
                .Select(i => new SearchHit(SearchHitKind.Document, Guid.NewGuid(), "kanigaran", 2024, $"Dokumen {i:000}", null, null, null, null, [], null, null)).ToList();
            return Task.FromResult(found);
        }
    }

    private static readonly Actor Auditor = new("u1", "auditor.inspektorat",
        [new OfficeMembership("candipuro", OfficeRole.Auditor), new OfficeMembership("lumajang", OfficeRole.Auditor)]);

    [Fact]
    public async Task The_scope_is_the_readers_offices_and_the_words_go_lower_case()
    {
        var index = new Index();
        await new SearchRecordsHandler(index).HandleAsync(Auditor, new SearchRequest("  LKjIP   Candipuro ", null));
        index.Scope!.DocumentOffices.ShouldBe(["candipuro", "lumajang"]);
        index.Scope.LetterOffices.ShouldBe(["candipuro", "lumajang"]);
        index.Criteria!.Words.ShouldBe(["lkjip", "candipuro"]);
        index.Criteria.Year.ShouldBeNull();

        await new SearchRecordsHandler(index).HandleAsync(new Actor("u0", "admin", [], IsAdministrator: true), new SearchRequest("065", null));
        index.Scope!.DocumentOffices.ShouldBeEmpty();
        index.Scope.LetterOffices.ShouldBeNull();
    }

    [Fact]
    public async Task A_year_typed_alone_is_a_year_and_results_come_twenty_to_a_page()
    {
        var index = new Index(hits: 45);
        var handler = new SearchRecordsHandler(index);
        var first = await handler.HandleAsync(Auditor, new SearchRequest("2024", null));
        index.Criteria!.Words.ShouldBeEmpty();
        index.Criteria.Year.ShouldBe(2024);
        first.Total.ShouldBe(45);
        first.Hits.Count.ShouldBe(20);
        first.HasMore.ShouldBeTrue();
        var last = await handler.HandleAsync(Auditor, new SearchRequest("dokumen", "2024", 3));
        last.Hits.Select(h => h.Title).ShouldBe(["Dokumen 041", "Dokumen 042", "Dokumen 043", "Dokumen 044", "Dokumen 045"]);
        last.HasMore.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, null, "Isi kata pencarian")]
    [InlineData("lkjip", "tahun lalu", "Tahun harus berupa angka tahun")]
    [InlineData("lkjip", "1999", "Tahun harus berupa angka tahun")]
    public async Task Bad_input_is_refused_in_Bahasa_and_nothing_is_asked(string? q, string? year, string message)
    {
        var index = new Index();
        var refused = await Should.ThrowAsync<DocSignProblem>(() => new SearchRecordsHandler(index).HandleAsync(Auditor, new SearchRequest(q, year)));
        refused.Kind.ShouldBe(ProblemKind.Invalid);
        refused.UserMessage.ShouldContain(message);
        index.Scope.ShouldBeNull();
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_refused()
    {
        var refused = await Should.ThrowAsync<DocSignProblem>(() =>
            new SearchRecordsHandler(new Index()).HandleAsync(Auditor, new SearchRequest(new string('a', SearchRecordsHandler.MaxQueryLength + 1), null)));
        refused.UserMessage.ShouldContain("terlalu panjang");
    }
}
