using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Revocation;

/// <summary>
/// RFC 5280 §4.2.1.10 name constraints of a CA certificate, applied to every certificate below it in a path:
/// directoryName (the subject and subjectAltName directory names must begin with the subtree's RDNs), dNSName
/// and rfc822Name (SAN entries and the subject's emailAddress). A constraint of a form not implemented here (URI,
/// IP address, other names) refuses any certificate that carries a name of that form, never accepts it.
/// </summary>
internal sealed class NameConstraints
{
    private const string Oid = "2.5.29.30";
    private const string SanOid = "2.5.29.17";
    private const string EmailAttribute = "1.2.840.113549.1.9.1";

    private readonly List<(int Tag, byte[] Value)> _permitted = new();
    private readonly List<(int Tag, byte[] Value)> _excluded = new();

    /// <summary>The certificate's name constraints, or null when it has none. Throws <see cref="AsnContentException"/> on a malformed extension.</summary>
    public static NameConstraints? Of(X509Certificate2 ca)
    {
        var ext = ca.Extensions[Oid];
        if (ext is null) return null;
        var nc = new NameConstraints();
        var seq = new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadSequence();
        while (seq.HasData)
        {
            var tag = seq.PeekTag();
            var target = tag.TagValue == 0 ? nc._permitted : tag.TagValue == 1 ? nc._excluded : throw new AsnContentException("unknown NameConstraints field");
            var subtrees = seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue));
            while (subtrees.HasData)
            {
                var subtree = subtrees.ReadSequence();
                var baseTag = subtree.PeekTag();
                var encoded = subtree.ReadEncodedValue().ToArray();
                target.Add((baseTag.TagClass == TagClass.ContextSpecific ? baseTag.TagValue : -1, encoded));
                // minimum/maximum: RFC 5280 says they are not used (minimum 0, no maximum); anything else is refused.
                if (subtree.HasData) throw new AsnContentException("GeneralSubtree minimum/maximum are not supported");
            }
        }
        return nc;
    }

    /// <summary>Null when <paramref name="cert"/>'s names satisfy the constraints; otherwise why not (Bahasa Indonesia).</summary>
    public string? Check(X509Certificate2 cert)
    {
        var names = NamesOf(cert);
        foreach (var (tag, value) in names)
        {
            foreach (var (etag, ebase) in _excluded)
            {
                if (etag != tag) continue;
                if (Matches(tag, value, ebase, out bool supported1)) return $"nama {Describe(tag, value)} termasuk yang dikecualikan name constraints";
                if (!supported1) return $"name constraints jenis {tag} tidak didukung";
            }
            var permittedOfType = _permitted.Where(p => p.Tag == tag).ToList();
            if (permittedOfType.Count == 0) continue;
            bool ok = false;
            foreach (var (_, pbase) in permittedOfType)
            {
                if (Matches(tag, value, pbase, out bool supported2)) { ok = true; break; }
                if (!supported2) return $"name constraints jenis {tag} tidak didukung";
            }
            if (!ok) return $"nama {Describe(tag, value)} di luar yang diizinkan name constraints";
        }
        return null;
    }

    /// <summary>The certificate's names by GeneralName tag: 4 directoryName (encoded Name), 2 dNSName, 1 rfc822Name (ASCII), others raw.</summary>
    private static List<(int Tag, byte[] Value)> NamesOf(X509Certificate2 cert)
    {
        var names = new List<(int, byte[])>();
        var subject = cert.SubjectName.RawData;
        if (RdnCount(subject) > 0) names.Add((4, subject));
        foreach (var email in EmailAttributes(subject)) names.Add((1, System.Text.Encoding.ASCII.GetBytes(email)));
        if (cert.Extensions[SanOid] is { } san)
        {
            var gn = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
            while (gn.HasData)
            {
                var tag = gn.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific) { gn.ReadEncodedValue(); continue; }
                switch (tag.TagValue)
                {
                    case 1 or 2 or 6:
                        names.Add((tag.TagValue, gn.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue))));
                        break;
                    case 4:
                        var inner = gn.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true));
                        names.Add((4, inner.ReadEncodedValue().ToArray()));
                        break;
                    default:
                        names.Add((tag.TagValue, gn.ReadEncodedValue().ToArray()));
                        break;
                }
            }
        }
        return names;
    }

    private static bool Matches(int tag, byte[] name, byte[] encodedBase, out bool supported)
    {
        supported = true;
        switch (tag)
        {
            case 4:
            {
                var baseName = new AsnReader(encodedBase, AsnEncodingRules.DER).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)).ReadEncodedValue().ToArray();
                var b = Rdns(baseName);
                var n = Rdns(name);
                if (b.Count > n.Count) return false;
                for (int i = 0; i < b.Count; i++)
                    if (!b[i].AsSpan().SequenceEqual(n[i]) && !string.Equals(RdnText(b[i]), RdnText(n[i]), StringComparison.OrdinalIgnoreCase)) return false;
                return true;
            }
            case 2:
            {
                string c = Ia5(encodedBase, 2), v = System.Text.Encoding.ASCII.GetString(name);
                if (c.Length == 0) return true;
                if (c.StartsWith('.')) return v.EndsWith(c, StringComparison.OrdinalIgnoreCase);
                return string.Equals(v, c, StringComparison.OrdinalIgnoreCase) || v.EndsWith("." + c, StringComparison.OrdinalIgnoreCase);
            }
            case 1:
            {
                string c = Ia5(encodedBase, 1), v = System.Text.Encoding.ASCII.GetString(name);
                if (c.Contains('@')) return string.Equals(v, c, StringComparison.OrdinalIgnoreCase);
                int at = v.LastIndexOf('@');
                string host = at >= 0 ? v[(at + 1)..] : v;
                if (c.StartsWith('.')) return host.EndsWith(c, StringComparison.OrdinalIgnoreCase);
                return string.Equals(host, c, StringComparison.OrdinalIgnoreCase);
            }
            default:
                supported = false;
                return false;
        }
    }

    private static string Ia5(byte[] encoded, int tag) =>
        new AsnReader(encoded, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, tag));

    private static List<byte[]> Rdns(byte[] name)
    {
        var list = new List<byte[]>();
        var seq = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
        while (seq.HasData) list.Add(seq.ReadEncodedValue().ToArray());
        return list;
    }

    private static int RdnCount(byte[] name) => Rdns(name).Count;

    private static string RdnText(byte[] rdn)
    {
        try
        {
            // Wrap the single RDN in a Name to let the platform decode its strings.
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence()) w.WriteEncodedValue(rdn);
            return new X500DistinguishedName(w.Encode()).Name.Trim();
        }
        catch (Exception e) when (e is AsnContentException or System.Security.Cryptography.CryptographicException) { return Convert.ToHexString(rdn); }
    }

    private static IEnumerable<string> EmailAttributes(byte[] name)
    {
        var result = new List<string>();
        foreach (var rdn in Rdns(name))
        {
            var set = new AsnReader(rdn, AsnEncodingRules.DER).ReadSetOf();
            while (set.HasData)
            {
                var atv = set.ReadSequence();
                if (atv.ReadObjectIdentifier() == EmailAttribute && atv.HasData)
                {
                    try { result.Add(atv.ReadCharacterString(UniversalTagNumber.IA5String)); }
                    catch (AsnContentException) { }
                }
            }
        }
        return result;
    }

    private static string Describe(int tag, byte[] value) => tag switch
    {
        4 => new X500DistinguishedName(value).Name,
        1 or 2 or 6 => System.Text.Encoding.ASCII.GetString(value),
        _ => $"jenis {tag}",
    };
}
