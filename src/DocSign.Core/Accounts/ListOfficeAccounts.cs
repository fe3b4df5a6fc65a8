using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Accounts;

/// <summary>An office's accounts as its admin sees them (<c>GET /api/admin/offices/{office}/users</c>, the Pengguna screen).</summary>
public sealed class ListOfficeAccountsHandler(IUserAccounts accounts, IDocumentRepository documents)
{
    public async Task<IReadOnlyList<AccountSummary>> HandleAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        var officeId = await AccountAccess.RequireOfficeAdminAsync(documents, actor, office, cancellationToken);
        var list = await DatabaseGuard.RunAsync(() => accounts.ListAsync(officeId, cancellationToken));
        // An office admin sees only the office's own roles of its members, never what they hold elsewhere.
        return actor.IsAdministrator ? list
            : list.Select(a => a with { Memberships = a.Memberships.Where(m => m.OfficeId == officeId).ToList() }).ToList();
    }
}
