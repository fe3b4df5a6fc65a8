using DocSign.Core.Verification;

namespace DocSign.Web.Ui;

/// <summary>
/// A signature's findings as a person reads them: the reason behind a failed or undecided signature in words (never
/// the ETSI code), and the changes after it, which never say "no change" when the signed bytes no longer match.
/// </summary>
public static class TampilVerifikasi
{
    /// <summary>"Gagal: isi berkas tidak cocok dengan yang ditandatangani" for TOTAL_FAILED / HASH_FAILURE.</summary>
    public static string Indikasi(VerifiedSignature s) =>
        s.SubIndication is { } sub ? $"{Tampil.Indikasi(s.Indication)}: {Alasan(sub)}" : Tampil.Indikasi(s.Indication);

    /// <summary>The ETSI EN 319 102-1 sub-indication in plain Bahasa.</summary>
    public static string Alasan(string subIndication) => subIndication switch
    {
        "HASH_FAILURE" => "isi berkas tidak cocok dengan yang ditandatangani (berkas telah diubah)",
        "SIG_CRYPTO_FAILURE" => "tanda tangan tidak cocok dengan sertifikat penanda tangan",
        "FORMAT_FAILURE" => "susunan tanda tangan rusak atau tidak dikenali",
        "REVOKED" => "sertifikat penanda tangan telah dicabut",
        "NO_CERTIFICATE_CHAIN_FOUND" => "sertifikat tidak berasal dari penerbit yang dipercaya",
        "NO_SIGNING_CERTIFICATE_FOUND" => "sertifikat penanda tangan tidak ditemukan di dalam tanda tangan",
        "OUT_OF_BOUNDS_NO_POE" => "sertifikat di luar masa berlakunya dan tidak ada stempel waktu yang membuktikan kapan ditandatangani",
        "OUT_OF_BOUNDS_NOT_REVOKED" => "sertifikat di luar masa berlakunya",
        "REVOKED_NO_POE" => "sertifikat telah dicabut dan tidak ada bukti bahwa penandatanganan terjadi sebelumnya",
        "TRY_LATER" => "status sertifikat belum dapat diperiksa; coba lagi nanti",
        "SIG_CONSTRAINTS_FAILURE" => "tanda tangan tidak memenuhi aturan pemeriksaan",
        "CHAIN_CONSTRAINTS_FAILURE" => "rantai sertifikat tidak memenuhi aturan pemeriksaan",
        "CRYPTO_CONSTRAINTS_FAILURE" or "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" => "algoritme kriptografinya tidak lagi cukup kuat",
        "NO_POE" => "tidak ada bukti waktu penandatanganan",
        "SIGNED_DATA_NOT_FOUND" => "bagian berkas yang ditandatangani tidak ditemukan",
        _ => "ada masalah teknis pada tanda tangan ini",
    };

    /// <summary>
    /// What changed after the signature. When the signed bytes themselves do not match (a byte-tampered file) the
    /// revision analysis has nothing to compare, so the line says the content does not match instead of "no change".
    /// </summary>
    public static string Perubahan(VerifiedSignature s) =>
        s.SubIndication == "HASH_FAILURE"
            ? "Isi berkas tidak cocok dengan yang ditandatangani: berkas telah diubah"
            : Tampil.Perubahan(s.ModificationsAfter) + (s.DisallowedModification ? " — tidak diizinkan" : "");
}
