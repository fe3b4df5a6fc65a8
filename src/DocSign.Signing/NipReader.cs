using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace DocSign.Signing;

/// <summary>
/// Finds an Indonesian civil-servant number (NIP, 18 digits) in a certificate subject. Issuers put it in
/// different places (serialNumber attribute, "NIP" prefix, inside the CN), so every attribute is looked at,
/// serialNumber first. The one NIP reader of the engine: the signer's stamp and the verifier's report read the
/// same NIP from the same certificate.
/// </summary>
internal static partial class NipReader
{
    [GeneratedRegex(@"(?<!\d)(\d{8})\s?(\d{6})\s?(\d)\s?(\d{3})(?!\d)")]
    private static partial Regex NipPattern();

    public static string? Read(X509Certificate2 cert)
    {
        var values = new List<(string Oid, string Value)>();
        try
        {
            foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
            {
                if (rdn.HasMultipleElements)
                {
                    // Multi-valued RDN: read each AttributeTypeAndValue from the DER.
                    var set = new AsnReader(rdn.RawData, AsnEncodingRules.DER).ReadSetOf(true);
                    while (set.HasData)
                    {
                        var atv = set.ReadSequence();
                        var oid = atv.ReadObjectIdentifier();
                        var tag = atv.PeekTag();
                        if (tag.TagClass == TagClass.Universal && !tag.IsConstructed && tag.TagValue is 12 or 19 or 22 or 20 or 30)
                            values.Add((oid, atv.ReadCharacterString((UniversalTagNumber)tag.TagValue)));
                    }
                    continue;
                }
                var v = rdn.GetSingleElementValue();
                if (v is not null) values.Add((rdn.GetSingleElementType().Value ?? "", v));
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
        foreach (var (oid, v) in values.OrderBy(x => x.Oid == Oids.SerialNumber ? 0 : 1))
        {
            var m = NipPattern().Match(v);
            if (m.Success) return m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value + m.Groups[4].Value;
        }
        return null;
    }
}
