using DocSign.Core.Audit;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// An office's audit trail for its auditors (and the admin): the events of a date range, newest first, with the
/// exports the API gives (CSV, and a PDF extract signed with the office's e-seal). Read-only; the trail is
/// append-only and its chain is re-checked by <c>--verify-audit</c> / <c>GET /api/audit/verify</c>.
/// </summary>
public sealed class AuditModel(ReadAuditTrailHandler trail, DocSign.Core.Calendar.OfficeTimes times) : DocSignPageModel
{
    private const int MaxShown = 500;

    public string Office { get; private set; } = "";
    public string? From { get; private set; }
    public string? To { get; private set; }
    public IReadOnlyList<AuditRecord> Events { get; private set; } = [];
    public bool Truncated { get; private set; }

    /// <summary>The office's zone: the events' times are written in it.</summary>
    public DocSign.Core.Calendar.OfficeTime Time { get; private set; } = DocSign.Core.Calendar.OfficeTime.Wib;

    public Task<IActionResult> OnGetAsync(string office, string? from, string? to) => GuardAsync(async () =>
    {
        From = from; To = to;
        var page = await trail.HandleAsync(await ActorAsync(), office, from, to, newestFirst: true, MaxShown, cancellationToken: HttpContext.RequestAborted);
        Office = page.OfficeId;
        Events = page.Events;
        Truncated = page.More;
        Time = await times.ForOfficeAsync(Office, HttpContext.RequestAborted);
        return Page();
    });
}
