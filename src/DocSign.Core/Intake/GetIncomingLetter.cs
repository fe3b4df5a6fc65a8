using DocSign.Core.Access;
using DocSign.Core.Problems;
using DocSign.Core.Ports;
using DocSign.Core.Workflow;

namespace DocSign.Core.Intake;

/// <param name="Members">The office's people (user name, role): whom a disposisi may go to.</param>
/// <param name="Sop">The office's SOP that the letter may start, or null when the office has none.</param>
public sealed record IncomingLetterView(IncomingLetter Letter, IReadOnlyList<(string UserName, string Role)> Members, SopDefinition? Sop, bool CanChange);

/// <summary>One letter of the register, with what its page needs (office members and auditors; another office gets 404).</summary>
public sealed class GetIncomingLetterHandler(IIncomingLetterRepository letters, IWorkflowRepository workflows)
{
    public async Task<IncomingLetterView> HandleAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var letter = await IncomingAccess.LoadAsync(letters, actor, id, false, cancellationToken);
        var members = await DatabaseGuard.RunAsync(() => letters.ListMembersAsync(letter.OfficeId, cancellationToken));
        var office = await DatabaseGuard.RunAsync(() => workflows.FindOfficeWorkflowAsync(letter.OfficeId, cancellationToken));
        return new IncomingLetterView(letter, members, SopTemplateLoader.Find(office?.TemplateKey), actor.IsStaffOf(letter.OfficeId));
    }

    /// <summary>The letter that started the document's SOP, when the actor may read the document's office; else null.</summary>
    public async Task<IncomingLetter?> ForDocumentAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var letter = await DatabaseGuard.RunAsync(() => letters.FindByDocumentAsync(documentId, cancellationToken));
        return letter is not null && actor.CanRead(letter.OfficeId) ? letter : null;
    }
}
