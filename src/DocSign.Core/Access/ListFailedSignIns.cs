using DocSign.Core.Problems;

namespace DocSign.Core.Access;

/// <summary>
/// For the admin: accounts with failed sign-ins since their owner last signed in (someone guessing at them). Each
/// refusal is also in the audit trail; the owner is told at his next sign-in, which clears the row.
/// </summary>
public sealed class ListFailedSignInsHandler(ISessionDirectory sessions)
{
    public const int Max = 200;

    public Task<IReadOnlyList<FailedSignIns>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
            throw DocSignProblem.Forbidden("Hanya admin yang dapat melihat percobaan masuk yang gagal.");
        return sessions.FailedSignInsAsync(Max, cancellationToken);
    }
}
