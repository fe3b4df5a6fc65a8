using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;

namespace DocSign.Core.Signing;

/// <summary>One document put to the Camat: the version he would sign.</summary>
public sealed record AwaitingDocument(Guid DocumentId, string OfficeId, string Title, int Year, int VersionNumber, DateTimeOffset SubmittedAt);

/// <summary>What waits for the Camat's signature in his offices, and how he signs (to ask for a passphrase, a TOTP or a PIN).</summary>
public sealed record AwaitingSignature(IReadOnlyList<AwaitingDocument> Documents, IReadOnlyDictionary<string, SigningMethod> MethodByOffice);

/// <summary>
/// The Tanda Tangan Massal screen's list: every document of the offices where the actor is Camat whose SOP (or, without one,
/// whose latest final version) puts a version to him for signature now, oldest first. Reads at most
/// <see cref="MaxRead"/> of each office's newest documents.
/// </summary>
public sealed class ListAwaitingSignatureHandler(ListDocumentsHandler list, ISigningWorkflow workflow, ISignerKeyStore keys)
{
    public const int MaxRead = 300;

    public async Task<AwaitingSignature> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var result = new List<AwaitingDocument>();
        var methods = new Dictionary<string, SigningMethod>();
        foreach (var office in actor.Memberships.Where(m => m.Role == OfficeRole.Camat).Select(m => m.OfficeId).Distinct())
        {
            if (await keys.FindActiveAsync(actor.UserId, office, SignatureKind.Sign, cancellationToken) is { } enrolment) methods[office] = enrolment.Method;
            foreach (var d in await list.HandleAsync(actor, new ListDocumentsRequest(office, null, MaxRead), cancellationToken))
            {
                var latest = d.Versions.MaxBy(v => v.Number);
                if (latest?.Stage is not (VersionStage.Final or VersionStage.Paraf)) continue;
                if (await workflow.PendingVersionAsync(d, SignatureKind.Sign, cancellationToken) is not { } n) continue;
                var pending = d.Versions.First(v => v.Number == n);
                result.Add(new AwaitingDocument(d.Id, d.OfficeId, d.Title, d.Year, n, pending.UploadedAt));
            }
        }
        return new AwaitingSignature(result.OrderBy(a => a.SubmittedAt).ToList(), methods);
    }
}
