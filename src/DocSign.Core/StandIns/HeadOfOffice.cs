using DocSign.Core.Calendar;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Signing;

namespace DocSign.Core.StandIns;

/// <summary>
/// Who holds the Camat's authority, and in what capacity: the Camat himself (<see cref="SigningAuthorityKind.Definitive"/>),
/// or a Plh./Plt. with the decree and its period. What a letter's sender block and the signing stamp say.
/// </summary>
public sealed record HeadAuthority(
    SigningAuthorityKind Capacity,
    string UserId,
    string UserName,
    string PersonName,
    string? Nip,
    string? DecreeNumber,
    DateOnly? DecreeDate,
    DateOnly? From,
    DateOnly? To)
{
    /// <summary>The jabatan as written above the name: "Camat Kanigaran", "Plh. Camat Kanigaran", "Plt. Camat Kanigaran".</summary>
    public string Jabatan(string officeName) => Capacity.Prefix() is { } prefix ? $"{prefix} {StampText.HeadOf(officeName)}" : StampText.HeadOf(officeName);
}

/// <summary>
/// Answers "who holds the Camat's authority in office O at time T (or on day D), and in what capacity": the Plh./Plt.
/// whose assignment is in force then, else the office's Camat; null when the office has neither.
/// </summary>
public sealed class HeadOfOffice(IActingAssignments assignments, IOfficeMembers members, IActorDirectory people, OfficeCalendars calendars)
{
    /// <summary>Whether <paramref name="actor"/> signs as the head now: the Plh./Plt. in force, else the office's Camat.</summary>
    public static bool MaySign(Access.Actor actor, string officeId, ActingAssignment? standIn) => standIn is null
        ? actor.HasRole(officeId, OfficeRole.Camat)
        : standIn.UserId == actor.UserId && actor.IsMemberOf(officeId);

    /// <summary>Why someone may not sign as the head (Bahasa Indonesia).</summary>
    public static string WhoSigns(ActingAssignment? standIn) => standIn is null
        ? "Hanya Camat kantor ini yang dapat menandatangani dokumen."
        : $"Selama masa {standIn.Prefix} ({Text.IndonesianText.Date(standIn.From)} sampai {Text.IndonesianText.Date(standIn.To)}, SK {standIn.DecreeNumber}), "
          + $"tanda tangan Camat dijalankan oleh {standIn.Prefix} {standIn.PersonName}.";

    /// <summary>The Plh./Plt. in force at <paramref name="at"/>, or null when the Camat acts himself.</summary>
    public Task<ActingAssignment?> StandInAtAsync(string officeId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        DatabaseGuard.RunAsync(() => assignments.InForceAsync(OfficeId.From(officeId), at, cancellationToken));

    public async Task<HeadAuthority?> AtAsync(string officeId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        if (await StandInAtAsync(officeId, at, cancellationToken) is { } standIn)
        {
            var person = await DatabaseGuard.RunAsync(() => people.PersonAsync(standIn.UserId, cancellationToken));
            return new HeadAuthority(standIn.Kind, standIn.UserId, standIn.UserName, person?.Name ?? standIn.PersonName, person?.Nip,
                standIn.DecreeNumber, standIn.DecreeDate, standIn.From, standIn.To);
        }
        var camat = (await DatabaseGuard.RunAsync(() => members.FindAsync(officeId, [OfficeRole.Camat], [], cancellationToken))).FirstOrDefault();
        return camat is null
            ? null
            : new HeadAuthority(SigningAuthorityKind.Definitive, camat.UserId, camat.UserName, camat.DisplayName, camat.Nip, null, null, null, null);
    }

    /// <summary>On a calendar day in the office's zone (a letter's date): as at midday of that day.</summary>
    public async Task<HeadAuthority?> OnAsync(string officeId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var zone = (await calendars.ForOfficeAsync(OfficeId.From(officeId), cancellationToken)).Zone;
        var local = day.ToDateTime(new TimeOnly(12, 0));
        return await AtAsync(officeId, new DateTimeOffset(local, zone.GetUtcOffset(local)), cancellationToken);
    }
}
