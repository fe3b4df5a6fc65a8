using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// Pendaftaran penanda tangan: a Camat (or Sekcam/Kasubbag for a paraf) uploads his PKCS#12, or the admin does it for
/// him (<c>?pengguna=</c> the user's id); the enrolled certificates are listed. The passphrase only opens the file once
/// to check it (same use case as <c>POST /api/signers/{userId}/enrolment</c>); the page never shows it back.
/// </summary>
public sealed class PenandaTanganModel(EnrolSignerHandler enrol, ListEnrolmentsHandler list) : DocSignPageModel
{
    public string UserId { get; private set; } = "me";
    public bool ForSelf => UserId == "me";
    public IReadOnlyList<SignerEnrolment> Enrolments { get; private set; } = [];

    /// <summary>Offices where the signed-in person holds a signing role (the form's choices when enrolling himself).</summary>
    public IReadOnlyList<string> Offices { get; private set; } = [];
    public bool CanEnrol { get; private set; }

    public Task<IActionResult> OnGetAsync(string? pengguna) => GuardAsync(async () =>
    {
        await LoadAsync(pengguna);
        return Page();
    });

    // The passphrase is bound to a local only, handed to the use case, and never put on the model or in a message.
    public Task<IActionResult> OnPostAsync(string? pengguna, string? kantor, string? keperluan, string? kewenangan, string? nomorSk,
        string? berlakuDari, string? berlakuSampai, string? jabatan, string? passphrase, IFormFile? berkas) => GuardAsync(async () =>
    {
        await using var stream = berkas?.OpenReadStream();
        try
        {
            var enrolment = await enrol.HandleAsync(await ActorAsync(), new EnrolSignerRequest
            {
                UserId = string.IsNullOrWhiteSpace(pengguna) ? "me" : pengguna,
                Office = kantor,
                Purpose = keperluan,
                Authority = kewenangan,
                DecreeNumber = nomorSk,
                PeriodFrom = berlakuDari,
                PeriodTo = berlakuSampai,
                Jabatan = jabatan,
                File = berkas is null ? null : new UploadedFile(stream!, berkas.Length, berkas.FileName),
                Passphrase = passphrase,
            }, HttpContext.RequestAborted);
            Notice = $"Kunci {Keperluan(enrolment.Purpose).ToLowerInvariant()} {enrolment.SignerName} terdaftar (sertifikat {enrolment.CertificateSerial}).";
            return Redirect(string.IsNullOrWhiteSpace(pengguna) ? "/penanda-tangan" : $"/penanda-tangan?pengguna={Uri.EscapeDataString(pengguna)}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Forbidden or ProblemKind.TooLarge)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(pengguna);
            return Page();
        }
    });

    private async Task LoadAsync(string? pengguna)
    {
        var actor = await ActorAsync();
        UserId = string.IsNullOrWhiteSpace(pengguna) || pengguna == actor.UserId ? "me" : pengguna;
        Enrolments = await list.HandleAsync(actor, UserId, HttpContext.RequestAborted);
        Offices = actor.Memberships.Where(m => m.Role == Core.Offices.OfficeRole.Camat || EnrolSignerHandler.ParafRoles.Contains(m.Role))
            .Select(m => m.OfficeId).Distinct().ToList();
        // The use case decides; the form is offered to those it would not refuse outright.
        CanEnrol = actor.IsAdministrator || (ForSelf && Offices.Count > 0);
    }

    public static string Keperluan(SignatureKind kind) => kind == SignatureKind.Paraf ? "Paraf" : "Tanda tangan";

    public static string Kewenangan(SignerEnrolment e) => e.Authority switch
    {
        SigningAuthorityKind.Definitive => "Definitif",
        _ => $"{e.Authority.Prefix()} SK {e.DecreeNumber}, {e.PeriodFrom:dd-MM-yyyy} s.d. {e.PeriodTo:dd-MM-yyyy}",
    };
}
