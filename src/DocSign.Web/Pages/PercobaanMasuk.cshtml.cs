using DocSign.Core.Access;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// For the admin: accounts with failed sign-ins since their owner last signed in (someone guessing at them), with how
/// many, from how many addresses and when. Each refusal is also in the audit trail; the owner is told at his next
/// sign-in, which clears the row. Wrong passwords never lock an account; locking is the admin's own decision.
/// </summary>
public sealed class PercobaanMasukModel(ListFailedSignInsHandler failedSignIns) : DocSignPageModel
{
    /// <summary>One account under attack, in words for the screen.</summary>
    public sealed record Baris(string Pengguna, int Gagal, IReadOnlyList<string> Alamat, string Pertama, string Terakhir);

    public IReadOnlyList<Baris> Daftar { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        var accounts = await failedSignIns.HandleAsync(await ActorAsync(), HttpContext.RequestAborted);
        Daftar = accounts.Select(a => new Baris(a.UserName, a.Failures, a.Addresses, Tampil.Waktu(a.FirstAt), Tampil.Waktu(a.LastAt))).ToList();
        return Page();
    });
}
