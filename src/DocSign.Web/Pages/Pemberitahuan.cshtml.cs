using DocSign.Core.Reminders;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>The bell's list: the person's reminders (a step nearing its deadline, a step late), newest first; each marked read here.</summary>
public sealed class PemberitahuanModel(MyNoticesHandler notices, MarkNoticeReadHandler mark) : DocSignPageModel
{
    public NoticeList Daftar { get; private set; } = new([], 0);

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        Daftar = await notices.HandleAsync(await ActorAsync(), HttpContext.RequestAborted);
        return Page();
    });

    public Task<IActionResult> OnPostBacaAsync(Guid? id) => GuardAsync(async () =>
    {
        await mark.HandleAsync(await ActorAsync(), id ?? Guid.Empty, HttpContext.RequestAborted);
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostBacaSemuaAsync() => GuardAsync(async () =>
    {
        await mark.HandleAsync(await ActorAsync(), null, HttpContext.RequestAborted);
        Notice = "Semua pemberitahuan ditandai sudah dibaca.";
        return RedirectToPage();
    });

    /// <summary>The document's page on this site (the notice's link is absolute, for e-mail).</summary>
    public static string Tautan(Notice n) => $"/dokumen/{n.DocumentId}";
}
