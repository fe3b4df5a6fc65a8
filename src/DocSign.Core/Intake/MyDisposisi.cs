using DocSign.Core.Access;
using DocSign.Core.Problems;

namespace DocSign.Core.Intake;

public sealed record DisposisiTask(IncomingLetter Letter, Disposisi Disposisi);

/// <summary>
/// The disposisi addressed to the signed-in person (by name, or to a role he holds in that office) on letters that
/// have not started their SOP yet: his tasks beside the SOP steps.
/// </summary>
public sealed class MyDisposisiHandler(IIncomingLetterRepository letters)
{
    public async Task<IReadOnlyList<DisposisiTask>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var offices = actor.Memberships.Select(m => m.OfficeId).Distinct().ToList();
        if (offices.Count == 0) return [];
        var open = await DatabaseGuard.RunAsync(() => letters.ListOpenWithDisposisiAsync(offices, cancellationToken));
        return open.SelectMany(l => l.Dispositions
                .Where(d => d.ToUser == actor.UserName || (d.ToRole is not null && actor.HasRole(l.OfficeId, d.ToRole)))
                .Select(d => new DisposisiTask(l, d)))
            .OrderBy(t => t.Disposisi.Deadline ?? DateOnly.MaxValue).ThenBy(t => t.Disposisi.At)
            .ToList();
    }
}
