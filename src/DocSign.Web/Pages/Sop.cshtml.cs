using DocSign.Core.Workflow;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>An office's SOP template as it runs: its steps with the Mutu Baku, and which people hold each SOP role.</summary>
public sealed class SopModel(GetOfficeSopHandler handler) : DocSignPageModel
{
    public OfficeSopView? View { get; private set; }

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        View = await handler.HandleAsync(await ActorAsync(), office, HttpContext.RequestAborted);
        return Page();
    });
}
