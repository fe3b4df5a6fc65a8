using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Pengaturan;

/// <summary>
/// Aturan penandatanganan of an office: how long its signatures stay checkable (the level), whether a paraf must come
/// before the Camat signs, who signs the surat pengantar and whether the letter number is taken at signing. Same use
/// cases as <c>PUT /api/offices/{office}/signing-settings</c> and <c>PUT /api/offices/{office}/letter-template</c>;
/// the two forms are saved separately, so a refusal in one changes nothing in either.
/// </summary>
public sealed class PenandatangananModel(OfficeSigningSettingsHandler signing, LetterTemplateHandler templates) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public SigningSettings? Settings { get; private set; }
    public LetterTemplate? Template { get; private set; }

    /// <summary>The levels in words a Camat understands (the wire word is only the option's value).</summary>
    public static IReadOnlyList<(string Value, string Label)> Levels { get; } =
    [
        ("default", "Bawaan layanan"),
        ("B-B", "Dasar: tanpa stempel waktu"),
        ("B-T", "Dengan stempel waktu"),
        ("B-LT", "Jangka panjang: dengan data pemeriksaan sertifikat"),
        ("B-LTA", "Jangka panjang yang diperbarui: dapat diperiksa walau sertifikat kedaluwarsa (disarankan)"),
    ];

    public static IReadOnlyList<(string Value, string Label)> CoverLetterSigners { get; } =
    [
        ("seal", "Segel elektronik kantor (otomatis)"),
        ("camat", "Camat, bersama dokumen yang diantar"),
        ("sekcam", "Sekretaris Camat atas nama Camat"),
    ];

    public string LevelValue => Settings is null || Settings.LevelIsDefault ? "default" : Settings.Level.ToWire();

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    public Task<IActionResult> OnPostAturanAsync(string office, string? level, bool paraf) => ActAsync(office, async () =>
    {
        await signing.UpdateAsync(await ActorAsync(), Office, new UpdateSigningSettingsRequest(level ?? "", paraf), HttpContext.RequestAborted);
        return paraf ? "Aturan tanda tangan disimpan: paraf wajib sebelum Camat menandatangani." : "Aturan tanda tangan disimpan: Camat menandatangani tanpa paraf.";
    });

    public Task<IActionResult> OnPostPengantarAsync(string office, string? penandaTangan, bool nomorOtomatis) => ActAsync(office, async () =>
    {
        if (Template is null) throw DocSignProblem.Invalid("Kantor ini belum memiliki pengaturan surat; isi pola nomor di halaman Surat dan kop lebih dulu.");
        await templates.UpdateAsync(await ActorAsync(), Office,
            new UpdateLetterTemplateRequest(Signer: penandaTangan ?? "", AutoNumberOnSigning: nomorOtomatis), HttpContext.RequestAborted);
        return "Pengaturan surat pengantar disimpan.";
    });

    private Task<IActionResult> ActAsync(string office, Func<Task<string>> action) => GuardAsync(async () =>
    {
        await LoadAsync(office);   // refuses anyone who may not administer the office before anything is tried
        try
        {
            Notice = await action();
            return Redirect($"/pengaturan/{Office}/penandatanganan");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            return Page();
        }
    });

    private async Task LoadAsync(string office)
    {
        var actor = await ActorAsync();
        Office = OfficeIds.Normalize(office);
        Settings = await signing.GetAsync(actor, Office, HttpContext.RequestAborted);
        if (!actor.AdministersOffice(Office))
            throw DocSignProblem.Forbidden("Hanya admin kantor ini yang dapat mengubah aturan penandatanganan.");
        Template = (await templates.GetAsync(actor, Office, HttpContext.RequestAborted)).Template;
    }
}
