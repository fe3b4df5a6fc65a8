using DocSign.Core.Access;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Signing;

/// <summary>
/// <c>POST /api/sign/batch</c> and the Tanda Tangan Massal screen: several documents waiting for the same signer, one
/// passphrase or TOTP for all of them. <see cref="BatchId"/> (optional, chosen by the caller) names the batch's progress,
/// which <see cref="SignBatchProgress"/> reports while the call runs. The text form never shows the secret.
/// </summary>
public sealed class SignBatchRequest
{
    public required IReadOnlyList<Guid> DocumentIds { get; init; }
    public string? Passphrase { get; init; }
    public string? Totp { get; init; }
    public Guid? BatchId { get; init; }
    public override string ToString() => $"SignBatchRequest({DocumentIds.Count} documents, batch {BatchId})";
}

/// <summary>One document of a batch: signed (its new version, record, public page and verification) or why not.</summary>
public sealed record SignBatchItem(Guid DocumentId, string Title, SignDocumentResult? Signed, string? Failure)
{
    public bool Succeeded => Signed is not null;
}

/// <summary>Every document of the batch, in the order asked.</summary>
public sealed record SignBatchResult(Guid BatchId, IReadOnlyList<SignBatchItem> Items)
{
    public int SignedCount => Items.Count(i => i.Succeeded);
    public int FailedCount => Items.Count(i => !i.Succeeded);
}

/// <summary>
/// Tanda tangan massal: the Camat signs several documents put to him with one entry of his passphrase or TOTP. Each document
/// goes through the very gate, preparation and finish of <see cref="SignDocumentHandler"/> (who may sign, which version, the
/// stamp and QR to its own public page, its own verification VALID at the expected level, its own version, record, SOP step and
/// audit entry in its own transaction); only the provider call is shared: one BSrE v2 call carrying every file, one PKCS#11
/// session, one PKCS#12 unlock. The passphrase counts as one attempt for the whole batch. A document that fails alone (refused at
/// the gate, a bad file back from BSrE, not VALID) stores nothing and keeps its step open while the others stand; the result says
/// which and why. A refusal of the whole call (wrong passphrase, BSrE down) is thrown as for one document, with nothing stored.
/// </summary>
public sealed class SignBatchHandler(
    SignDocumentHandler single,
    ISigningProviders providers,
    SignBatchProgress progress,
    ILogger<SignBatchHandler> logger)
{
    /// <summary>Most documents one batch may carry (one BSrE call holds them all in memory, base64).</summary>
    public const int MaxDocuments = 50;

    public async Task<SignBatchResult> HandleAsync(Actor actor, SignBatchRequest request, CancellationToken cancellationToken = default)
    {
        var ids = request.DocumentIds.Distinct().ToList();
        if (ids.Count == 0) throw DocSignProblem.Invalid("Pilih paling sedikit satu dokumen untuk ditandatangani.");
        if (ids.Count > MaxDocuments) throw DocSignProblem.Invalid($"Paling banyak {MaxDocuments} dokumen dalam satu kali tanda tangan massal.");
        if (string.IsNullOrEmpty(request.Passphrase) && string.IsNullOrEmpty(request.Totp))
            throw DocSignProblem.Invalid("Passphrase wajib diisi untuk setiap tanda tangan.");

        var batchId = request.BatchId ?? Guid.NewGuid();
        var tracker = progress.Start(batchId, actor.UserId, ids.Count);
        var failures = new Dictionary<Guid, string>();
        var titles = new Dictionary<Guid, string>();
        var signedResults = new Dictionary<Guid, SignDocumentResult>();
        var prepared = new List<PreparedDocumentSignature>();
        try
        {
            // The gate, per document: a refusal concerns that document only.
            var gates = new List<SigningGate>();
            foreach (var id in ids)
            {
                try
                {
                    var gate = await single.OpenGateAsync(actor, id, SignatureKind.Sign, cancellationToken);
                    titles[id] = gate.Document.Title;
                    if (gates.Count > 0 && gate.Enrolment.Id != gates[0].Enrolment.Id)
                        throw DocSignProblem.Invalid("Dokumen ini milik kantor lain dengan kunci tanda tangan lain; tandatangani dalam kelompok tersendiri.");
                    gates.Add(gate);
                }
                catch (DocSignProblem p)
                {
                    if (!titles.ContainsKey(id) && await single.TitleOfAsync(actor, id, cancellationToken) is { } title) titles[id] = title;
                    failures[id] = p.Message;
                    tracker.Finished(id, p.Message);
                }
            }
            if (gates.Count == 0) return Result(batchId, ids, titles, signedResults, failures);

            var first = gates[0];
            single.CheckSecretAndWait(first, request.Passphrase, request.Totp);
            foreach (var gate in gates)
            {
                try { prepared.Add(await single.PrepareAsync(gate, single.LevelFor(gate), null, cancellationToken)); }
                catch (DocSignProblem p)
                {
                    failures[gate.Document.Id] = p.Message;
                    tracker.Finished(gate.Document.Id, p.Message);
                }
            }
            if (prepared.Count == 0) return Result(batchId, ids, titles, signedResults, failures);

            // One attempt, one provider call for every document.
            await single.BeginAttemptAsync(first, cancellationToken);
            tracker.Signing();
            var note = $" (batch of {prepared.Count})";
            IReadOnlyList<SignedInBatch> outcomes;
            try
            {
                outcomes = await providers.SignBatchAsync(
                    prepared.Select(p => new BatchDocument(p.Input, p.Output, p.Request)).ToList(),
                    first.Enrolment.Credential(request.Passphrase, request.Totp), first.Enrolment.Expected, tracker.Signed, cancellationToken);
            }
            catch (SignatureServiceException e)
            {
                throw await single.SigningFailedAsync(actor, first, e, note);
            }
            logger.LogInformation("Batch {BatchId} of {User}: {Count} documents back from the provider", batchId, actor.UserName, outcomes.Count);
            // The secret was right: the attempt is not a failure, whatever becomes of each document.
            await single.PassphraseAcceptedAsync(first);

            // Each document on its own: verified, stored in its own transaction, or refused alone.
            for (int i = 0; i < prepared.Count; i++)
            {
                var p = prepared[i];
                var id = p.Gate.Document.Id;
                try
                {
                    if (outcomes[i].Error is { } error) throw await single.SigningFailedAsync(actor, p.Gate, error, note);
                    var result = await single.FinishAsync(actor, p, outcomes[i].Outcome!, cancellationToken);
                    signedResults[id] = result;
                    tracker.Finished(id, null);
                }
                catch (DocSignProblem problem)
                {
                    failures[id] = problem.Message;
                    tracker.Finished(id, problem.Message);
                }
            }
            return Result(batchId, ids, titles, signedResults, failures);
        }
        catch (DocSignProblem problem)
        {
            tracker.Failed(problem.Message);
            throw;
        }
        finally
        {
            foreach (var p in prepared) await p.DisposeAsync();
            tracker.Done();
        }
    }

    private static SignBatchResult Result(Guid batchId, List<Guid> ids, Dictionary<Guid, string> titles,
        Dictionary<Guid, SignDocumentResult> signed, Dictionary<Guid, string> failures) =>
        new(batchId, ids.Select(id => new SignBatchItem(id, titles.GetValueOrDefault(id) ?? "(dokumen tidak dikenal)",
            signed.GetValueOrDefault(id), signed.ContainsKey(id) ? null : failures.GetValueOrDefault(id) ?? "Tidak ditandatangani.")).ToList());
}
