using DocSign.Core.Audit;
using DocSign.Core.Access;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DocSign.Web.Pages;

/// <summary>
/// Ends the browser session: its server-side row (so a copy of the cookie is refused from now on) and the cookie.
/// POST only (with the antiforgery token), so no link or image can sign someone out.
/// </summary>
public sealed class KeluarModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync([FromServices] ISessionDirectory sessions, [FromServices] IAuditTrail audit)
    {
        await TokenEndpoints.EndCurrentSessionAsync(HttpContext, sessions, audit);
        return Redirect("/masuk");
    }
}
