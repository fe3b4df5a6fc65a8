using System.Text;

namespace DocSign.Validation.Reports;

/// <summary>The short plain-text summary the CLI prints (Bahasa Indonesia).</summary>
public static class VerificationReportText
{
    /// <summary>Formats the report for a terminal.</summary>
    public static string Format(VerificationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Hasil verifikasi: {VerificationReportJson.Name(report.Verdict)} ({ReportWords.Verdict(report.Verdict)})");
        if (report.FileName is not null) sb.AppendLine($"Berkas: {report.FileName}");
        sb.AppendLine(report.FileSha256 is null ? $"Ukuran: {report.FileSize} byte, {report.RevisionCount} revisi" : $"SHA-256: {report.FileSha256}  ({report.FileSize} byte, {report.RevisionCount} revisi)");
        foreach (var m in report.Messages) sb.AppendLine("  " + m);
        int i = 0;
        foreach (var s in report.AllEntries)
        {
            i++;
            sb.AppendLine();
            sb.AppendLine($"[{i}] {(s.Kind == SignatureKind.Signature ? "Tanda tangan" : "Stempel waktu dokumen")} \"{s.Field}\" (revisi {s.Revision + 1})");
            sb.AppendLine($"    Indikasi: {VerificationReportJson.Name(s.Indication)}{(s.SubIndication == SubIndication.None ? "" : " / " + VerificationReportJson.Name(s.SubIndication))}");
            if (s.Level is { } l) sb.AppendLine($"    Level: {VerificationReportJson.Name(l)}");
            if (s.Signer is { } who) sb.AppendLine($"    {(s.Kind == SignatureKind.Signature ? "Penanda tangan" : "TSA")}: {who.Name}{(who.Nip is null ? "" : ", NIP " + DocSign.Signing.SignerIdentity.FormatNip(who.Nip))}");
            if (s.ClaimedSigningTime is { } ct) sb.AppendLine($"    Waktu menurut penanda tangan: {ct:yyyy-MM-dd HH:mm:ss} UTC");
            if (s.TimestampTime is { } tt) sb.AppendLine($"    Waktu stempel: {tt:yyyy-MM-dd HH:mm:ss} UTC");
            sb.AppendLine($"    Cakupan: {VerificationReportJson.Name(s.Coverage)}; perubahan sesudahnya: {VerificationReportJson.Name(s.ModificationsAfter)}");
            foreach (var m in s.Messages) sb.AppendLine("    - " + m);
        }
        return sb.ToString();
    }
}

/// <summary>Indonesian words for the verdict and indications, shared by the text, HTML and PDF reports.</summary>
internal static class ReportWords
{
    public static string Verdict(Verdict v) => v switch
    {
        Validation.Verdict.Valid => "SAH",
        Validation.Verdict.Invalid => "TIDAK SAH",
        _ => "TIDAK DAPAT DIPASTIKAN",
    };

    public static string Indication(Indication i) => i switch
    {
        Validation.Indication.TotalPassed => "LULUS",
        Validation.Indication.TotalFailed => "GAGAL",
        _ => "TIDAK DAPAT DIPASTIKAN",
    };

    public static string Modification(ModificationLevel m) => m switch
    {
        ModificationLevel.None => "tidak ada",
        ModificationLevel.LtaUpdates => "hanya data validasi (DSS) dan stempel waktu dokumen",
        ModificationLevel.FormFilling => "tanda tangan berikutnya / pengisian formulir",
        ModificationLevel.Annotations => "anotasi ditambahkan atau diubah",
        _ => "perubahan lain pada dokumen",
    };

    public static string Coverage(Coverage c) => c switch
    {
        Validation.Coverage.EntireFile => "seluruh berkas",
        Validation.Coverage.EntireRevision => "seluruh revisi (ada revisi sesudahnya)",
        _ => "sebagian",
    };
}
