using System.Text;
using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Problems;

namespace DocSign.Core.Letters;

/// <summary>A file made from the register: its name, type and bytes.</summary>
public sealed record RegisterExport(string FileName, string ContentType, byte[] Content);

/// <summary>Draws the buku agenda surat keluar as a PDF table.</summary>
public interface IRegisterRenderer
{
    byte[] RenderPdf(string officeName, string? year, string? status, IReadOnlyList<Letter> letters);
}

/// <summary>
/// The buku agenda surat keluar as a file (CSV or PDF), with the same filters and the same readers as the list.
/// The PDF's heading names the office as its letterhead does.
/// </summary>
public sealed class ExportRegisterHandler(ListLettersHandler list, ILetterRegister register, IRegisterRenderer renderer, Calendar.OfficeTimes times)
{
    public async Task<RegisterExport> HandleAsync(Actor actor, string office, string? year, string? status, string format,
        CancellationToken cancellationToken = default)
    {
        var officeId = OfficeId.From(office);
        var letters = await list.HandleAsync(actor, officeId, year, status, cancellationToken);
        var kind = format.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "pdf")) throw DocSignProblem.Invalid("Format harus json, csv atau pdf.");
        var name = $"agenda-surat-keluar-{officeId}{(year is null ? "" : "-" + year)}.{kind}";
        if (kind == "csv")
            // UTF-8 with BOM so that spreadsheet programs read the Indonesian text right.
            return new RegisterExport(name, "text/csv; charset=utf-8", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ListLettersHandler.ToCsv(letters, await times.ForOfficeAsync(officeId, cancellationToken)))]);
        var template = await LetterAccess.Guard(() => register.FindTemplateAsync(officeId, cancellationToken));
        var officeName = template?.Letterhead.Split('\n').ElementAtOrDefault(1)?.Trim() ?? officeId;
        return new RegisterExport(name, "application/pdf", renderer.RenderPdf(officeName, year, status, letters));
    }
}
