using System.Globalization;
using System.Text;
using DocSign.Core.Access;
using DocSign.Core.Letters;
using DocSign.Core.Offices;

namespace DocSign.Core.Archive;

/// <summary>A copy whose retention is over, with what the JRA says to do with it now.</summary>
public sealed record DueDisposition(ArchiveCopy Copy, FinalDisposition Disposition, DateOnly Due)
{
    /// <summary>What the office does next, in words.</summary>
    public string Action => Disposition switch
    {
        FinalDisposition.Permanen => "Serahkan ke Dinas Kearsipan (arsip statis)",
        FinalDisposition.Musnah => "Usulkan pemusnahan kepada Camat (dengan berita acara)",
        _ => "Nilai kembali sebelum diputuskan",
    };
}

/// <summary>
/// The office's archive copies whose retention (active + inactive years) is over by today, in the office's view:
/// Permanen ones listed for transfer to the Dinas Kearsipan (never deletable), Musnah ones for destruction with the
/// Camat's approval, the rest for appraisal. For members, auditors and the admin; also as CSV for the transfer list.
/// </summary>
public sealed class ListDueDispositionsHandler(IArchiveRepository archive, TimeProvider clock)
{
    public async Task<IReadOnlyList<DueDisposition>> HandleAsync(Actor actor, string officeId, FinalDisposition? only = null,
        CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        LetterAccess.RequireOfficeVisible(actor, officeId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var copies = await LetterAccess.Guard(() => archive.ListForOfficeAsync(officeId, 10_000, cancellationToken));
        return copies
            .Where(c => c.SupersededById is null)
            .Select(c => new DueDisposition(c, ArchiveKeys.DispositionOf(c.Key), ArchiveKeys.DueOf(c.Key) ?? c.RetainUntil))
            .Where(d => d.Due < today && (only is null || d.Disposition == only))
            .OrderBy(d => d.Disposition).ThenBy(d => d.Due).ThenBy(d => d.Copy.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The list as CSV (UTF-8, comma-separated, quoted): what goes with the records to the Dinas Kearsipan.</summary>
    public static byte[] ToCsv(IReadOnlyList<DueDisposition> due)
    {
        var sb = new StringBuilder("kantor,dokumen,peran,kunci,sha256,ukuran,kelas_retensi,keterangan_akhir,jatuh_tempo,tindakan\r\n");
        foreach (var d in due)
            sb.AppendJoin(',', new[]
            {
                d.Copy.OfficeId, d.Copy.DocumentId.ToString(), d.Copy.Role, d.Copy.Key, d.Copy.Sha256, d.Copy.Size.ToString(CultureInfo.InvariantCulture),
                d.Copy.RetentionClass, RetentionClass.DispositionName(d.Disposition), d.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Action,
            }.Select(Quote)).Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // A cell that a spreadsheet would read as a formula is prefixed, so the file cannot run anything when opened.
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }
}
