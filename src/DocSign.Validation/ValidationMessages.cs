using System.Globalization;
using System.Text;

namespace DocSign.Validation;

/// <summary>
/// Stable identifiers of the findings the validation policy judges. Programs (and tests) compare keys; people read
/// the Indonesian text from <see cref="ValidationMessages"/>, which can then be reworded without breaking anything.
/// </summary>
public enum MessageKey
{
    /// <summary>A weak or out-of-policy algorithm (SHA-1, RSA under 2048 bits, an ECDSA curve outside the policy).</summary>
    WeakAlgorithm,
    /// <summary>A CAdES signature without the signing-certificate-v2 attribute.</summary>
    MissingSigningCertificateAttribute,
    /// <summary>The signature timestamp does not verify and is not used.</summary>
    InvalidSignatureTimestamp,
    /// <summary>A document timestamp whose TSA certificate lacks the timeStamping extended key usage.</summary>
    DocumentTimestampWithoutTimestampingUsage,
    /// <summary>A certification signature allowing no changes (DocMDP P=1) was followed by a change.</summary>
    ChangedAfterNoChangesCertification,
    /// <summary>A change after signing that the modification policy does not allow; argument: the change.</summary>
    DisallowedModification,
    /// <summary>Form fields were filled in after an approval signature (no certification allowing it).</summary>
    FormFilledAfterSigning,
    /// <summary>The allowed changes made after the signature; argument: their list.</summary>
    AllowedModifications,
    /// <summary>The signer's claimed time (/M) is later than the proven timestamp; arguments: claimed, proven.</summary>
    ClaimedTimeAfterTimestamp,
    /// <summary>The signer's claimed time (/M) lies outside the certificate's validity; argument: claimed.</summary>
    ClaimedTimeOutsideCertificate,
    /// <summary>A signature without signed attributes (adbe.pkcs7.detached): its only time is the unproven /M.</summary>
    NoSignedAttributes,
    /// <summary>The certification path fails its certificate policy processing (RFC 5280 §6.1: requireExplicitPolicy,
    /// inhibited policy mapping or anyPolicy); argument: the detail. INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE.</summary>
    CertificatePolicyConstraintsFailure,
    /// <summary>Document verdict INVALID.</summary>
    VerdictInvalid,
    /// <summary>Document verdict INDETERMINATE because it holds only document timestamps.</summary>
    VerdictOnlyDocumentTimestamps,
    /// <summary>Document verdict INDETERMINATE.</summary>
    VerdictIndeterminate,
    /// <summary>Document verdict VALID.</summary>
    VerdictValid,
}

/// <summary>The Indonesian text of every <see cref="MessageKey"/>, in one place.</summary>
public static class ValidationMessages
{
    private static readonly Dictionary<MessageKey, string> Texts = new()
    {
        [MessageKey.WeakAlgorithm] = "algoritma lemah (SHA-1, kunci RSA < 2048 bit atau kurva ECDSA di luar kebijakan) tidak lagi diterima",
        [MessageKey.MissingSigningCertificateAttribute] = "atribut signing-certificate-v2 tidak ada (wajib untuk PAdES)",
        [MessageKey.InvalidSignatureTimestamp] = "stempel waktu tanda tangan tidak sah dan tidak dipakai",
        [MessageKey.DocumentTimestampWithoutTimestampingUsage] = "sertifikat penerbit stempel waktu dokumen tidak diizinkan untuk stempel waktu (EKU timeStamping tidak ada)",
        [MessageKey.ChangedAfterNoChangesCertification] = "dokumen bersertifikat tanpa izin perubahan (DocMDP P=1), namun diubah setelahnya",
        [MessageKey.DisallowedModification] = "perubahan tidak diizinkan: {0}",
        [MessageKey.FormFilledAfterSigning] = "isi kolom formulir diubah setelah penandatanganan: tampilan dokumen tidak lagi sama dengan yang ditandatangani",
        [MessageKey.AllowedModifications] = "perubahan yang diizinkan setelah tanda tangan: {0}",
        [MessageKey.ClaimedTimeAfterTimestamp] = "waktu penandatanganan yang diklaim (/M {0:u}) lebih lambat dari stempel waktu ({1:u}): klaim waktu tidak dapat dipercaya",
        [MessageKey.ClaimedTimeOutsideCertificate] = "waktu penandatanganan yang diklaim (/M {0:u}) di luar masa berlaku sertifikat penanda tangan; yang menentukan adalah waktu yang terbukti",
        [MessageKey.NoSignedAttributes] = "tanda tangan tanpa atribut bertanda tangan (adbe.pkcs7.detached): digest dihitung langsung atas byte yang ditandatangani, dan waktu /M hanya klaim penanda tangan tanpa stempel waktu",
        [MessageKey.CertificatePolicyConstraintsFailure] = "rantai sertifikat tidak memenuhi batasan kebijakan sertifikat (certificate policies): {0}",
        [MessageKey.VerdictInvalid] = "TIDAK SAH: sedikitnya satu tanda tangan gagal diverifikasi atau dokumen diubah setelah ditandatangani",
        [MessageKey.VerdictOnlyDocumentTimestamps] = "TIDAK DAPAT DIPASTIKAN: dokumen hanya memuat stempel waktu dokumen, tanpa tanda tangan",
        [MessageKey.VerdictIndeterminate] = "TIDAK DAPAT DIPASTIKAN: tanda tangan utuh, tetapi sedikitnya satu pemeriksaan (rantai sertifikat, pencabutan, algoritma) tidak dapat diselesaikan",
        [MessageKey.VerdictValid] = "SAH: semua tanda tangan terverifikasi dan tidak ada perubahan yang mengubah tampilan dokumen setelah ditandatangani",
    };

    /// <summary>The Indonesian text for <paramref name="key"/>, with its arguments filled in.</summary>
    public static string Text(MessageKey key, params object?[] args)
    {
        var format = Texts[key];
        return args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
    }

    /// <summary>The contract spelling of a key in reports (upper snake case, e.g. FORM_FILLED_AFTER_SIGNING).</summary>
    public static string Name(MessageKey key)
    {
        var s = key.ToString();
        var sb = new StringBuilder(s.Length + 8);
        for (int i = 0; i < s.Length; i++)
        {
            if (i > 0 && char.IsUpper(s[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(s[i]));
        }
        return sb.ToString();
    }

    /// <summary>Every key has a text: checked by a test so a new key cannot ship without one.</summary>
    internal static bool HasText(MessageKey key) => Texts.ContainsKey(key);
}
