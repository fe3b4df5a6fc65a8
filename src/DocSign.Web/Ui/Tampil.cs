using System.Globalization;
using DocSign.Core.Calendar;
using DocSign.Core.Documents;
using DocSign.Core.Text;

namespace DocSign.Web.Ui;

/// <summary>How the screens write times, sizes, stages and verdicts in Bahasa Indonesia.</summary>
internal static class Tampil
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>"8 Desember 2026 01:30 WIB": an instant in WIB, for screens that show no one office's records.</summary>
    public static string Waktu(DateTimeOffset? at) => OfficeTime.Wib.Text(at);

    /// <summary>An instant in the office's own zone (<see cref="OfficeTime"/>: WIB, WITA or WIT).</summary>
    public static string Waktu(DateTimeOffset? at, OfficeTime time) => time.Text(at);

    public static string Ukuran(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024.0)).ToString("0.0", Id) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.0", Id) + " KB",
        _ => bytes.ToString(Id) + " bait",
    };

    public static string Tahap(VersionStage stage) => stage switch
    {
        VersionStage.Draft => "Draf",
        VersionStage.Corrected => "Koreksi",
        VersionStage.Final => "Final",
        VersionStage.Signed => "Ditandatangani",
        _ => stage.ToString(),
    };

    public static string Putusan(string verdict) => verdict switch
    {
        "VALID" => "SAH",
        "INVALID" => "TIDAK SAH",
        _ => "TIDAK DAPAT DIPASTIKAN",
    };

    public static string KelasPutusan(string verdict) => verdict switch
    {
        "VALID" => "sah",
        "INVALID" => "tidak-sah",
        _ => "ragu",
    };

    public static string Indikasi(string indication) => indication switch
    {
        "TOTAL_PASSED" => "Lulus",
        "TOTAL_FAILED" => "Gagal",
        _ => "Tidak dapat dipastikan",
    };

    public static string Perubahan(string modifications) => modifications switch
    {
        "NONE" => "Tidak ada perubahan sesudah ditandatangani",
        "LTA_UPDATES" => "Hanya data validasi dan stempel waktu dokumen",
        "FORM_FILLING" => "Tanda tangan berikutnya atau pengisian formulir",
        "ANNOTATIONS" => "Anotasi ditambahkan atau diubah",
        _ => "Perubahan lain pada dokumen",
    };

    /// <summary>"19740315 200112 1 003" from 18 digits; anything else as it is.</summary>
    public static string Nip(string? nip) => nip is null ? "—" : IndonesianText.Nip(nip);

    public static string StatusLangkah(string status) => status switch
    {
        "done" => "Selesai",
        "current" => "Sedang berjalan",
        "pending" => "Menunggu",
        _ => status,
    };

    /// <summary>A step-log entry's kind as a phrase ("menyelesaikan langkah 3").</summary>
    public static string Kejadian(string kind) => kind switch
    {
        "started" => "memulai alur pada",
        "advanced" => "menyelesaikan",
        "submitted" => "mengajukan kepada Camat pada",
        "signed" => "menandatangani pada",
        "returned" => "mengembalikan",
        "finding-recorded" => "mencatat temuan reviu pada",
        "finding-answered" => "menjawab temuan reviu pada",
        "overdue" => "melewati batas waktu pada",
        _ => kind,
    };

    public static string Peran(string role) => role switch
    {
        "camat" => "Camat",
        "sekcam" => "Sekretaris Camat",
        "kasubag-umum" => "Kasubag Umum",
        "kasubbag-program" => "Kasubbag Keuangan dan Program",
        "kasi" => "Kasi / Lurah",
        "staf" => "Staf",
        "auditor" => "Auditor",
        "admin-kantor" => "Admin kantor",
        _ => role,
    };

    /// <summary>A calendar date as an Indonesian reads it: "15 Januari 2025".</summary>
    public static string Tanggal(DateOnly date) => IndonesianText.Date(date);
}
