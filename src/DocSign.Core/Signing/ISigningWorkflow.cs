using DocSign.Core.Access;
using DocSign.Core.Documents;

namespace DocSign.Core.Signing;

/// <summary>
/// The SOP workflow as the signing use cases see it: which version is put to a signer, and recording the
/// signature as the step's output. The workflow module implements it; until it does,
/// <see cref="StageSigningWorkflow"/> reads the answer from the version stages.
/// </summary>
public interface ISigningWorkflow
{
    /// <summary>
    /// The number of the version currently submitted for a signature of <paramref name="kind"/> (the Camat's
    /// sign step, or the paraf before it), or null when nothing is submitted.
    /// </summary>
    Task<int?> PendingVersionAsync(Document document, SignatureKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the signature in the workflow (step log, next step). Called inside the signing transaction after
    /// the signed version is stored: stage changes in the shared unit of work; the signing use case saves and
    /// commits them with the version, or none of it.
    /// </summary>
    Task RecordAsync(Actor actor, Document document, SignatureKind kind, DocumentVersion signedVersion, SignatureRecord record,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// The generic route of documents outside any SOP run: a version counts as submitted to the Camat when it is the
/// latest version, final, and the Sekcam submitted it (<see cref="Document.RouteSubmittedVersion"/>), or when it is
/// the paraf'd copy of that version; submitted for paraf on the same terms. Records nothing beyond the signature record
/// and the audit trail, which the signing use case writes anyway.
/// </summary>
public sealed class StageSigningWorkflow : ISigningWorkflow
{
    public Task<int?> PendingVersionAsync(Document document, SignatureKind kind, CancellationToken cancellationToken = default)
    {
        var latest = document.Versions.OrderByDescending(v => v.Number).FirstOrDefault();
        int? pending = latest switch
        {
            null => null,
            { Stage: VersionStage.Final } when document.RouteSubmittedVersion == latest.Number => latest.Number,
            { Stage: VersionStage.Paraf } when kind == SignatureKind.Sign && document.RouteSubmittedVersion == latest.Number - 1 => latest.Number,
            _ => null,
        };
        return Task.FromResult(pending);
    }

    public Task RecordAsync(Actor actor, Document document, SignatureKind kind, DocumentVersion signedVersion, SignatureRecord record,
        CancellationToken cancellationToken = default) => Task.CompletedTask;
}
