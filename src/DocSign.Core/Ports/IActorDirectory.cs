using DocSign.Core.Access;

namespace DocSign.Core.Ports;

/// <summary>Looks up the signed-in person's current memberships (fresh per request, so revocation is immediate).</summary>
public interface IActorDirectory
{
    Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken = default);
}
