using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Calendar;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Intake;

/// <param name="Title">Defaults to the letter's perihal.</param>
/// <param name="Year">Defaults to the year the letter was received.</param>
/// <param name="Kind">Defaults to the first document kind the office's SOP governs.</param>
public sealed record StartSopFromLetterRequest(string? Title, string? Year, string? Kind);

/// <summary>
/// Office staff start the SOP that an incoming letter triggers (e.g. the Bappeda's circular starts Lumajang's
/// Pengukuran Kinerja): a new document with no file, whose order is the letter's latest disposisi. When the SOP's
/// first step is receiving the letter, it is recorded as done by whoever registered the letter (if he holds that
/// step), since registering it was receiving it. The letter and the document are linked both ways, and all of it
/// is saved in one transaction, or none of it.
/// </summary>
public sealed class StartSopFromLetterHandler(IIncomingLetterRepository letters, IWorkflowRepository workflows, IActorDirectory actors,
    CreateDocumentHandler create, OfficeCalendars calendars, IAuditTrail audit, TimeProvider clock, ILogger<StartSopFromLetterHandler> logger)
{
    public async Task<Document> HandleAsync(Actor actor, Guid letterId, StartSopFromLetterRequest request, CancellationToken cancellationToken = default)
    {
        var letter = await IncomingAccess.LoadAsync(letters, actor, letterId, true, cancellationToken);
        if (letter.DocumentId is not null)
            throw new DocSignProblem(ProblemKind.Conflict, "Surat masuk ini sudah memulai SOP; buka dokumennya dari halaman surat.");
        var mapping = await DatabaseGuard.RunAsync(() => workflows.FindOfficeWorkflowAsync(letter.OfficeId, cancellationToken));
        var sop = SopTemplateLoader.Find(mapping?.TemplateKey);
        if (mapping is null || sop is null)
            throw new DocSignProblem(ProblemKind.Conflict, "Kantor ini belum memilih templat SOP.");
        var kind = string.IsNullOrWhiteSpace(request.Kind) ? sop.DocumentKinds[0] : request.Kind.Trim();
        if (!sop.Governs(kind))
            throw DocSignProblem.Invalid($"SOP {sop.Number} berlaku untuk dokumen jenis {string.Join(", ", sop.DocumentKinds)}, bukan '{kind}'.");
        var title = string.IsNullOrWhiteSpace(request.Title) ? letter.Subject[..Math.Min(letter.Subject.Length, Document.MaxTitleLength)] : request.Title;
        var year = string.IsNullOrWhiteSpace(request.Year) ? letter.ReceivedOn.Year.ToString() : request.Year;
        var last = letter.Dispositions.MaxBy(d => d.Number);
        var instruction = last is null
            ? $"Surat masuk {letter.Number} dari {letter.Sender}: {letter.Subject}"
            : $"Disposisi: {last.Instruction} (surat masuk {letter.Number} dari {letter.Sender})";
        if (instruction.Length > Document.MaxInstructionLength) instruction = instruction[..Document.MaxInstructionLength];
        var registrar = await actors.FindAsync(letter.RegisteredById, cancellationToken);
        var calendar = await calendars.ForOfficeAsync(letter.OfficeId, cancellationToken);

        var document = await create.HandleAsync(actor, new CreateDocumentRequest(letter.OfficeId, year, kind, title, null, instruction),
            (document, instance) =>
            {
                var now = clock.GetUtcNow();
                letter.LinkDocument(document.Id, actor.UserName, now);
                var first = sop.Steps[0];
                if (instance is not null && first.Has(WorkflowActions.Receive) && registrar is not null && mapping.MayAct(registrar, first))
                {
                    instance.Advance(sop, mapping, document, registrar, first.Id,
                        $"Diterima {letter.ReceivedOn:yyyy-MM-dd} dan dicatat di register surat masuk: {letter.Number} dari {letter.Sender}",
                        null, now, calendar);
                    audit.Record(new AuditEvent(AuditActions.StepAdvanced)
                        { OfficeId = letter.OfficeId, DocumentId = document.Id, Detail = $"Langkah {first.Number} ({first.Action}) selesai melalui register surat masuk" });
                }
                audit.Record(new AuditEvent(IntakeAuditActions.IncomingStartedSop)
                    { OfficeId = letter.OfficeId, DocumentId = document.Id, Detail = $"Surat masuk {letter.Number} memulai SOP {sop.Number}" });
                return Task.CompletedTask;
            }, cancellationToken);
        logger.LogInformation("Incoming letter {LetterId} started SOP {Template} as document {DocumentId}", letter.Id, sop.Key, document.Id);
        return document;
    }
}
