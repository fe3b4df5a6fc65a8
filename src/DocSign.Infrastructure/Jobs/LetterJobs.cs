using DocSign.Core.Archive;
using DocSign.Core.Letters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// Looks for documents with a signed version and no issued surat pengantar and makes each one's letter. Polling
/// (not a hook into signing) keeps the signing code unaware of letters, and a crash loses nothing: the next run,
/// on this instance or another, finds the document again and the register hands back the number already taken.
/// </summary>
public sealed class CoverLetterJob(IServiceScopeFactory scopes, ILogger<CoverLetterJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("surat-pengantar", "letters");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> pending;
        await using (var scope = scopes.CreateAsyncScope())
            pending = await scope.ServiceProvider.GetRequiredService<ILetterRegister>().FindDocumentsAwaitingCoverLetterAsync(50, cancellationToken);
        var made = await EachAsync(pending, "surat pengantar", async (scope, id) =>
            await scope.ServiceProvider.GetRequiredService<CreateCoverLetterHandler>().HandleAsync(id, cancellationToken) is not null, cancellationToken);
        return $"{made} surat pengantar dibuat";
    }
}

/// <summary>Copies the signed document and its surat pengantar into the archive after dispatch.</summary>
public sealed class ArchiveJob(IServiceScopeFactory scopes, ILogger<ArchiveJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("arsip", "archive");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> pending;
        await using (var scope = scopes.CreateAsyncScope())
            pending = await scope.ServiceProvider.GetRequiredService<IArchiveRepository>().FindLettersAwaitingArchiveAsync(50, cancellationToken);
        var done = await EachAsync(pending, "archive copies", async (scope, id) =>
            (await scope.ServiceProvider.GetRequiredService<ArchiveDispatchedLetterHandler>().HandleAsync(id, cancellationToken)).Count > 0, cancellationToken);
        return $"{done} paket diarsipkan";
    }
}

/// <summary>Re-hashes every archive object on a schedule (the admin sees the result on the jobs page, offices on Arsip).</summary>
public sealed class ArchiveIntegrityJob(IServiceScopeFactory scopes, ILogger<ArchiveIntegrityJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("integritas-arsip", "archive");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (checkedCount, bad) = await scope.ServiceProvider.GetRequiredService<CheckArchiveIntegrityHandler>().HandleAsync(cancellationToken);
        return $"{checkedCount} objek diperiksa, {bad} bermasalah";
    }
}

/// <summary>Adds fresh document timestamps to archived files whose proof is about to expire or weaken.</summary>
public sealed class ArchiveRenewalJob(IServiceScopeFactory scopes, ILogger<ArchiveRenewalJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("pembaruan-stempel-waktu", "archive");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var renewed = await scope.ServiceProvider.GetRequiredService<RenewArchiveTimestampsHandler>().HandleAsync(cancellationToken);
        return $"{renewed} berkas diperbarui";
    }
}
