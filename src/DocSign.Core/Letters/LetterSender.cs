using DocSign.Core.Signing;

namespace DocSign.Core.Letters;

/// <summary>How the signer of a naskah dinas holds the power to sign it (Tata Naskah Dinas).</summary>
public enum LetterSenderKind
{
    /// <summary>The head himself (pejabat definitif).</summary>
    Definitif = 0,
    /// <summary>Pelaksana tugas: the head's post is vacant; rests on a decree with a period.</summary>
    Plt = 1,
    /// <summary>Pelaksana harian: the head is away for a while; rests on a decree with a period.</summary>
    Plh = 2,
    /// <summary>Atas nama: one level below the head signs on his behalf.</summary>
    AtasNama = 3,
    /// <summary>Untuk beliau: two levels below, under an a.n. official.</summary>
    UntukBeliau = 4,
}

/// <summary>
/// The sender block at the foot of a letter, built from the signer's actual record (his enrolment, or the Plh/Plt
/// assignment that names him), never from typed text. <see cref="HeadJabatan"/> is the post whose power is used
/// ("Camat Candipuro"); <see cref="Jabatan"/> the signer's own post (for definitif, Plt. and Plh. the same as the head's);
/// <see cref="OnBehalfJabatan"/> the a.n. official's post under which a u.b. signer signs. <see cref="Source"/> says
/// which record it came from (shown nowhere on the letter; logged).
/// </summary>
public sealed record LetterSender(
    LetterSenderKind Kind,
    string HeadJabatan,
    string Jabatan,
    string Name,
    string? Nip,
    string? DecreeNumber = null,
    DateOnly? PeriodFrom = null,
    DateOnly? PeriodTo = null,
    string? OnBehalfJabatan = null,
    string Source = "")
{
    /// <summary>The jabatan lines above the signature, upper case as letters print them.</summary>
    public IReadOnlyList<string> TitleLines()
    {
        static string U(string s) => s.Trim().ToUpperInvariant();
        return Kind switch
        {
            LetterSenderKind.Plt => [$"Plt. {U(HeadJabatan)}"],
            LetterSenderKind.Plh => [$"Plh. {U(HeadJabatan)}"],
            LetterSenderKind.AtasNama => [$"a.n. {U(HeadJabatan)}", U(Jabatan)],
            LetterSenderKind.UntukBeliau => [$"a.n. {U(HeadJabatan)}", U(OnBehalfJabatan ?? ""), "u.b.", U(Jabatan)],
            _ => [U(HeadJabatan)],
        };
    }

    /// <summary>The decree and period under a Plt./Plh./a.n./u.b. signature ("Keputusan Nomor ..., 1 Maret 2026 s.d. 31 Mei 2026"); null for definitif or without a decree.</summary>
    public string? MandateLine()
    {
        if (Kind == LetterSenderKind.Definitif || string.IsNullOrWhiteSpace(DecreeNumber)) return null;
        var period = (PeriodFrom, PeriodTo) switch
        {
            ({ } f, { } t) => $", {StampText.FormatDate(f)} s.d. {StampText.FormatDate(t)}",
            ({ } f, null) => $", sejak {StampText.FormatDate(f)}",
            (null, { } t) => $", s.d. {StampText.FormatDate(t)}",
            _ => "",
        };
        return $"Berdasarkan Keputusan Nomor {DecreeNumber.Trim()}{period}";
    }

    /// <summary>Whether the mandate holds on <paramref name="day"/> (definitif always; the others within their period).</summary>
    public bool Covers(DateOnly day) =>
        Kind == LetterSenderKind.Definitif || ((PeriodFrom is null || day >= PeriodFrom) && (PeriodTo is null || day <= PeriodTo));

    /// <summary>
    /// The sender as the signer's enrolment records him: jabatan, authority (definitif, Plt., Plh., a.n.), decree
    /// and period, with name and NIP as DocSign's record of the signer holds them.
    /// </summary>
    public static LetterSender FromEnrolment(SignerEnrolment e, string officeName) => new(
        e.Authority switch
        {
            SigningAuthorityKind.Plt => LetterSenderKind.Plt,
            SigningAuthorityKind.Plh => LetterSenderKind.Plh,
            SigningAuthorityKind.AtasNama => LetterSenderKind.AtasNama,
            _ => LetterSenderKind.Definitif,
        },
        e.Authority == SigningAuthorityKind.AtasNama ? StampText.HeadOf(officeName) : e.Jabatan,
        e.Jabatan, e.SignerName, e.Nip, e.DecreeNumber, e.PeriodFrom, e.PeriodTo, null, $"enrolment {e.Id:N}");

    /// <summary>
    /// Which of several records signs a letter on <paramref name="day"/>: a Plh. in his period (the head is away),
    /// else the head himself, else a Plt. in his period (the post is vacant), else an a.n. or u.b. signer in his period.
    /// </summary>
    public static LetterSender? Choose(IEnumerable<LetterSender> candidates, DateOnly day)
    {
        var valid = candidates.Where(c => c.Covers(day)).ToList();
        foreach (var kind in new[] { LetterSenderKind.Plh, LetterSenderKind.Definitif, LetterSenderKind.Plt, LetterSenderKind.AtasNama, LetterSenderKind.UntukBeliau })
        {
            var found = valid.FirstOrDefault(c => c.Kind == kind);
            if (found is not null) return found;
        }
        return null;
    }
}

/// <summary>
/// Where the sender of an office's letters comes from: the records of who holds the head's signing power on a day.
/// The default reads the enrolled signers; an assignment module (Plh./Plt. decrees) may add its own records.
/// </summary>
public interface ILetterSenderSource
{
    /// <summary>Every record of the office that could sign a letter (the caller picks with <see cref="LetterSender.Choose"/>).</summary>
    Task<IReadOnlyList<LetterSender>> CandidatesAsync(string officeId, CancellationToken cancellationToken = default);
}
