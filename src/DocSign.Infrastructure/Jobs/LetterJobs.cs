using DocSign.Core.Archive;
using DocSign.Core.Letters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// The surat pengantar of a signed document, for offices that number on signing and seal their letters unattended
/// (others make it at their SOP step): enqueued when a signature is saved (<see cref="JobCauses"/>), and a sweep
/// for documents with a signed version and no issued letter (a lost or failed job, a killed instance). A crash loses
/// nothing: the next run finds the document again and the register hands back the number already taken.
/// </summary>
public sealed class CoverLetterJob(IServiceScopeFactory scopes, ILetterRegister register, ILogger<CoverLetterJob> logger) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken)
    {
        var pending = subject is { } id ? [id] : await register.FindDocumentsAwaitingCoverLetterAsync(50, cancellationToken);
        var made = await EachJob.RunAsync(scopes, logger, pending, "surat pengantar", async (scope, documentId) =>
            await scope.ServiceProvider.GetRequiredService<CreateCoverLetterHandler>().HandleAsync(documentId, onlyIfAutomatic: true, cancellationToken) is not null, cancellationToken);
        return $"{made} surat pengantar dibuat";
    }
}

/// <summary>Copies a dispatched letter (and its signed document) into the archive: enqueued at dispatch, and a sweep.</summary>
public sealed class ArchiveJob(IServiceScopeFactory scopes, IArchiveRepository archive, ILogger<ArchiveJob> logger) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken)
    {
        var pending = subject is { } id ? [id] : await archive.FindLettersAwaitingArchiveAsync(50, cancellationToken);
        var done = await EachJob.RunAsync(scopes, logger, pending, "archive copies", async (scope, letterId) =>
            (await scope.ServiceProvider.GetRequiredService<ArchiveDispatchedLetterHandler>().HandleAsync(letterId, cancellationToken)).Count > 0, cancellationToken);
        return $"{done} paket diarsipkan";
    }
}

/// <summary>Re-hashes every archive object on a schedule (the admin sees the result on the jobs list, offices on Arsip).</summary>
public sealed class ArchiveIntegrityJob(CheckArchiveIntegrityHandler check) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken)
    {
        var (checkedCount, bad) = await check.HandleAsync(cancellationToken);
        return $"{checkedCount} objek diperiksa, {bad} bermasalah";
    }
}

/// <summary>Adds fresh document timestamps to archived files whose proof is about to expire or weaken.</summary>
public sealed class ArchiveRenewalJob(RenewArchiveTimestampsHandler renew) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken) =>
        $"{await renew.HandleAsync(cancellationToken)} berkas diperbarui";
}

/// <summary>Runs work for several items, each in its own scope, so one item's trouble does not hold up the others.</summary>
internal static class EachJob
{
    /// <summary>Returns how many did something; throws at the end naming the first few that failed.</summary>
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, ILogger logger, IReadOnlyList<Guid> ids, string what,
        Func<AsyncServiceScope, Guid, Task<bool>> work, CancellationToken cancellationToken)
    {
        var done = 0;
        var errors = new List<string>();
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await work(scope, id)) done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{What} for {Id} failed; will retry", what, id);
                errors.Add($"{id}: {e.Message}");
            }
        }
        if (errors.Count > 0) throw new InvalidOperationException($"{errors.Count} of {ids.Count} {what} failed: {string.Join("; ", errors.Take(3))}");
        return done;
    }
}
