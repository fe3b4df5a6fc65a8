using DocSign.Core.Access;

namespace DocSign.Core.Accounts;

/// <summary>
/// An account as the admin screens and the admin API show it: the person's name and NIP, whether an admin locked it
/// (it cannot sign in and holds no session), whether it is disabled (a demo account on a service without the demo),
/// and its role in each office.
/// </summary>
public sealed record AccountSummary(string UserId, string UserName, string DisplayName, string? Nip, bool Locked, bool Disabled,
    IReadOnlyList<OfficeMembership> Memberships)
{
    public string? RoleIn(string officeId) => Memberships.FirstOrDefault(m => m.OfficeId == officeId)?.Role;
}

/// <summary>The accounts store (ASP.NET Core Identity and the memberships table), as the account use cases need it.</summary>
public interface IUserAccounts
{
    /// <summary>The accounts holding a membership in <paramref name="officeId"/>, ordered by name.</summary>
    Task<IReadOnlyList<AccountSummary>> ListAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>One account by its user name (case-insensitive); null when there is none.</summary>
    Task<AccountSummary?> FindByNameAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Gives the account <paramref name="role"/> in the office (replacing its role there), or, with null, takes it out of the office.</summary>
    Task SetRoleAsync(string userId, string officeId, string? role, CancellationToken cancellationToken = default);

    /// <summary>Locks the account until an admin lifts the lock and ends every session it holds; returns how many ended.</summary>
    Task<int> LockAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Lifts an admin lock and forgets the account's wrong passwords, so that it can sign in again at once.</summary>
    Task UnlockAsync(string userId, CancellationToken cancellationToken = default);
}
