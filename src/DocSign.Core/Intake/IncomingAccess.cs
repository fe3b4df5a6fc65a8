using DocSign.Core.Access;
using DocSign.Core.Problems;

namespace DocSign.Core.Intake;

internal static class IncomingAccess
{
    /// <summary>
    /// A letter of the actor's office. Another office's people get the same 404 as for a letter that does not
    /// exist (and the refusal is audited), so the register never tells who received what.
    /// </summary>
    public static async Task<IncomingLetter> LoadAsync(IIncomingLetterRepository letters, Actor actor, Guid id, bool staffOnly,
        CancellationToken cancellationToken)
    {
        var letter = await DatabaseGuard.RunAsync(() => letters.FindAsync(id, cancellationToken))
            ?? throw DocSignProblem.NotFound("Surat masuk tidak ditemukan.");
        if (!actor.CanRead(letter.OfficeId))
            throw DocSignProblem.NotFound("Surat masuk tidak ditemukan.").About(letter.OfficeId, null, "surat masuk kantor lain");
        if (staffOnly && !actor.IsStaffOf(letter.OfficeId))
            throw DocSignProblem.Forbidden("Hanya staf kantor yang dapat mengubah register surat masuk.");
        return letter;
    }

    public static string? Clean(string? value, int max, string what, bool required)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            return required ? throw DocSignProblem.Invalid($"{what} wajib diisi.") : null;
        if (text.Length > max) throw DocSignProblem.Invalid($"{what} paling banyak {max} karakter.");
        return text;
    }

    public static DateOnly Date(string? value, string what, bool required, out bool given)
    {
        given = !string.IsNullOrWhiteSpace(value);
        if (!given)
            return required ? throw DocSignProblem.Invalid($"{what} wajib diisi.") : default;
        return DateOnly.TryParseExact(value!.Trim(), "yyyy-MM-dd", out var date)
            ? date
            : throw DocSignProblem.Invalid($"{what} harus berupa tanggal yang benar (tttt-bb-hh), misalnya 2025-01-15.");
    }
}
