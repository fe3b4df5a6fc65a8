namespace DocSign.Web.Ui;

/// <summary>
/// The audit trail's action and outcome codes in words, for the Jejak audit screen (the codes stay in the CSV, the
/// JSON and the signed extract, which auditors' tools read).
/// </summary>
internal static class TampilAudit
{
    public static string Hasil(string outcome) => outcome switch
    {
        "success" => "Berhasil",
        "denied" => "Ditolak",
        "refused" => "Ditolak",
        "failed" => "Gagal",
        _ => "Lainnya",
    };

    public static string Peristiwa(string action) => action switch
    {
        "auth.sign-in" => "Masuk",
        "auth.sign-in-failed" => "Gagal masuk",
        "auth.sign-out" => "Keluar",
        "auth.sign-in-attack" => "Percobaan masuk beruntun",
        "auth.session-ended" => "Sesi diakhiri",
        "document.created" => "Dokumen dibuat",
        "document.version-uploaded" => "Versi diunggah",
        "document.version-downloaded" => "Versi diunduh",
        "document.verified" => "Tanda tangan diperiksa",
        "workflow.submitted" => "Diajukan kepada Camat",
        "workflow.step" => "Langkah SOP selesai",
        "workflow.started" => "Alur SOP dimulai",
        "workflow.returned" => "Dikembalikan",
        "workflow.revision" => "Revisi dimulai",
        "workflow.overdue" => "Langkah terlambat",
        "workflow.finding" => "Temuan reviu dicatat",
        "workflow.finding-answered" => "Temuan reviu dijawab",
        "document.signed" => "Ditandatangani",
        "document.sign-failed" => "Penandatanganan gagal",
        "signer.enrolled" => "Sertifikat didaftarkan",
        "letter.numbered" => "Nomor surat diambil",
        "letter.issued" => "Surat diterbitkan",
        "letter.voided" => "Surat dibatalkan",
        "letter.dispatched" => "Surat dikirim",
        "letter.receipt-uploaded" => "Tanda terima diunggah",
        "archive.copied" => "Diarsipkan",
        "archive.integrity" => "Keutuhan arsip diperiksa",
        "archive.renewed" => "Arsip diperbarui",
        "archive.destroyed" => "Arsip dimusnahkan",
        "admin.change" => "Perubahan oleh admin",
        "access.refused" => "Akses ditolak",
        _ => "Peristiwa lain",
    };
}
