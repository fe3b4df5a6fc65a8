using System.Net;
using System.Text;

namespace DocSign.Validation.Reports;

/// <summary>
/// The auditor's report as a self-contained HTML page in Bahasa Indonesia (no scripts, no external resources),
/// fit to print and file.
/// </summary>
public static class VerificationReportHtml
{
    /// <summary>Writes the HTML page (UTF-8) to <paramref name="output"/>.</summary>
    /// <param name="time">The zone the times are written in (UTC when not given).</param>
    public static void Write(Stream output, VerificationReport report, ReportTime? time = null)
    {
        var bytes = Encoding.UTF8.GetBytes(Render(report, time));
        output.Write(bytes);
    }

    /// <summary>The HTML page as a string.</summary>
    public static string Render(VerificationReport report, ReportTime? time = null)
    {
        time ??= ReportTime.Utc;
        static string H(string? s) => WebUtility.HtmlEncode(s ?? "—");
        var sb = new StringBuilder();
        var verdictClass = report.Verdict switch { Verdict.Valid => "ok", Verdict.Invalid => "bad", _ => "warn" };
        sb.Append("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Laporan Verifikasi Tanda Tangan Elektronik</title>");
        sb.Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}")
          .Append("th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f0f0f0;width:30%}")
          .Append(".verdict{font-size:1.4em;padding:.5em;border:2px solid}.ok{color:#155724;border-color:#155724}.bad{color:#721c24;border-color:#721c24}.warn{color:#856404;border-color:#856404}")
          .Append("code{word-break:break-all}</style></head><body>\n");
        sb.Append("<h1>Laporan Verifikasi Tanda Tangan Elektronik</h1>\n");
        sb.Append($"<p class=\"verdict {verdictClass}\">Hasil: <strong>{H(ReportWords.Verdict(report.Verdict))}</strong> ({VerificationReportJson.Name(report.Verdict)})</p>\n");
        sb.Append("<ul>");
        foreach (var m in report.Messages) sb.Append($"<li>{H(m)}</li>");
        sb.Append("</ul>\n<h2>Berkas yang diperiksa</h2>\n<table>");
        Row(sb, "Nama berkas", H(report.FileName));
        Row(sb, "SHA-256", $"<code>{H(report.FileSha256)}</code>");
        Row(sb, "Ukuran", $"{report.FileSize:N0} byte".Replace(',', '.'));
        Row(sb, "Jumlah revisi", report.RevisionCount.ToString());
        Row(sb, "Waktu verifikasi", H(time.Format(report.ValidationTime)));
        sb.Append("</table>\n");
        int i = 0;
        foreach (var s in report.AllEntries)
        {
            i++;
            var kind = s.Kind == SignatureKind.Signature ? "Tanda tangan" : "Stempel waktu dokumen";
            sb.Append($"<h2>{i}. {kind}: {H(s.Field)}</h2>\n<table>");
            Row(sb, "Indikasi (ETSI EN 319 102-1)", H(VerificationReportJson.Name(s.Indication) + (s.SubIndication == SubIndication.None ? "" : " / " + VerificationReportJson.Name(s.SubIndication)) + " — " + ReportWords.Indication(s.Indication)));
            if (s.Level is { } l) Row(sb, "Level PAdES", H(VerificationReportJson.Name(l)));
            if (s.Signer is { } who)
            {
                Row(sb, s.Kind == SignatureKind.Signature ? "Penanda tangan" : "Penerbit stempel waktu (TSA)", H(who.Name));
                if (who.Nip is not null) Row(sb, "NIP", H(DocSign.Signing.SignerIdentity.FormatNip(who.Nip)));
                Row(sb, "Subjek sertifikat", H(who.Subject));
                Row(sb, "Penerbit sertifikat", H(who.Issuer));
                Row(sb, "Nomor seri", $"<code>{H(who.SerialNumber)}</code>");
                Row(sb, "Masa berlaku", H($"{who.NotBefore:yyyy-MM-dd} s.d. {who.NotAfter:yyyy-MM-dd}"));
            }
            Row(sb, "Rantai ke jangkar kepercayaan", s.ChainTrusted ? "ya" : "tidak");
            Row(sb, "Sumber status pencabutan", H(s.RevocationSource));
            Row(sb, "Waktu menurut penanda tangan (/M)", H(s.ClaimedSigningTime is { } c ? time.Format(c) : null));
            Row(sb, "Waktu stempel (terbukti)", H(s.TimestampTime is { } t ? time.Format(t) : null));
            if (s.TimestampAuthority is { } tsa && s.Kind == SignatureKind.Signature) Row(sb, "TSA", H(tsa.Subject));
            Row(sb, "Cakupan", H(ReportWords.Coverage(s.Coverage) + " (" + VerificationReportJson.Name(s.Coverage) + ")"));
            Row(sb, "ByteRange", $"<code>{H(s.ByteRange is null ? null : "[" + string.Join(' ', s.ByteRange) + "]")}</code>");
            Row(sb, "Revisi yang ditandatangani", (s.Revision + 1).ToString());
            Row(sb, "Perubahan sesudahnya", H(ReportWords.Modification(s.ModificationsAfter) + " (" + VerificationReportJson.Name(s.ModificationsAfter) + ")" + (s.DisallowedModification ? " — TIDAK DIIZINKAN" : "")));
            Row(sb, "Algoritma", H($"{s.DigestAlgorithm} / {s.SignatureAlgorithm}"));
            Row(sb, "SubFilter", H(s.SubFilter));
            if (s.Reason is not null) Row(sb, "Alasan", H(s.Reason));
            if (s.Location is not null) Row(sb, "Lokasi", H(s.Location));
            if (s.Messages.Count > 0)
                Row(sb, "Catatan pemeriksaan", "<ul>" + string.Concat(s.Messages.Select(m => $"<li>{H(m)}</li>")) + "</ul>");
            sb.Append("</table>\n");
        }
        sb.Append("<p><small>Dibuat oleh DocSign. Indikasi mengikuti ETSI EN 319 102-1; level mengikuti ETSI EN 319 142-1 (PAdES). ")
          .Append("Hasil SAH hanya diberikan bila setiap tanda tangan lulus dan tidak ada perubahan yang mengubah tampilan dokumen setelah ditandatangani.</small></p>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string k, string v) => sb.Append($"<tr><th>{WebUtility.HtmlEncode(k)}</th><td>{v}</td></tr>");
}
