using DocSign.Core.Access;
using DocSign.Core.Calendar;
using DocSign.Core.Offices;
using DocSign.Core.Problems;

namespace DocSign.Core.Accounts;

/// <summary>The offices whose settings the actor administers (the Pengaturan hub): every office for the system admin, his own for an office admin.</summary>
public sealed class ListAdministeredOfficesHandler(ILkjipDeadlines offices)
{
    public async Task<IReadOnlyList<string>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.IsAdministrator) return await DatabaseGuard.RunAsync(() => offices.ListOfficeIdsAsync(cancellationToken));
        var own = actor.Memberships.Where(m => m.Role == OfficeRole.AdminKantor).Select(m => m.OfficeId).Distinct().Order(StringComparer.Ordinal).ToList();
        return own.Count > 0 ? own : throw DocSignProblem.Forbidden("Halaman pengaturan hanya untuk admin kantor.");
    }
}
