using DocSign.Core.Audit;

namespace DocSign.Web.Ui;

/// <summary>The audit trail's stable codes as the audit page words them (the CSV and the API keep the codes).</summary>
public static class TampilAudit
{
    public static string Peristiwa(string action) => action switch
    {
        AuditActions.SignIn => "Masuk",
        AuditActions.SignInFailed => "Gagal masuk",
        AuditActions.SignOut => "Keluar",
        AuditActions.SignInAttack => "Percobaan masuk berulang",
        AuditActions.SessionEnded => "Sesi diakhiri",
        AuditActions.DocumentCreated => "Dokumen dibuat",
        AuditActions.VersionUploaded => "Versi diunggah",
        AuditActions.VersionDownloaded => "Versi diunduh",
        AuditActions.Verified => "Tanda tangan diperiksa",
        AuditActions.Submitted => "Diajukan kepada Camat",
        AuditActions.StepAdvanced => "Langkah SOP diselesaikan",
        AuditActions.WorkflowStarted => "Alur SOP dimulai",
        AuditActions.StepReturned => "Dikembalikan",
        AuditActions.RevisionStarted => "Revisi dimulai",
        AuditActions.StepOverdue => "Langkah melewati batas waktu",
        AuditActions.FindingRecorded => "Temuan reviu dicatat",
        AuditActions.FindingAnswered => "Temuan reviu dijawab",
        AuditActions.Signed => "Ditandatangani",
        AuditActions.SignFailed => "Penandatanganan gagal",
        AuditActions.SignerEnrolled => "Sertifikat penanda tangan didaftarkan",
        AuditActions.LetterNumbered => "Nomor surat diambil",
        AuditActions.LetterIssued => "Surat diterbitkan",
        AuditActions.LetterVoided => "Surat dibatalkan",
        AuditActions.LetterDispatched => "Surat dikirim",
        AuditActions.ReceiptUploaded => "Tanda terima diunggah",
        AuditActions.Archived => "Diarsipkan",
        AuditActions.ArchiveIntegrity => "Pemeriksaan keutuhan arsip",
        AuditActions.ArchiveRenewed => "Stempel waktu arsip diperbarui",
        AuditActions.ArchiveDestroyed => "Arsip dimusnahkan",
        AuditActions.AdminChange => "Perubahan oleh admin",
        AuditActions.Refused => "Akses ditolak",
        _ => "Peristiwa lain",
    };

    public static string Hasil(string outcome) => outcome switch
    {
        AuditOutcome.Success => "Berhasil",
        AuditOutcome.Failed => "Gagal",
        _ => "Ditolak",
    };
}
