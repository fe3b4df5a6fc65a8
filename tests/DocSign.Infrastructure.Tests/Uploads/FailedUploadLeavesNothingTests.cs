using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Pdf;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Services;
using DocSign.Testing.SamplePdfs;
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
        var uploader = new VersionUploader(store, new DocSignPdfInspector(), repository, TimeProvider.System, Options.Create(new UploadOptions()), NullLogger<VersionUploader>.Instance);
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

    [Theory]
    [InlineData("taken", ProblemKind.Conflict)]
    [InlineData("down", ProblemKind.Unavailable)]
    public async Task A_failed_version_row_removes_the_stored_object_and_reports_why(string failure, ProblemKind expected)
    {
        var store = new FileSystemObjectStore(_root);
        var existing = new Document(Guid.NewGuid(), "kanigaran", 2024, "lkjip", "LKjIP", "staf.kanigaran", DateTimeOffset.UtcNow);
        existing.AddVersion(Guid.NewGuid(), VersionStage.Draft, "staf.kanigaran", DateTimeOffset.UtcNow, null, 1, new string('d', 64), "documents/old/v0001.pdf", 1);
        var repository = new FailingRepository
        {
            Existing = existing,
            VersionFailure = failure == "taken" ? new VersionNumberTakenException(new Exception("unique")) : new DatabaseUnavailableException(new TimeoutException()),
        };
        var uploader = new VersionUploader(store, new DocSignPdfInspector(), repository, TimeProvider.System, Options.Create(new UploadOptions()), NullLogger<VersionUploader>.Instance);
        var handler = new AddVersionHandler(repository, uploader, NullLogger<AddVersionHandler>.Instance);
        var actor = new Actor("u2", "sekcam.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Sekcam)]);
        var pdf = SamplePdfs.OnePage("koreksi");

        var problem = await Should.ThrowAsync<DocSignProblem>(() => handler.HandleAsync(actor,
            new AddVersionRequest(existing.Id, "corrected", null, new UploadedFile(new MemoryStream(pdf), pdf.Length, "b.pdf"))));

        problem.Kind.ShouldBe(expected);
        var left = new List<StoredObject>();
        await foreach (var o in store.ListAsync("")) left.Add(o);
        left.ShouldBeEmpty();
    }

    private sealed class FailingRepository : IDocumentRepository
    {
        public int AddAttempts { get; private set; }
        public Document? Existing { get; init; }
        public Exception? VersionFailure { get; init; }
        public Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken = default) => Task.FromResult(Existing);
        public Task<IReadOnlyList<Document>> ListAsync(IReadOnlyCollection<string>? offices, int? year, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> OfficeExistsAsync(DocSign.Core.Offices.OfficeId officeId, CancellationToken cancellationToken = default) => Task.FromResult(true);
        public Task AddAsync(Document document, CancellationToken cancellationToken = default)
        {
            AddAttempts++;
            throw new DatabaseUnavailableException(new TimeoutException("simulated"));
        }
        public Task AddVersionAsync(DocumentVersion version, CancellationToken cancellationToken = default) => throw VersionFailure!;
        public Task<IReadOnlySet<string>> FindReferencedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
