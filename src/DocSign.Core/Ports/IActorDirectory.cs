using DocSign.Core.Access;

namespace DocSign.Core.Ports;

/// <summary>Looks up the signed-in person's current memberships (fresh per request, so revocation is immediate).</summary>
public interface IActorDirectory
{
    Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Who the person is on record (name, and NIP where recorded): what a signer certificate must name. Null when the account is gone.</summary>
    Task<PersonOnRecord?> PersonAsync(string userId, CancellationToken cancellationToken = default);
}

/// <summary>A person's name and (for civil servants, where recorded) 18-digit NIP.</summary>
public sealed record PersonOnRecord(string Name, string? Nip);
