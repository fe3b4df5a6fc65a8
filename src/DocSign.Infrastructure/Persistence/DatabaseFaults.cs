using DocSign.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>
/// The one reading of a database exception, for every adapter: a connection-level failure (the database is down,
/// busy, full or unreachable) becomes <see cref="DatabaseUnavailableException"/> (503, nothing changed); a unique-key
/// violation is told apart so the caller can say which conflict it was; everything else stays a bug (500).
/// </summary>
public static class DatabaseFaults
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (Exception e) when (IsUnavailable(e)) { throw new DatabaseUnavailableException(e); }
    }

    public static async Task GuardAsync(Func<Task> call)
    {
        try { await call(); }
        catch (Exception e) when (IsUnavailable(e)) { throw new DatabaseUnavailableException(e); }
    }

    public static bool IsUnavailable(Exception e) => e switch
    {
        VersionNumberTakenException => false,
        Npgsql.NpgsqlException { IsTransient: true } => true,
        Npgsql.PostgresException => false,
        Npgsql.NpgsqlException => true,
        TimeoutException => true,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // busy, locked, I/O, full, cannot open
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}

/// <summary>Core's reading of an unguarded database exception, by <see cref="DatabaseFaults.IsUnavailable"/>.</summary>
public sealed class DatabaseFaultReader : IDatabaseFaults
{
    public bool IsUnavailable(Exception exception) => DatabaseFaults.IsUnavailable(exception);
}
