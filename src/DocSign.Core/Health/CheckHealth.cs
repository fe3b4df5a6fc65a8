using DocSign.Core.Ports;

namespace DocSign.Core.Health;

/// <summary>Whether the database answers.</summary>
public interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken = default);
}

/// <summary>The service's readiness: the database and the object store each answer, or not.</summary>
public sealed record HealthReport(bool Database, bool Storage)
{
    public bool Ready => Database && Storage;
}

/// <summary>Asks the database and the object store, each within <see cref="Timeout"/>; a failure is an answer, never an exception.</summary>
public sealed class CheckHealthHandler(IDatabaseProbe database, IObjectStore store)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> HandleAsync(CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        var db = await Probe(() => database.CanConnectAsync(cts.Token));
        var storage = await Probe(async () => { await store.CheckAsync(cts.Token); return true; });
        return new HealthReport(db, storage);
    }

    private static async Task<bool> Probe(Func<Task<bool>> check)
    {
        try { return await check(); }
        catch (Exception) { return false; }
    }
}
