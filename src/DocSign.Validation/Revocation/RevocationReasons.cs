using System.Formats.Asn1;

namespace DocSign.Validation.Revocation;

/// <summary>
/// The CRLReason of RFC 5280 §5.3.1 (in a CRL entry's reasonCode extension and in OCSP's RevokedInfo), read
/// leniently (an unreadable reason is no reason, never a failed status) and said in Bahasa Indonesia, so that a
/// refused signer and an auditor hear why a certificate was revoked, not only when.
/// </summary>
internal static class RevocationReasons
{
    private const string ReasonCodeOid = "2.5.29.21";

    /// <summary>The ENUMERATED CRLReason that <paramref name="r"/> holds next, or null.</summary>
    public static int? Read(AsnReader r)
    {
        try
        {
            var bytes = r.ReadEnumeratedBytes().Span;
            return bytes.Length is 1 or 2 && (bytes.Length == 1 || bytes[0] == 0) ? bytes[^1] : null;
        }
        catch (AsnContentException) { return null; }
    }

    /// <summary>The reasonCode of a CRL entry's extensions, or null.</summary>
    public static int? FromExtensions(AsnReader extensions)
    {
        try
        {
            while (extensions.HasData)
            {
                var ext = extensions.ReadSequence();
                if (ext.ReadObjectIdentifier() != ReasonCodeOid) continue;
                if (ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) ext.ReadBoolean();
                return Read(new AsnReader(ext.ReadOctetString(), AsnEncodingRules.DER));
            }
        }
        catch (AsnContentException) { }
        return null;
    }

    /// <summary>" dengan alasan: …" for a stated reason, "" for none or unspecified.</summary>
    public static string Because(int? reason) => reason switch
    {
        1 => " dengan alasan: kunci privat bocor (keyCompromise)",
        2 => " dengan alasan: kunci CA bocor (cACompromise)",
        3 => " dengan alasan: pemegang berpindah instansi atau jabatan (affiliationChanged)",
        4 => " dengan alasan: sertifikat sudah diganti (superseded)",
        5 => " dengan alasan: pemegang tidak lagi menjabat (cessationOfOperation)",
        6 => " dengan alasan: sertifikat ditangguhkan (certificateHold)",
        9 => " dengan alasan: kewenangan pemegang ditarik (privilegeWithdrawn)",
        10 => " dengan alasan: otoritas atribut bocor (aACompromise)",
        _ => "",
    };
}
