using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Calendar;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.StandIns;

/// <summary><c>POST /api/offices/{office}/acting</c>: who stands in for the Camat, as what, by which decree, from when to when.</summary>
public sealed record RecordActingAssignmentRequest(string? Office, string? UserName, string? Kind, string? DecreeNumber, string? DecreeDate,
    string? From, string? To);

/// <summary>
/// An admin records a Plh. or Plt. for an office's Camat. The person must be a member of the office other than its Camat;
/// the decree number, its date and the period are required; periods of one office never overlap. Audited.
/// </summary>
public sealed class RecordActingAssignmentHandler(
    IActingAssignments assignments,
    IOfficeMembers members,
    IDocumentRepository documents,
    OfficeCalendars calendars,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<RecordActingAssignmentHandler> logger)
{
    public async Task<ActingAssignment> HandleAsync(Actor actor, RecordActingAssignmentRequest request, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat mencatat Plh. atau Plt.");
        var officeId = OfficeId.From(request.Office);
        if (!officeId.IsWellFormed || !await DatabaseGuard.RunAsync(() => documents.OfficeExistsAsync(officeId, cancellationToken)))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        var kind = request.Kind?.Trim().ToLowerInvariant() switch
        {
            "plh" or "plh." => SigningAuthorityKind.Plh,
            "plt" or "plt." => SigningAuthorityKind.Plt,
            _ => throw DocSignProblem.Invalid("Jenis penugasan harus Plh atau Plt."),
        };
        var decree = request.DecreeNumber?.Trim() ?? "";
        if (decree.Length == 0 || decree.Length > ActingAssignment.MaxDecreeLength)
            throw DocSignProblem.Invalid($"Nomor SK wajib diisi, paling banyak {ActingAssignment.MaxDecreeLength} karakter.");
        var decreeDate = Date(request.DecreeDate, "tanggal SK");
        var from = Date(request.From, "awal masa tugas");
        var to = Date(request.To, "akhir masa tugas");
        if (to < from) throw DocSignProblem.Invalid("Akhir masa tugas tidak boleh sebelum awalnya.");
        if (decreeDate > to) throw DocSignProblem.Invalid("Tanggal SK tidak boleh sesudah akhir masa tugas.");
        var userName = request.UserName?.Trim().ToLowerInvariant() ?? "";
        if (userName.Length == 0) throw DocSignProblem.Invalid("Pilih pegawai yang ditugaskan.");

        var person = (await DatabaseGuard.RunAsync(() => members.FindAsync(officeId, [], [userName], cancellationToken))).FirstOrDefault()
            ?? throw DocSignProblem.Invalid($"Pengguna '{userName}' bukan pegawai kantor ini.");
        var camats = await DatabaseGuard.RunAsync(() => members.FindAsync(officeId, [OfficeRole.Camat], [], cancellationToken));
        if (camats.Any(c => c.UserId == person.UserId))
            throw DocSignProblem.Invalid("Camat tidak dapat menjadi Plh. atau Plt. bagi dirinya sendiri.");

        var zone = (await calendars.ForOfficeAsync(officeId, cancellationToken)).Zone;
        var now = clock.GetUtcNow();
        var assignment = new ActingAssignment(Guid.NewGuid(), officeId, person.UserId, person.UserName, person.DisplayName, kind, decree, decreeDate,
            from, to, zone, actor.UserName, now);
        var clash = (await DatabaseGuard.RunAsync(() => assignments.ListAsync(officeId, cancellationToken: cancellationToken)))
            .FirstOrDefault(a => a.Overlaps(assignment));
        if (clash is not null)
            throw new DocSignProblem(ProblemKind.Conflict,
                $"Masa tugas ini bertumpang tindih dengan {clash.Prefix} {clash.PersonName} ({Text.IndonesianText.Date(clash.From)} sampai {Text.IndonesianText.Date(clash.To)}). Akhiri penugasan itu lebih dahulu.");

        assignments.Add(assignment);
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = $"{assignment.Prefix} Camat: {person.UserName} ({person.DisplayName}), SK {decree} tanggal {decreeDate:yyyy-MM-dd}, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}",
        });
        await DatabaseGuard.RunAsync(() => assignments.SaveAsync(cancellationToken));
        logger.LogInformation("{Kind} for the Camat of {Office} recorded by {Admin}: {User} from {From} to {To}",
            kind.ToWire(), officeId, actor.UserName, person.UserName, from, to);
        return assignment;
    }

    private static DateOnly Date(string? text, string what) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", out var d)
            ? d
            : throw DocSignProblem.Invalid($"Isi {what} dengan tanggal berformat TTTT-BB-HH, misalnya 2026-03-02.");
}

/// <summary>An admin ends a Plh./Plt. assignment now (the Camat is back early). Audited; ending twice changes nothing.</summary>
public sealed class EndActingAssignmentHandler(IActingAssignments assignments, IAuditTrail audit, TimeProvider clock)
{
    public async Task<ActingAssignment> HandleAsync(Actor actor, string? office, Guid id, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat mengakhiri Plh. atau Plt.");
        var officeId = OfficeId.From(office);
        var assignment = (await DatabaseGuard.RunAsync(() => assignments.ListAsync(officeId, tracked: true, cancellationToken)))
            .FirstOrDefault(a => a.Id == id) ?? throw DocSignProblem.NotFound("Penugasan tidak ditemukan.");
        var now = clock.GetUtcNow();
        if (assignment.EndedAt is not null || !assignment.NotOverAt(now)) return assignment;
        assignment.End(actor.UserName, now);
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = $"{assignment.Prefix} Camat {assignment.UserName} (SK {assignment.DecreeNumber}) diakhiri lebih awal",
        });
        await DatabaseGuard.RunAsync(() => assignments.SaveAsync(cancellationToken));
        return assignment;
    }
}

/// <summary>An office's Plh./Plt. assignments, for its members and admins.</summary>
public sealed class ListActingAssignmentsHandler(IActingAssignments assignments, IDocumentRepository documents, IOfficeMembers members, ILkjipDeadlines offices)
{
    /// <summary>The offices whose assignments the actor may see: his own, or every office for an admin.</summary>
    public async Task<IReadOnlyList<string>> OfficesAsync(Actor actor, CancellationToken cancellationToken = default) => actor.IsAdministrator
        ? await DatabaseGuard.RunAsync(() => offices.ListOfficeIdsAsync(cancellationToken))
        : actor.Memberships.Select(m => m.OfficeId).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Who may be assigned (for the admin's form): the office's members other than its Camat.</summary>
    public async Task<IReadOnlyList<OfficeMember>> CandidatesAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator) return [];
        var officeId = OfficeId.From(office);
        var all = await DatabaseGuard.RunAsync(() => members.FindAsync(officeId, OfficeRole.All.Where(r => r != OfficeRole.Auditor).ToList(), [], cancellationToken));
        var camats = await DatabaseGuard.RunAsync(() => members.FindAsync(officeId, [OfficeRole.Camat], [], cancellationToken));
        return all.Where(m => camats.All(c => c.UserId != m.UserId)).ToList();
    }

    public async Task<IReadOnlyList<ActingAssignment>> HandleAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        var officeId = OfficeId.From(office);
        if (!officeId.IsWellFormed || !(actor.IsMemberOf(officeId) || actor.IsAdministrator)
            || !await DatabaseGuard.RunAsync(() => documents.OfficeExistsAsync(officeId, cancellationToken)))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        return await DatabaseGuard.RunAsync(() => assignments.ListAsync(officeId, cancellationToken: cancellationToken));
    }
}
