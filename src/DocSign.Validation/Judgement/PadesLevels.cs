using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;
using DocSign.Validation.Revocation;

using DocSign.Validation.Evidence;

namespace DocSign.Validation.Judgement;

/// <summary>The PAdES level a signature reached: which structures are present and cryptographically sound (trust in them is judged by the <see cref="PolicyJudge"/>).</summary>
internal static class PadesLevels
{
    /// <summary>The level of signature <paramref name="e"/> among <paramref name="all"/> entries of the file.</summary>
    public static PadesLevelReached Reached(SignatureEvidence e, List<SignatureEvidence> all, EmbeddedRevocation dss, List<int> dssRevisions)
    {
        var c = e.CmsCheck;
        // Level reached.
        // The level says which structures are present and cryptographically sound; trust in them is judged above.
        bool hasT = e.Timestamp is { CryptoValid: true } || all.Any(d => d.Field.IsDocTimestamp && d.Timestamp is { CryptoValid: true } && d.Field.Revision > e.Field.Revision);
        int dssRevision = dssRevisions.Where(d => d > e.Field.Revision).DefaultIfEmpty(-1).First();
        bool hasLt = hasT && dssRevision > e.Field.Revision && c?.SignerCertificate is { } sc && DssCovers(dss, sc);
        bool hasLta = hasLt && all.Any(d => d.Field.IsDocTimestamp && d.Timestamp is { CryptoValid: true } && d.Field.Revision >= dssRevision && d.Field.Revision > e.Field.Revision);
        return hasLta ? PadesLevelReached.BLTA : hasLt ? PadesLevelReached.BLT : hasT ? PadesLevelReached.BT : PadesLevelReached.BB;
    }

    private static bool DssCovers(EmbeddedRevocation dss, X509Certificate2 cert)
    {
        foreach (var (o, _) in dss.Ocsps)
            if (o.Responses.Any(s => Asn1Util.SameInteger(s.Serial, cert.SerialNumberBytes.Span))) return true;
        foreach (var (c, _) in dss.Crls)
            if (c.Issuer.AsSpan().SequenceEqual(cert.IssuerName.RawData)) return true;
        return false;
    }
}
