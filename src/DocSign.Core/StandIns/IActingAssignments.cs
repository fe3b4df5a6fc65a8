namespace DocSign.Core.StandIns;

/// <summary>Plh./Plt. assignments in the database. Add only stages; <see cref="SaveAsync"/> saves it with the audit events.</summary>
public interface IActingAssignments
{
    /// <summary>The office's assignments, newest period first (read-only unless <paramref name="tracked"/>).</summary>
    Task<IReadOnlyList<ActingAssignment>> ListAsync(string officeId, bool tracked = false, CancellationToken cancellationToken = default);

    /// <summary>The assignment in force for the office's Camat at <paramref name="at"/>, or null.</summary>
    Task<ActingAssignment?> InForceAsync(string officeId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The person's assignments not yet over at <paramref name="at"/> in the office.</summary>
    Task<bool> HoldsOrWillHoldAsync(string userId, string officeId, DateTimeOffset at, CancellationToken cancellationToken = default);

    void Add(ActingAssignment assignment);

    Task SaveAsync(CancellationToken cancellationToken = default);
}
