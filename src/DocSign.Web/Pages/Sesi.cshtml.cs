using System.Security.Claims;
using DocSign.Core.Audit;
using DocSign.Core.Access;
using DocSign.Web.Auth;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// The signed-in person's sessions in force (browsers and API tokens): where from, on what, when last used; each can be
/// ended here ("Akhiri sesi ini"), at once for every instance, e.g. a browser left signed in on another computer.
/// </summary>
public sealed class SesiModel(MySessionsHandler mySessions, ISessionDirectory sessions, IAuditTrail audit) : DocSignPageModel
{
    /// <summary>One row of the list, in words for the screen.</summary>
    public sealed record Baris(string Id, string Jenis, string Perangkat, string Alamat, string Mulai, string TerakhirAktif, string Berakhir, bool IniSesiIni);

    public IReadOnlyList<Baris> Daftar { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Ends one of the person's own sessions; ending this one is signing out.</summary>
    public async Task<IActionResult> OnPostAkhiriAsync(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            FormError = "Sesi yang akan diakhiri tidak disebutkan.";
            await LoadAsync();
            return Page();
        }
        if (id == SessionChecks.SessionIdOf(User))
        {
            await TokenEndpoints.EndCurrentSessionAsync(HttpContext, sessions, audit);
            return Redirect("/masuk");
        }
        if (!await mySessions.EndAsync(await ActorAsync(), id, HttpContext.RequestAborted))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            FormError = "Sesi itu tidak ada atau sudah berakhir.";
            await LoadAsync();
            return Page();
        }
        Notice = "Sesi itu telah diakhiri. Peramban atau aplikasi yang memakainya harus masuk lagi.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var current = SessionChecks.SessionIdOf(User);
        var list = await mySessions.ListAsync(await ActorAsync(), AuthSetup.CookieLifetime, HttpContext.RequestAborted);
        Daftar = list.Select(s => new Baris(s.Id,
            s.IsApiToken ? "Token API" : "Peramban",
            Perangkat(s.Device),
            s.ClientAddress ?? "—",
            Tampil.Waktu(s.StartedAt),
            Tampil.Waktu(s.LastSeenAt),
            Tampil.Waktu(s.ExpiresAt),
            s.Id == current)).ToList();
    }

    /// <summary>"Firefox di Linux" from a User-Agent; the raw string when nothing is recognised.</summary>
    public static string Perangkat(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Tidak diketahui";
        var ua = userAgent;
        string? browser = ua.Contains("Edg/") ? "Edge" : ua.Contains("Firefox/") ? "Firefox" : ua.Contains("Chrome/") ? "Chrome"
            : ua.Contains("Safari/") ? "Safari" : null;
        string? system = ua.Contains("Android") ? "Android" : ua.Contains("iPhone") || ua.Contains("iPad") ? "iOS" : ua.Contains("Windows") ? "Windows"
            : ua.Contains("Mac OS X") ? "macOS" : ua.Contains("Linux") ? "Linux" : null;
        if (browser is null) return ua.Length <= 60 ? ua : ua[..60] + "…";
        return system is null ? browser : $"{browser} di {system}";
    }
}
