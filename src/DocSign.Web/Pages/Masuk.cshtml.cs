using DocSign.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DocSign.Web.Pages;

/// <summary>Sign-in with user name and password; a browser session (cookie) beside the API's bearer tokens.</summary>
public sealed class MasukModel : PageModel
{
    public string? Error { get; private set; }
    public string? NamaPengguna { get; private set; }
    public string? Kembali { get; private set; }

    public IActionResult OnGet(string? kembali)
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturn(kembali));
        Kembali = kembali;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? namaPengguna, string? kataSandi, string? kembali,
        [FromServices] PasswordSignIn signIn)
    {
        var outcome = await signIn.CheckAsync(namaPengguna, kataSandi, HttpContext.Connection.RemoteIpAddress?.ToString(), "cookie", HttpContext.RequestAborted);
        if (outcome.User is not { } user)
        {
            Response.StatusCode = outcome.Refusal switch
            {
                SignInRefusal.Throttled => StatusCodes.Status429TooManyRequests,
                SignInRefusal.Missing => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status401Unauthorized,
            };
            if (outcome.RetryAfterHeader is { } retryAfter) Response.Headers.RetryAfter = retryAfter;
            Error = outcome.Message;
            NamaPengguna = namaPengguna;
            Kembali = kembali;
            return Page();
        }
        await HttpContext.SignInAsync(AuthSetup.CookieScheme, AuthSetup.PrincipalFor(user),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(SafeReturn(kembali));
    }

    /// <summary>Only a path on this site: an open redirect after sign-in would be a phishing aid.</summary>
    private string SafeReturn(string? kembali) =>
        !string.IsNullOrEmpty(kembali) && Url.IsLocalUrl(kembali) ? kembali : "/";
}
