using System.Globalization;
using System.Text;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using DocSign.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Web.Api;

/// <summary>The audit trail for auditors and the admin: an office's events (JSON or CSV), and the chain check.</summary>
internal static class AuditEndpoints
{
    public const int MaxEvents = 10_000;

    public static IEndpointRouteBuilder MapDocSignAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/verify", VerifyAsync).RequireAuthorization();
        app.MapGet("/api/offices/{office}/audit", OfficeTrailAsync).RequireAuthorization();
        return app;
    }

    /// <summary><c>GET /api/audit/verify</c> (admin): re-checks the whole chain; names the first broken link.</summary>
    private static async Task<IResult> VerifyAsync(HttpContext context, AuditChainVerifier verifier)
    {
        var actor = await CurrentActor.GetAsync(context);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat memeriksa seluruh rantai audit.");
        var report = await verifier.VerifyAsync(context.RequestAborted);
        return Results.Ok(new { intact = report.Intact, entries = report.Entries, firstBrokenSequence = report.FirstBrokenSequence, problem = report.Problem, anchor = report.Anchor });
    }

    /// <summary>
    /// <c>GET /api/offices/{office}/audit?from=&amp;to=&amp;format=json|csv|pdf</c> (pdf: signed with the office e-seal): that office's events, oldest first, for
    /// the auditors assigned to the office and the admin. Others get 404 (an office's trail is not theirs to know of).
    /// </summary>
    private static async Task<IResult> OfficeTrailAsync(string office, string? from, string? to, string? format, HttpContext context, DocSignDbContext db,
        AuditExtractPdf extract)
    {
        var actor = await CurrentActor.GetAsync(context);
        office = office.Trim().ToLowerInvariant();
        if (!actor.IsAdministrator && !actor.AuditsOffice(office))
            throw DocSignProblem.NotFound("Jejak audit kantor ini tidak ditemukan atau bukan wewenang Anda.");
        var start = ParseDate(from, "from") ?? DateTimeOffset.MinValue;
        var end = ParseDate(to, "to", endOfDay: true) ?? DateTimeOffset.MaxValue;
        if (end < start) throw DocSignProblem.Invalid("Tanggal 'to' tidak boleh sebelum tanggal 'from'.");

        // Filtered on the sequence order in memory for the date range: SQLite cannot compare DateTimeOffset columns.
        var rows = (await db.AuditEntries.AsNoTracking().Where(e => e.OfficeId == office).OrderBy(e => e.Sequence).ToListAsync(context.RequestAborted))
            .Where(e => e.At >= start && e.At <= end).Take(MaxEvents + 1).ToList();
        if (rows.Count > MaxEvents)
            throw DocSignProblem.Invalid($"Terlalu banyak peristiwa (lebih dari {MaxEvents}); persempit rentang tanggal 'from' dan 'to'.");

        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{office}.csv\"";
            return Results.Text(Csv(rows), "text/csv; charset=utf-8", Encoding.UTF8);
        }
        if (string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase))
        {
            if (!extract.HasSeal(office))
                throw new DocSignProblem(ProblemKind.Conflict, "Segel elektronik kantor ini belum dikonfigurasi (DocSign:Audit:Seal), jadi ekstrak PDF bertanda tangan belum dapat dibuat. Gunakan format CSV.");
            var pdf = new MemoryStream();
            await extract.WriteAsync(office, rows, from is null ? null : start, to is null ? null : end, pdf, context.RequestAborted);
            pdf.Position = 0;
            return Results.File(pdf, "application/pdf", $"audit-{office}.pdf");
        }
        if (!string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            throw DocSignProblem.Invalid("Format harus 'json', 'csv' atau 'pdf'.");
        return Results.Ok(new { office, events = rows.Select(Dto) });
    }

    private static object Dto(AuditEntry e) => new
    {
        sequence = e.Sequence, at = e.At, action = e.Action, outcome = e.Outcome, who = e.ActorName, userId = e.ActorUserId,
        from = e.ClientAddress, document = e.DocumentId, version = e.VersionNumber, sha256 = e.Sha256, detail = e.Detail, hash = e.Hash,
    };

    private static readonly string[] Header = ["sequence", "at", "action", "outcome", "who", "from", "document", "version", "sha256", "detail", "previous_hash", "hash"];

    private static string Csv(IEnumerable<AuditEntry> rows)
    {
        var sb = new StringBuilder().AppendJoin(',', Header).Append("\r\n");
        foreach (var e in rows)
        {
            string?[] cells =
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                e.Action, e.Outcome, e.ActorName, e.ClientAddress, e.DocumentId?.ToString("D"), e.VersionNumber?.ToString(CultureInfo.InvariantCulture),
                e.Sha256, e.Detail, e.PreviousHash, e.Hash,
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    // RFC 4180 quoting, and a leading quote for cells a spreadsheet would take for a formula.
    private static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static DateTimeOffset? ParseDate(string? value, string name, bool endOfDay = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
            return endOfDay ? day.AddDays(1).AddTicks(-1) : day;
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw DocSignProblem.Invalid($"Tanggal '{name}' harus berbentuk YYYY-MM-DD, misalnya 2026-01-31.");
    }
}
