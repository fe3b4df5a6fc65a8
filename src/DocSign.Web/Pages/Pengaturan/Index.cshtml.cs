using DocSign.Core.Accounts;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Pengaturan;

/// <summary>
/// Pengaturan: the admin's one starting point. Per office he administers, the office's settings screens (people and
/// roles, SOP roles, letters and kop, signing rules, calendar); for the system administrator also the service-wide
/// ones (Plh./Plt., failed sign-ins, background jobs). Others are refused.
/// </summary>
public sealed class IndexModel(ListAdministeredOfficesHandler offices) : DocSignPageModel
{
    public IReadOnlyList<string> Offices { get; private set; } = [];
    public bool SystemAdmin { get; private set; }

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        var actor = await ActorAsync();
        Offices = await offices.HandleAsync(actor, HttpContext.RequestAborted);
        SystemAdmin = actor.IsAdministrator;
        return Page();
    });
}
