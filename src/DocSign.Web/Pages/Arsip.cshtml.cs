using DocSign.Core.Archive;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using DocSign.Core.Offices;

namespace DocSign.Web.Pages;

/// <summary>
/// The office's archive: each copy (key, SHA-256, size, signature verdict, retention class and keep-until date), the
/// manifests, and the integrity job's last findings, with any changed or missing object shown first. Read-only; same
/// use case as <c>GET /api/offices/{office}/archive</c>.
/// </summary>
public sealed class ArsipModel(ListArchiveHandler list, ReadArchiveCopyHandler read) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public IReadOnlyList<ArchiveCopy> Copies { get; private set; } = [];

    /// <summary>Copies whose last check found them changed or gone.</summary>
    public IReadOnlyList<ArchiveCopy> Bad => Copies.Where(c => c.IntegrityStatus is IntegrityStatus.Mismatch or IntegrityStatus.Missing).ToList();
    public DateTimeOffset? LastCheck => Copies.Max(c => c.IntegrityCheckedAt);
    public int Count(string status) => Copies.Count(c => c.IntegrityStatus == status);

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        Office = OfficeIds.Normalize(office);
        Copies = await list.HandleAsync(await ActorAsync(), Office, HttpContext.RequestAborted);
        return Page();
    });

    /// <summary>The archived object as stored now (a changed object is served as it is: that is what the check found).</summary>
    public Task<IActionResult> OnGetUnduhAsync(string office, Guid salinan) => GuardAsync(async () =>
    {
        var (copy, content) = await read.HandleAsync(await ActorAsync(), office, salinan, HttpContext.RequestAborted);
        var name = copy.Key[(copy.Key.LastIndexOf('/') + 1)..];
        return File(content, name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/pdf", name);
    });

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
        _ => role,
    };
}
