using DocSign.Core.Archive;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Auth;

namespace DocSign.Web.Api;

/// <summary>
/// <c>GET /api/offices/{office}/archive/due[?disposition=permanen|musnah|dinilai-kembali][&amp;format=csv]</c>: archive
/// copies whose JRA retention is over: Permanen ones for transfer to the Dinas Kearsipan (CSV: the transfer list),
/// Musnah ones for destruction, the rest for appraisal.
/// </summary>
internal static class ArchiveDueEndpoint
{
    public static async Task<IResult> DueAsync(string office, string? disposition, string? format, HttpContext context, ListDueDispositionsHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        FinalDisposition? only = disposition?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "permanen" => FinalDisposition.Permanen,
            "musnah" => FinalDisposition.Musnah,
            "dinilai-kembali" => FinalDisposition.DinilaiKembali,
            _ => throw DocSignProblem.Invalid("Keterangan akhir harus permanen, musnah atau dinilai-kembali."),
        };
        var due = await handler.HandleAsync(actor, office, only, context.RequestAborted);
        var officeId = OfficeIds.Normalize(office);
        if (format?.Trim().ToLowerInvariant() == "csv")
            return Results.File(ListDueDispositionsHandler.ToCsv(due), "text/csv; charset=utf-8", $"arsip-jatuh-tempo-{officeId}.csv");
        if (format is { Length: > 0 } && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
            throw DocSignProblem.Invalid("Format harus json atau csv.");
        return Results.Ok(new
        {
            office = officeId,
            source = RetentionSchedule.Source,
            due = due.Select(d => new
            {
                d.Copy.Id, d.Copy.DocumentId, d.Copy.Role, d.Copy.Key, d.Copy.Sha256, d.Copy.Size, retentionClass = d.Copy.RetentionClass,
                disposition = RetentionClass.DispositionName(d.Disposition), due = d.Due, action = d.Action,
            }),
        });
    }

    private sealed record DestroyBody(string? Reason);

    /// <summary>
    /// <c>POST /api/offices/{office}/archive/{copyId}/destroy {reason}</c>: the Camat approves and the Musnah copy is
    /// destroyed with its sealed berita acara; answers the tombstone. Permanen, not yet due, already destroyed: 409.
    /// </summary>
    public static async Task<IResult> DestroyAsync(string office, Guid copyId, HttpContext context, DestroyArchiveCopyHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = await WorkflowEndpoints.ReadBodyAsync<DestroyBody>(context);
        var copy = await handler.HandleAsync(actor, office, copyId, body?.Reason, context.RequestAborted);
        return Results.Ok(new { copy.Id, copy.Key, copy.DestroyedAt, copy.DestroyedBy, beritaAcara = copy.DestructionRecordKey });
    }
}
