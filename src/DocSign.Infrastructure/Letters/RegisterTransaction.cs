using System.Data.Common;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// The one transaction shape that gives numbers: it holds the office-year counter row from its first statement to
/// its commit (<see cref="WriteLockedTransaction"/>), so a second allocation waits instead of reading a stale counter.
/// Whatever the body staged (letters, the counter's new value, audit entries) is saved and committed together; any
/// exception rolls all of it back, so no number is ever skipped.
/// </summary>
internal static class RegisterTransaction
{
    /// <summary>
    /// Runs <paramref name="body"/> holding the counter row of <paramref name="officeId"/> in <paramref name="year"/>
    /// (made first if the year has none yet); the body gets the last number given and stages its changes in
    /// <paramref name="db"/>, which are then saved and committed.
    /// </summary>
    public static Task<T> RunAsync<T>(DocSignDbContext db, string officeId, int year, Func<int, Task<T>> body, CancellationToken cancellationToken) =>
        WriteLockedTransaction.RunAsync(db, async transaction =>
        {
            var last = await LockCounterAsync(db, transaction, officeId, year, cancellationToken);
            if (last is null)
            {
                // First number of the year: the row is made, then locked. A concurrent first insert of the
                // year is a no-op for the loser, which then waits on the winner's row like everyone else.
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"LetterCounters\" (\"OfficeId\", \"Year\", \"LastSequence\") VALUES ({officeId}, {year}, 0) ON CONFLICT DO NOTHING", cancellationToken);
                last = await LockCounterAsync(db, transaction, officeId, year, cancellationToken)
                       ?? throw new InvalidOperationException("The letter counter row vanished under its lock.");
            }
            return await body(last.Value);
        }, cancellationToken);

    /// <summary>Locks the counter row and returns its value, or null when the office has no row for the year yet.</summary>
    private static async Task<int?> LockCounterAsync(DocSignDbContext db, DbTransaction transaction, string officeId, int year, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"LastSequence\" FROM \"LetterCounters\" WHERE \"OfficeId\" = @office AND \"Year\" = @year"
                              + WriteLockedTransaction.ForUpdate(db);
        var office = command.CreateParameter();
        office.ParameterName = "@office";
        office.Value = officeId;
        command.Parameters.Add(office);
        var y = command.CreateParameter();
        y.ParameterName = "@year";
        y.Value = year;
        command.Parameters.Add(y);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
