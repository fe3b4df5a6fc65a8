using DocSign.Core.Ports;

namespace DocSign.Core.Problems;

/// <summary>
/// The one answer to a database that is down: a <see cref="ProblemKind.Unavailable"/> refusal (503) saying nothing
/// changed. Adapters turn connection faults into <see cref="DatabaseUnavailableException"/>; use cases pass their
/// database calls through here (or catch it and call <see cref="Unavailable"/>).
/// </summary>
public static class DatabaseGuard
{
    public const string Message = "Basis data sedang tidak dapat dihubungi. Tidak ada yang berubah; silakan coba lagi.";

    public static DocSignProblem Unavailable(DatabaseUnavailableException e) => new(ProblemKind.Unavailable, Message, e);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (DatabaseUnavailableException e) { throw Unavailable(e); }
    }

    public static async Task RunAsync(Func<Task> call)
    {
        try { await call(); }
        catch (DatabaseUnavailableException e) { throw Unavailable(e); }
    }
}
