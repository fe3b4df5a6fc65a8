using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;

namespace DocSign.Validation.Revocation;

/// <summary>Why a certification path could not be accepted.</summary>
internal enum PathProblem { None, NoPath, NotTimeValid, Constraints, Usage, Policy }

/// <summary>
/// Builds and checks a certification path from an end certificate to one of the configured anchors (RFC 5280
/// §6, the parts signatures need): issuer by name and verified signature, validity at the validation time,
/// basicConstraints cA and pathLenConstraint, keyUsage keyCertSign for issuers, a required EKU for the end
/// certificate, name constraints, certificate policies and their constraints, and no unknown critical extension. Written here rather than using X509Chain because on Linux
/// X509Chain loads the whole system trust store on every process start (~80 ms of a 150 ms verification),
/// which the anchors-only validation never needs.
/// </summary>
internal static class PathBuilder
{
    private const int MaxDepth = 8;

    private static readonly HashSet<string> KnownCritical = new(StringComparer.Ordinal)
    {
        "2.5.29.15", // keyUsage
        "2.5.29.19", // basicConstraints
        "2.5.29.37", // extKeyUsage
        "2.5.29.17", // subjectAltName
        "2.5.29.32", // certificatePolicies
        "2.5.29.36", // policyConstraints (enforced below)
        "2.5.29.33", // policyMappings (enforced below)
        "2.5.29.54", // inhibitAnyPolicy (enforced below)
        "2.5.29.35", // authorityKeyIdentifier
        "2.5.29.14", // subjectKeyIdentifier
        "2.5.29.31", // cRLDistributionPoints
        "2.5.29.30", // nameConstraints (enforced below)
        "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
        "1.3.6.1.5.5.7.1.3", // qcStatements
        Oids.OcspNoCheck,
    };

    public sealed record Result(List<X509Certificate2> Chain, PathProblem Problem, string? Message);

