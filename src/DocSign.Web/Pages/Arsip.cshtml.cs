using DocSign.Core.Archive;
using DocSign.Core.Calendar;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using DocSign.Core.Offices;

namespace DocSign.Web.Pages;

/// <summary>
/// The office's archive by document: title, letter number and signature verdict first, the objects (key, SHA-256,
/// size, retention class, keep-until) on demand, "Periksa sekarang" to verify an archived PDF as it is stored now, the
/// manifests, and the integrity job's last findings, with any changed or missing object shown first. Same copies and
/// rules as <c>GET /api/offices/{office}/archive</c>.
/// </summary>
public sealed class ArsipModel(ListArchiveShelfHandler shelf, ReadArchiveCopyHandler read, VerifyArchiveCopyHandler verify, OfficeTimes times) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public IReadOnlyList<ArchiveShelfEntry> Entries { get; private set; } = [];
    public IReadOnlyList<ArchiveCopy> Copies { get; private set; } = [];

    /// <summary>The office's zone: every time on the page is written in it.</summary>
    public OfficeTime Time { get; private set; } = OfficeTime.Wib;

    /// <summary>The result of "Periksa sekarang", shown on the entry of the copy it checked.</summary>
    public ArchiveCheck? Check { get; private set; }

    /// <summary>Copies whose last check found them changed or gone.</summary>
    public IReadOnlyList<ArchiveCopy> Bad => Copies.Where(c => c.IntegrityStatus is IntegrityStatus.Mismatch or IntegrityStatus.Missing).ToList();
    public DateTimeOffset? LastCheck => Copies.Max(c => c.IntegrityCheckedAt);
    public int Count(string status) => Copies.Count(c => c.IntegrityStatus == status);

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    /// <summary>"Periksa sekarang": the archived PDF verified as it is now; the page shows the verdict on its entry.</summary>
    public Task<IActionResult> OnPostPeriksaAsync(string office, Guid salinan) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        try
        {
            Check = await verify.HandleAsync(await ActorAsync(), Office, salinan, HttpContext.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.NotFound)
        {
            await ShowFormErrorAsync(problem);
        }
        return Page();
    });

    /// <summary>The archived object as stored now (a changed object is served as it is: that is what the check found).</summary>
    public Task<IActionResult> OnGetUnduhAsync(string office, Guid salinan) => GuardAsync(async () =>
    {
        var (copy, content) = await read.HandleAsync(await ActorAsync(), office, salinan, HttpContext.RequestAborted);
        var name = copy.Key[(copy.Key.LastIndexOf('/') + 1)..];
        return File(content, name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/pdf", name);
    });

    private async Task LoadAsync(string office)
    {
        Office = OfficeIds.Normalize(office);
        (Entries, Copies) = await shelf.HandleAsync(await ActorAsync(), Office, HttpContext.RequestAborted);
        Time = await times.ForOfficeAsync(Office, HttpContext.RequestAborted);
    }

    public static bool Checkable(ArchiveCopy copy) => copy.Role is ArchiveRoles.Document or ArchiveRoles.CoverLetter && !copy.IsDestroyed;

    public static string Integritas(string status) => status switch
    {
        IntegrityStatus.Ok => "Utuh",
        IntegrityStatus.Mismatch => "BERUBAH",
        IntegrityStatus.Missing => "HILANG",
        _ => "Belum diperiksa",
    };

    public static string Peran(string role) => role switch
    {
        ArchiveRoles.Document => "Naskah bertanda tangan",
        ArchiveRoles.CoverLetter => "Surat pengantar",
        ArchiveRoles.Manifest => "Manifest",
        ArchiveRoles.DestructionRecord => "Berita acara pemusnahan",
        _ => role,
    };
}
