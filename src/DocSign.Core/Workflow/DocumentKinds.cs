using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Workflow;

/// <summary>
/// A kind of document an office may create, with how its signature is reached: through the office's SOP (its kinds
/// come from the SOP template), or through the short generic route for the other kinds the office writes (the
/// Sekcam submits the final version, then the Camat signs). No other kind exists, so no document escapes a route.
/// </summary>
/// <param name="Key">The stored word (e.g. <c>lkjip</c>).</param>
/// <param name="Label">What people read (e.g. "LKjIP").</param>
/// <param name="Route">How the signature is reached, in one Bahasa sentence.</param>
/// <param name="BySop">True when the office's SOP governs the kind.</param>
public sealed record DocumentKind(string Key, string Label, string Route, bool BySop);

public static class DocumentKinds
{
    /// <summary>The generic route's words (the Sekcam submits, the Camat signs).</summary>
    public const string GenericRoute = "Rute umum: versi final diajukan oleh Sekcam, lalu ditandatangani Camat.";

    /// <summary>Kinds outside every SOP that every office writes, each on the generic route.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Generic =
    [
        ("perjanjian-kinerja", "Perjanjian Kinerja"),
        ("rencana-kerja", "Rencana Kerja (Renja)"),
        ("surat-undangan", "Surat undangan"),
        ("laporan", "Laporan lainnya"),
    ];

    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lkjip"] = "LKjIP",
        ["lkj"] = "LKj (Laporan Kinerja)",
        ["lkip"] = "LKIP",
        ["laporan-kinerja"] = "Laporan Kinerja",
        ["pengukuran-kinerja"] = "Pengukuran Kinerja",
    };

    /// <summary>The kinds of an office running <paramref name="sop"/> (null: no SOP yet): the SOP's kinds first, then the generic ones.</summary>
    public static IReadOnlyList<DocumentKind> For(SopDefinition? sop)
    {
        var list = new List<DocumentKind>();
        foreach (var key in sop?.DocumentKinds ?? [])
            list.Add(new DocumentKind(key, Labels.GetValueOrDefault(key, key), $"Mengikuti SOP {sop!.Number} ({sop.Name}).", true));
        foreach (var (key, label) in Generic)
            if (!list.Any(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase)))
                list.Add(new DocumentKind(key, label, GenericRoute, false));
        return list;
    }

    /// <summary>A label for a stored kind (older documents may carry a word that is no longer offered).</summary>
    public static string LabelOf(string key) =>
        Labels.TryGetValue(key, out var label) ? label : Generic.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase)).Label ?? key;
}

/// <summary>The kinds of document an office may create (the form's choice list, and the check on every new document).</summary>
public sealed class ListDocumentKindsHandler(IWorkflowRepository workflows)
{
    public async Task<IReadOnlyList<DocumentKind>> HandleAsync(string officeId, CancellationToken cancellationToken = default)
    {
        var office = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        return DocumentKinds.For(SopTemplateLoader.Find(office?.TemplateKey));
    }

    /// <summary>The office's kind named by <paramref name="text"/> (its key or its label, any case); refused when the office has no such kind.</summary>
    public async Task<DocumentKind> ResolveAsync(string officeId, string? text, CancellationToken cancellationToken = default)
    {
        var kinds = await HandleAsync(officeId, cancellationToken);
        var wanted = text?.Trim() ?? "";
        return kinds.FirstOrDefault(k => string.Equals(k.Key, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Label, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw DocSignProblem.Invalid(wanted.Length == 0
                ? $"Pilih jenis dokumen: {string.Join(", ", kinds.Select(k => k.Label))}."
                : $"Jenis dokumen '{wanted}' tidak ada di kantor ini. Pilih salah satu: {string.Join(", ", kinds.Select(k => k.Label))}.");
    }
}