    // checkTime: off for `extend`, which exists precisely to outlive validity periods.
    // initialPolicies: RFC 5280's user-initial-policy-set; null is any-policy (DocSign's default requires no particular
    // policy). initialExplicitPolicy: the path must be valid for one of them even where no CA demands it.
    public static Result Build(X509Certificate2 leaf, IEnumerable<X509Certificate2> pool, X509Certificate2Collection anchors,
        DateTimeOffset time, string? requiredEku, bool checkTime = true, IReadOnlyCollection<string>? initialPolicies = null,
        bool initialExplicitPolicy = false)
    {
        var anchorList = anchors.Cast<X509Certificate2>().ToList();
        var candidates = anchorList.Concat(pool).GroupBy(c => c.Thumbprint).Select(g => g.First()).ToList();
        var path = new List<X509Certificate2> { leaf };
        string? why = null;
        if (!Extend(path, candidates, anchorList, ref why))
            return new Result(path, PathProblem.NoPath, why ?? $"penerbit {leaf.Issuer} tidak ditemukan di antara sertifikat tepercaya");

        for (int i = 0; i < path.Count; i++)
        {
            var c = path[i];
            bool isAnchor = i == path.Count - 1;
            if (checkTime && (time.UtcDateTime < c.NotBefore.ToUniversalTime() || time.UtcDateTime > c.NotAfter.ToUniversalTime()))
                return new Result(path, PathProblem.NotTimeValid,
                    $"sertifikat {c.GetNameInfo(X509NameType.SimpleName, false)} tidak berlaku pada {time:yyyy-MM-dd HH:mm:ss} UTC (berlaku {c.NotBefore.ToUniversalTime():yyyy-MM-dd} s.d. {c.NotAfter.ToUniversalTime():yyyy-MM-dd})");
            foreach (var ext in c.Extensions)
                if (ext.Critical && ext.Oid?.Value is { } oid && !KnownCritical.Contains(oid))
                    return new Result(path, PathProblem.Constraints, $"sertifikat {c.GetNameInfo(X509NameType.SimpleName, false)} memuat ekstensi kritis yang tidak dikenal ({oid})");
            if (i == 0) continue;
            // An issuer: must be a CA allowed to sign certificates, with room for the CAs below it.
            var bc = c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (bc is null ? !(isAnchor && c.Version < 3) : !bc.CertificateAuthority)
                return new Result(path, PathProblem.Constraints, $"{c.GetNameInfo(X509NameType.SimpleName, false)} bukan CA (basicConstraints)");
            if (bc is { HasPathLengthConstraint: true } && i - 1 > bc.PathLengthConstraint)
                return new Result(path, PathProblem.Constraints, $"batas panjang rantai (pathLen) {c.GetNameInfo(X509NameType.SimpleName, false)} terlampaui");
            var ku = c.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (ku is not null && (ku.KeyUsages & X509KeyUsageFlags.KeyCertSign) == 0)
                return new Result(path, PathProblem.Constraints, $"{c.GetNameInfo(X509NameType.SimpleName, false)} tidak boleh menerbitkan sertifikat (keyUsage)");
        }
        // Name constraints of every CA in the path (the anchor's too, as OpenSSL applies them) bind each certificate
        // below it; a self-issued intermediate is exempt (RFC 5280 §6.1.3 (b)), the end certificate never is.
        for (int i = 1; i < path.Count; i++)
        {
            NameConstraints? nc;
            try { nc = NameConstraints.Of(path[i]); }
            catch (System.Formats.Asn1.AsnContentException)
            {
                return new Result(path, PathProblem.Constraints, $"name constraints sertifikat {path[i].GetNameInfo(X509NameType.SimpleName, false)} rusak atau tidak didukung");
            }
            if (nc is null) continue;
            for (int j = 0; j < i; j++)
            {
                if (j > 0 && path[j].SubjectName.RawData.AsSpan().SequenceEqual(path[j].IssuerName.RawData)) continue;
                if (nc.Check(path[j]) is { } violation)
                    return new Result(path, PathProblem.Constraints, $"sertifikat {path[j].GetNameInfo(X509NameType.SimpleName, false)} melanggar name constraints {path[i].GetNameInfo(X509NameType.SimpleName, false)}: {violation}");
            }
        }
        // Certificate policies (RFC 5280 §6.1): with any-policy as the initial set this only fails a path whose CAs
        // demand explicit policies (requireExplicitPolicy) the certificates below do not carry, or whose mappings
        // or anyPolicy are inhibited where the path relies on them.
        if (CertificatePolicyCheck.Check(path, initialPolicies, initialExplicitPolicy) is { } policyProblem)
            return new Result(path, PathProblem.Policy, policyProblem);
        var leafKu = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (leafKu is not null && (leafKu.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            return new Result(path, PathProblem.Usage, $"sertifikat {leaf.GetNameInfo(X509NameType.SimpleName, false)} tidak boleh dipakai untuk tanda tangan (keyUsage)");
        if (requiredEku is not null)
        {
            var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null || !eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == requiredEku))
                return new Result(path, PathProblem.Usage, $"sertifikat {leaf.GetNameInfo(X509NameType.SimpleName, false)} tidak memiliki EKU {requiredEku}");
        }
        return new Result(path, PathProblem.None, null);
    }

    private static bool Extend(List<X509Certificate2> path, List<X509Certificate2> candidates, List<X509Certificate2> anchors, ref string? why)
    {
        var current = path[^1];
        if (anchors.Any(a => a.RawData.AsSpan().SequenceEqual(current.RawData))) return true;
        if (path.Count > MaxDepth) { why = "rantai sertifikat terlalu panjang"; return false; }
        bool nameMatched = false;
        foreach (var issuer in candidates)
        {
            if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData)) continue;
            if (path.Any(p => p.RawData.AsSpan().SequenceEqual(issuer.RawData)) && !anchors.Contains(issuer)) continue; // no loops
            if (ReferenceEquals(issuer, current) || issuer.RawData.AsSpan().SequenceEqual(current.RawData)) continue;
            nameMatched = true;
            if (!RawSignature.Issued(issuer, current)) continue;
            path.Add(issuer);
            if (Extend(path, candidates, anchors, ref why)) return true;
            path.RemoveAt(path.Count - 1);
        }
        if (nameMatched) why ??= $"tanda tangan pada sertifikat {current.GetNameInfo(X509NameType.SimpleName, false)} tidak dapat diverifikasi dengan kunci penerbitnya";
        return false;
    }
}
