using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Pdf;
using DocSign.Infrastructure.Storage;
using DocSign.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Tests.Uploads;

/// <summary>
/// When the database fails after the bytes are stored, the upload is refused as unavailable and the
/// object it stored is removed again: no row without its object, and (here) no object without its row.
/// </summary>
public sealed class FailedUploadLeavesNothingTests : IDisposable
{
    private readonly string _root = TestEnvironment.NewTempDirectory("rollback");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_database_failure_after_storing_gives_503_and_removes_the_stored_object()
    {
        var store = new FileSystemObjectStore(_root);
        var repository = new FailingRepository();
        var uploader = new VersionUploader(store, new DocSignPdfInspector(), Options.Create(new UploadOptions()), NullLogger<VersionUploader>.Instance);
        var handler = new CreateDocumentHandler(repository, uploader, TimeProvider.System, NullLogger<CreateDocumentHandler>.Instance);
        var actor = new Actor("u1", "staf.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Staf)]);
        var pdf = SamplePdfs.OnePage("rollback");

        var problem = await Should.ThrowAsync<DocSignProblem>(() => handler.HandleAsync(actor,
            new CreateDocumentRequest("kanigaran", "2024", "lkjip", "LKjIP", new UploadedFile(new MemoryStream(pdf), pdf.Length, "a.pdf"))));

        problem.Kind.ShouldBe(ProblemKind.Unavailable);
        repository.AddAttempts.ShouldBe(1);
        var left = new List<StoredObject>();
        await foreach (var o in store.ListAsync("")) left.Add(o);
        left.ShouldBeEmpty();
    }

    private sealed class FailingRepository : IDocumentRepository
    {
        public int AddAttempts { get; private set; }
        public Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken = default) => Task.FromResult<Document?>(null);
        public Task<bool> OfficeExistsAsync(string officeId, CancellationToken cancellationToken = default) => Task.FromResult(true);
        public Task AddAsync(Document document, CancellationToken cancellationToken = default)
        {
            AddAttempts++;
            throw new DatabaseUnavailableException(new TimeoutException("simulated"));
        }
        public Task AddVersionAsync(DocumentVersion version, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlySet<string>> FindReferencedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
