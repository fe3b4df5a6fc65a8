using DocSign.Core.Problems;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Web.Pages;

/// <summary>
/// An office's audit trail for its auditors (and the admin): the events of a date range, newest first, with the
/// exports the API gives (CSV, and a PDF extract signed with the office's e-seal). Read-only; the trail is
/// append-only and its chain is re-checked by <c>--verify-audit</c> / <c>GET /api/audit/verify</c>.
/// </summary>
public sealed class AuditModel(DocSignDbContext db) : DocSignPageModel
{
    private const int MaxShown = 500;

    public string Office { get; private set; } = "";
    public string? From { get; private set; }
    public string? To { get; private set; }
    public IReadOnlyList<AuditEntry> Events { get; private set; } = [];
    public bool Truncated { get; private set; }

    public Task<IActionResult> OnGetAsync(string office, string? from, string? to) => GuardAsync(async () =>
    {
        var actor = await ActorAsync();
        Office = office.Trim().ToLowerInvariant();
        if (!actor.IsAdministrator && !actor.AuditsOffice(Office))
            throw DocSignProblem.NotFound("Jejak audit kantor ini tidak ditemukan atau bukan wewenang Anda.");
        From = from; To = to;
        var start = Parse(from, "dari") ?? DateTimeOffset.MinValue;
        var end = Parse(to, "sampai")?.AddDays(1) ?? DateTimeOffset.MaxValue;
        // SQLite cannot compare DateTimeOffset columns: the office's events are filtered by date in memory.
        var rows = (await db.AuditEntries.AsNoTracking().Where(e => e.OfficeId == Office).OrderByDescending(e => e.Sequence)
                .ToListAsync(HttpContext.RequestAborted))
            .Where(e => e.At >= start && e.At < end).ToList();
        Truncated = rows.Count > MaxShown;
        Events = rows.Take(MaxShown).ToList();
        return Page();
    });

    private static DateTimeOffset? Parse(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d)) return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        throw DocSignProblem.Invalid($"Tanggal '{name}' harus berbentuk TTTT-BB-HH, misalnya 2026-01-31.");
    }
}
