using System.Globalization;
using System.Text;
using DocSign.Core.Access;
using DocSign.Core.Problems;
using DocSign.Core.Offices;

namespace DocSign.Core.Letters;

/// <summary>The office's buku agenda surat keluar, filtered by year and status, for members, auditors and the admin.</summary>
public sealed class ListLettersHandler(ILetterRegister register)
{
    public const int MaxRows = 5000;

    public async Task<IReadOnlyList<Letter>> HandleAsync(Actor actor, string officeId, string? year, string? status, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        LetterAccess.RequireOfficeVisible(actor, officeId);
        int? y = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 2000 or > 2100)
                throw DocSignProblem.Invalid("Tahun harus angka empat digit, misalnya 2024.");
            y = parsed;
        }
        LetterStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!LetterWords.TryParseStatus(status, out var parsed))
                throw DocSignProblem.Invalid("Status harus salah satu dari: reserved, issued, dispatched, void.");
            s = parsed;
        }
        return await LetterAccess.Guard(() => register.ListAsync(officeId, y, s, MaxRows, cancellationToken));
    }

    /// <summary>
    /// The register as CSV (RFC 4180, UTF-8, Indonesian headers), one line per letter in register order; the send and
    /// record times in the office's zone (<paramref name="time"/>, WIB when not given), with the zone named.
    /// </summary>
    public static string ToCsv(IEnumerable<Letter> letters, Calendar.OfficeTime? time = null)
    {
        time ??= Calendar.OfficeTime.Wib;
        var sb = new StringBuilder();
        sb.Append("No Urut,Nomor Surat,Tanggal,Kode Klasifikasi,Perihal,Sifat,Tujuan,Status,Sisipan,Alasan Sisipan,Dikirim Kepada,Saluran,Tanggal Kirim,Alasan Batal,Dicatat Oleh,Dicatat Pada\r\n");
        foreach (var l in letters.OrderBy(l => l.Year).ThenBy(l => l.Sequence).ThenBy(l => l.Insert))
        {
            string[] cells =
            [
                l.Sequence.ToString(CultureInfo.InvariantCulture) + (l.Insert > 0 ? "." + l.Insert.ToString(CultureInfo.InvariantCulture) : ""),
                l.Number, l.LetterDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Classification, l.Subject, l.Sifat, l.Addressee,
                l.Status.Label(), l.Insert > 0 ? "ya" : "", l.InsertReason ?? "", l.Recipient ?? "", l.Channel?.Label() ?? "",
                time.Cell(l.DispatchedAt), l.VoidReason ?? "", l.ReservedBy,
                time.Cell(l.ReservedAt),
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    // Quote every cell that needs it, and defuse spreadsheet formulas (a subject starting with '=' must stay text).
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
