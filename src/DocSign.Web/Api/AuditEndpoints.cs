using System.Globalization;
using System.Text;
using DocSign.Core.Audit;
using DocSign.Core.Problems;
using DocSign.Web.Auth;

namespace DocSign.Web.Api;

/// <summary>The audit trail for auditors and the admin: an office's events (JSON or CSV), and the chain check.</summary>
internal static class AuditEndpoints
{
    public const int MaxEvents = ReadAuditTrailHandler.MaxPage;

    public static IEndpointRouteBuilder MapDocSignAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/verify", VerifyAsync).RequireAuthorization();
        app.MapGet("/api/offices/{office}/audit", OfficeTrailAsync).RequireAuthorization();
        return app;
    }

    /// <summary><c>GET /api/audit/verify</c> (admin): re-checks the whole chain; names the first broken link.</summary>
    private static async Task<IResult> VerifyAsync(HttpContext context, VerifyAuditChainHandler handler)
    {
        var report = await handler.HandleAsync(await CurrentActor.GetAsync(context), context.RequestAborted);
        return Results.Ok(new { intact = report.Intact, entries = report.Entries, firstBrokenSequence = report.FirstBrokenSequence, problem = report.Problem, anchor = report.Anchor });
    }

    /// <summary>
    /// <c>GET /api/offices/{office}/audit?from=&amp;to=&amp;format=json|csv|pdf</c> (pdf: signed with the office e-seal): that office's events, oldest first, for
    /// the auditors assigned to the office and the admin. Others get 404 (an office's trail is not theirs to know of).
    /// </summary>
    private static async Task<IResult> OfficeTrailAsync(string office, string? from, string? to, string? format, HttpContext context,
        ReadAuditTrailHandler trail, IAuditExtract extract, DocSign.Core.Calendar.OfficeTimes times)
    {
        if (!string.IsNullOrEmpty(format) && !IsFormat(format, "json") && !IsFormat(format, "csv") && !IsFormat(format, "pdf"))
            throw DocSignProblem.Invalid("Format harus 'json', 'csv' atau 'pdf'.");
        var page = await trail.HandleAsync(await CurrentActor.GetAsync(context), office, from, to, newestFirst: false, MaxEvents,
            cancellationToken: context.RequestAborted);
        if (page.More)
            throw DocSignProblem.Invalid($"Terlalu banyak peristiwa (lebih dari {MaxEvents}); persempit rentang tanggal 'from' dan 'to'.");
        var rows = page.Events;
        office = page.OfficeId;

        if (IsFormat(format, "csv"))
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{office}.csv\"";
            return Results.Text(Csv(rows, await times.ForOfficeAsync(office, context.RequestAborted)), "text/csv; charset=utf-8", Encoding.UTF8);
        }
        if (IsFormat(format, "pdf"))
        {
            if (!extract.HasSeal(office))
                throw new DocSignProblem(ProblemKind.Conflict, "Segel elektronik kantor ini belum dikonfigurasi (DocSign:Audit:Seal), jadi ekstrak PDF bertanda tangan belum dapat dibuat. Gunakan format CSV.");
            var pdf = new MemoryStream();
            await extract.WriteAsync(office, rows, page.Range.From, page.Range.Until?.AddTicks(-1), pdf, context.RequestAborted);
            pdf.Position = 0;
            return Results.File(pdf, "application/pdf", $"audit-{office}.pdf");
        }
        return Results.Ok(new { office, events = rows.Select(Dto) });
    }

    private static bool IsFormat(string? format, string name) => string.Equals(format, name, StringComparison.OrdinalIgnoreCase);

    private static object Dto(AuditRecord e) => new
    {
        sequence = e.Sequence, at = e.At, action = e.Action, outcome = e.Outcome, who = e.ActorName, userId = e.ActorUserId,
        from = e.ClientAddress, document = e.DocumentId, version = e.VersionNumber, sha256 = e.Sha256, detail = e.Detail, hash = e.Hash,
    };

    private static readonly string[] Header = ["sequence", "at", "action", "outcome", "who", "from", "document", "version", "sha256", "detail", "previous_hash", "hash"];

    /// <summary>The events as CSV; <c>at</c> is the exact instant written in the office's zone, with its offset (e.g. +07:00).</summary>
    private static string Csv(IEnumerable<AuditRecord> rows, DocSign.Core.Calendar.OfficeTime time)
    {
        var sb = new StringBuilder().AppendJoin(',', Header).Append("\r\n");
        foreach (var e in rows)
        {
            string?[] cells =
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), time.Iso(e.At),
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
}
