using System.Security.Claims;
using DocSign.Core.Audit;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DocSign.Web.Pages;

/// <summary>Ends the browser session. POST only (with the antiforgery token), so no link or image can sign someone out.</summary>
public sealed class KeluarModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync([FromServices] IAuditTrail audit)
    {
        if (User.Identity?.IsAuthenticated == true)
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignOut)
            {
                ActorUserId = User.FindFirstValue(ClaimTypes.NameIdentifier),
                ActorName = User.Identity.Name,
                Detail = "cookie",
            }, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(AuthSetup.CookieScheme);
        return Redirect("/masuk");
    }
}
