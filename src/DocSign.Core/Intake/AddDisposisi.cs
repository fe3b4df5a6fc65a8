using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Intake;

/// <param name="To">"user:&lt;name&gt;" for a person of the office, or "role:&lt;role&gt;" for whoever holds that role there.</param>
/// <param name="Deadline">yyyy-MM-dd, optional.</param>
public sealed record AddDisposisiRequest(string? To, string? Instruction, string? Deadline);

/// <summary>Office staff write a disposisi on an incoming letter: to whom, the instruction, the deadline. Its holder then sees it among his tasks.</summary>
public sealed class AddDisposisiHandler(IIncomingLetterRepository letters, IAuditTrail audit, TimeProvider clock, ILogger<AddDisposisiHandler> logger)
{
    public async Task<Disposisi> HandleAsync(Actor actor, Guid letterId, AddDisposisiRequest request, CancellationToken cancellationToken = default)
    {
        var letter = await IncomingAccess.LoadAsync(letters, actor, letterId, true, cancellationToken);
        var to = request.To?.Trim() ?? "";
        string? toUser = null, toRole = null;
        if (to.StartsWith("role:", StringComparison.Ordinal) && OfficeRole.IsStaff(to[5..])) toRole = to[5..];
        else if (to.StartsWith("user:", StringComparison.Ordinal))
        {
            var members = await DatabaseGuard.RunAsync(() => letters.ListMembersAsync(letter.OfficeId, cancellationToken));
            toUser = members.FirstOrDefault(m => m.UserName == to[5..] && OfficeRole.IsStaff(m.Role)).UserName;
        }
        if (toUser is null && toRole is null)
            throw DocSignProblem.Invalid("Pilih tujuan disposisi: seorang pegawai atau jabatan di kantor ini.");
        var instruction = IncomingAccess.Clean(request.Instruction, Disposisi.MaxInstructionLength, "Isi disposisi (instruksi)", true)!;
        var deadline = IncomingAccess.Date(request.Deadline, "Batas waktu", false, out var hasDeadline);
        if (hasDeadline && deadline < letter.ReceivedOn)
            throw DocSignProblem.Invalid("Batas waktu disposisi tidak boleh sebelum tanggal surat diterima.");

        var disposisi = letter.AddDisposisi(Guid.NewGuid(), toUser, toRole, instruction, hasDeadline ? deadline : null, actor.UserName, clock.GetUtcNow());
        audit.Record(new AuditEvent(IntakeAuditActions.Disposisi)
            { OfficeId = letter.OfficeId, Detail = $"Disposisi {disposisi.Number} surat masuk {letter.Number} kepada {toUser ?? toRole}" });
        await DatabaseGuard.RunAsync(() => letters.SaveAsync(cancellationToken));
        logger.LogInformation("Disposisi {Number} on incoming letter {LetterId} by {User}", disposisi.Number, letter.Id, actor.UserName);
        return disposisi;
    }
}
