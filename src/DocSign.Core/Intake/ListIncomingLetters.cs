using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Problems;

namespace DocSign.Core.Intake;

/// <summary>An office's surat masuk register, newest received first (office members and its auditors).</summary>
public sealed class ListIncomingLettersHandler(IIncomingLetterRepository letters)
{
    public const int MaxListed = 500;

    public async Task<IReadOnlyList<IncomingLetter>> HandleAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        var id = OfficeId.From(office);
        if (id.IsEmpty || !actor.CanRead(id))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        return await DatabaseGuard.RunAsync(() => letters.ListAsync(id, MaxListed, cancellationToken));
    }
}
