using DocSign.Core.Offices;
using DocSign.Core.Signing;

namespace DocSign.Core.StandIns;

/// <summary>
/// A Plh. (pelaksana harian: the Camat temporarily away) or Plt. (pelaksana tugas: the post vacant) for an office's
/// Camat, by decree, for a period of whole days in the office's time zone. While it is in force the Camat's SOP tasks
/// (approval, signature, every step mapped to the office role camat) go to this person, and the stamp says
/// "Plh. Camat ..." / "Plt. Camat ..."; outside it they return to the Camat. The period's days are fixed as instants
/// when recorded (<see cref="StartsAt"/>, <see cref="EndsAt"/>), so routing needs no time zone afterwards. An admin may
/// end it early (<see cref="EndedAt"/>); it is never edited or deleted.
/// </summary>
public sealed class ActingAssignment
{
    public const int MaxDecreeLength = 200;

    private ActingAssignment() { }

    public ActingAssignment(Guid id, string officeId, string userId, string userName, string personName, SigningAuthorityKind kind,
        string decreeNumber, DateOnly decreeDate, DateOnly from, DateOnly to, TimeZoneInfo zone, string recordedBy, DateTimeOffset recordedAt)
    {
        if (kind is not (SigningAuthorityKind.Plh or SigningAuthorityKind.Plt)) throw new ArgumentOutOfRangeException(nameof(kind));
        Id = id;
        OfficeId = officeId;
        Post = OfficeRole.Camat;
        UserId = userId;
        UserName = userName;
        PersonName = personName;
        Kind = kind;
        DecreeNumber = decreeNumber;
        DecreeDate = decreeDate;
        From = from;
        To = to;
        StartsAt = StartOfDay(from, zone);
        EndsAt = StartOfDay(to.AddDays(1), zone);
        StartsAtTicks = StartsAt.UtcTicks;
        EndsAtTicks = EndsAt.UtcTicks;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    /// <summary>The office role whose tasks are taken over; the Camat (<see cref="OfficeRole.Camat"/>).</summary>
    public string Post { get; private set; } = OfficeRole.Camat;
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    /// <summary>The person's name on record when the assignment was made.</summary>
    public string PersonName { get; private set; } = "";
    /// <summary><see cref="SigningAuthorityKind.Plh"/> or <see cref="SigningAuthorityKind.Plt"/>.</summary>
    public SigningAuthorityKind Kind { get; private set; }
    public string DecreeNumber { get; private set; } = "";
    public DateOnly DecreeDate { get; private set; }
    /// <summary>First and last day of the period (inclusive), in the office's calendar.</summary>
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    /// <summary>Start of <see cref="From"/> and end of <see cref="To"/> in the office's zone, as instants.</summary>
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    /// <summary>The two instants as UTC ticks, compared in SQL on every provider.</summary>
    public long StartsAtTicks { get; private set; }
    public long EndsAtTicks { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string? EndedBy { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>"Plh." or "Plt.".</summary>
    public string Prefix => Kind.Prefix()!;

    public bool InForceAt(DateTimeOffset at) => at >= StartsAt && at < EndsAt && (EndedAt is null || at < EndedAt);

    /// <summary>Whether it is in force now or will be (the person may then enrol a signing key).</summary>
    public bool NotOverAt(DateTimeOffset at) => at < EndsAt && (EndedAt is null || at < EndedAt);

    public bool Overlaps(ActingAssignment other) =>
        other.OfficeId == OfficeId && other.Post == Post && other.EndedAt is null && EndedAt is null && other.From <= To && From <= other.To;

    /// <summary>Ends the assignment now (the Camat is back early); routing returns to the Camat at once.</summary>
    public void End(string by, DateTimeOffset at)
    {
        if (EndedAt is not null) return;
        EndedBy = by;
        EndedAt = at;
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
