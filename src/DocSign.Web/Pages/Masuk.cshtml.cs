using DocSign.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DocSign.Web.Pages;

/// <summary>Sign-in with user name and password; a browser session (cookie) beside the API's bearer tokens.</summary>
public sealed class MasukModel : PageModel
{
    /// <summary>TempData key of the notice about wrong passwords typed for the account since its last sign-in.</summary>
    public const string NoticeKey = "PemberitahuanMasuk";

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
        var deviceId = AuthSetup.DeviceIdOf(HttpContext);
        var outcome = await signIn.CheckAsync(namaPengguna, kataSandi, HttpContext.Connection.RemoteIpAddress?.ToString(), deviceId, "cookie", HttpContext.RequestAborted);
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
        await AuthSetup.SignInBrowserAsync(HttpContext, user);
        AuthSetup.KeepDeviceCookie(HttpContext, deviceId);
        // Shown by the layout on whatever page comes next.
        if (outcome.Notice is { } notice) TempData[NoticeKey] = notice;
        return LocalRedirect(SafeReturn(kembali));
    }

    /// <summary>Only a path on this site: an open redirect after sign-in would be a phishing aid.</summary>
    private string SafeReturn(string? kembali) =>
        !string.IsNullOrEmpty(kembali) && Url.IsLocalUrl(kembali) ? kembali : "/";
}
