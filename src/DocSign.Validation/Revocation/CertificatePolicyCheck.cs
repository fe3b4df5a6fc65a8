using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Revocation;

/// <summary>
/// RFC 5280 §6.1 certificate policy processing over a built path: the valid_policy_tree with certificatePolicies,
/// policyMappings, policyConstraints (requireExplicitPolicy, inhibitPolicyMapping) and inhibitAnyPolicy, the
/// explicit_policy, policy_mapping and inhibit_anyPolicy counters and the wrap-up intersection with the
/// user-initial-policy-set. The trust anchor is an input, not part of the path (as in RFC 5280 and OpenSSL), so
/// its own policy extensions are not processed. Policy qualifiers are never used for a decision and are skipped.
/// </summary>
internal static class CertificatePolicyCheck
{
    internal const string AnyPolicy = "2.5.29.32.0";
    private const string PoliciesOid = "2.5.29.32";
    private const string MappingsOid = "2.5.29.33";
    private const string ConstraintsOid = "2.5.29.36";
    private const string InhibitAnyOid = "2.5.29.54";

    private sealed class Node(string policy, Node? parent)
    {
        public string Policy { get; } = policy;
        public Node? Parent { get; } = parent;
        public HashSet<string> Expected { get; set; } = new(StringComparer.Ordinal) { policy };
        public List<Node> Children { get; } = new();
    }

    /// <summary>
    /// Null when the path satisfies its policy constraints; otherwise why not (Bahasa Indonesia).
    /// </summary>
    /// <param name="pathToAnchor">End certificate first, the trust anchor last.</param>
    /// <param name="initialPolicies">The user-initial-policy-set; null or empty means any-policy.</param>
    /// <param name="initialExplicitPolicy">initial-explicit-policy: the path must be valid for some policy.</param>
    /// <param name="initialMappingInhibit">initial-policy-mapping-inhibit.</param>
    /// <param name="initialAnyPolicyInhibit">initial-any-policy-inhibit.</param>
    public static string? Check(IReadOnlyList<X509Certificate2> pathToAnchor, IReadOnlyCollection<string>? initialPolicies = null,
        bool initialExplicitPolicy = false, bool initialMappingInhibit = false, bool initialAnyPolicyInhibit = false)
    {
        // Processing order: from the certificate the anchor issued down to the end certificate.
        var certs = pathToAnchor.Take(pathToAnchor.Count - 1).Reverse().ToList();
        int n = certs.Count;
        if (n == 0) return null;
        Node? root = new(AnyPolicy, null);
        var levels = new List<List<Node>> { new() { root } };
        int explicitPolicy = initialExplicitPolicy ? 0 : n + 1;
        int inhibitAny = initialAnyPolicyInhibit ? 0 : n + 1;
        int policyMapping = initialMappingInhibit ? 0 : n + 1;

        for (int i = 1; i <= n; i++)
        {
            var cert = certs[i - 1];
            string who = cert.GetNameInfo(X509NameType.SimpleName, false);
            bool selfIssued = cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData);
            List<string>? policies;
            List<(string IssuerDomain, string SubjectDomain)>? mappings;
            (int? RequireExplicit, int? InhibitMapping)? constraints;
            int? inhibitAnyValue;
            try
            {
                policies = ReadPolicies(cert);
                mappings = ReadMappings(cert);
                constraints = ReadConstraints(cert);
                inhibitAnyValue = ReadInhibitAny(cert);
            }
            catch (AsnContentException)
            {
                return $"ekstensi kebijakan sertifikat (certificate policies) pada {who} rusak";
            }

            var level = new List<Node>();
            levels.Add(level);
            if (policies is not null && root is not null)
            {
                var parents = levels[i - 1];
                // (d)(1): each asserted policy joins the nodes that expect it, or else hangs under an anyPolicy node.
                foreach (var p in policies.Where(p => p != AnyPolicy))
                {
                    bool matched = false;
                    foreach (var parent in parents.Where(x => x.Expected.Contains(p)))
                    {
                        AddChild(parent, p, level);
                        matched = true;
                    }
                    if (!matched)
                        foreach (var parent in parents.Where(x => x.Policy == AnyPolicy))
                            AddChild(parent, p, level);
                }
                // (d)(2): anyPolicy in the certificate stands for every expected policy not already matched, unless inhibited.
                if (policies.Contains(AnyPolicy) && (inhibitAny > 0 || (i < n && selfIssued)))
                {
                    foreach (var parent in parents)
                        foreach (var expected in parent.Expected)
                            if (!parent.Children.Any(c => c.Policy == expected))
                                AddChild(parent, expected, level);
                }
                root = Prune(root, levels, i);
            }
            else
            {
                // (e): a certificate without certificatePolicies ends the tree.
                root = null;
            }
            if (root is null) foreach (var l in levels) l.Clear();
            // (f)
            if (explicitPolicy <= 0 && root is null)
                return $"rantai sertifikat tidak memenuhi kebijakan sertifikat yang diwajibkan (requireExplicitPolicy): {who} tidak menegaskan kebijakan yang sah untuk rantai ini";

            if (i == n) break;

            // Preparation for the next certificate (§6.1.4).
            if (mappings is not null)
            {
                if (mappings.Any(m => m.IssuerDomain == AnyPolicy || m.SubjectDomain == AnyPolicy))
                    return $"policyMappings pada {who} memetakan dari atau ke anyPolicy";
                if (root is not null)
                {
                    foreach (var issuerDomain in mappings.Select(m => m.IssuerDomain).Distinct(StringComparer.Ordinal))
                    {
                        var subjects = mappings.Where(m => m.IssuerDomain == issuerDomain).Select(m => m.SubjectDomain).ToHashSet(StringComparer.Ordinal);
                        var nodes = level.Where(x => x.Policy == issuerDomain).ToList();
                        if (policyMapping > 0)
                        {
                            if (nodes.Count > 0)
                                foreach (var node in nodes) node.Expected = subjects;
                            else if (level.FirstOrDefault(x => x.Policy == AnyPolicy) is { Parent: { } anyParent })
                            {
                                var created = AddChild(anyParent, issuerDomain, level);
                                created.Expected = subjects;
                            }
                        }
                        else
                        {
                            // (b)(2): mapping inhibited: the mapped policy's nodes go.
                            foreach (var node in nodes)
                            {
                                node.Parent!.Children.Remove(node);
                                level.Remove(node);
                            }
                        }
                    }
                    root = Prune(root, levels, i);
                    if (root is null) foreach (var l in levels) l.Clear();
                }
            }
            // (h)
            if (!selfIssued)
            {
                if (explicitPolicy > 0) explicitPolicy--;
                if (policyMapping > 0) policyMapping--;
                if (inhibitAny > 0) inhibitAny--;
            }
            // (i), (j)
            if (constraints is { } pc)
            {
                if (pc.RequireExplicit is { } r && r < explicitPolicy) explicitPolicy = r;
                if (pc.InhibitMapping is { } m && m < policyMapping) policyMapping = m;
            }
            if (inhibitAnyValue is { } ia && ia < inhibitAny) inhibitAny = ia;
        }

        // Wrap-up (§6.1.5).
        var leaf = certs[^1];
        if (explicitPolicy > 0) explicitPolicy--;
        try
        {
            if (ReadConstraints(leaf) is { RequireExplicit: 0 }) explicitPolicy = 0;
        }
        catch (AsnContentException) { return "ekstensi policyConstraints sertifikat penanda tangan rusak"; }

        if (root is not null && initialPolicies is { Count: > 0 } wanted && !wanted.Contains(AnyPolicy))
        {
            // (g)(iii): keep only the branches whose policy the relying party accepts.
            var validSet = levels.Skip(1).SelectMany(l => l).Where(x => x.Parent?.Policy == AnyPolicy).ToList();
            foreach (var node in validSet.Where(x => x.Policy != AnyPolicy && !wanted.Contains(x.Policy)))
                Remove(node, levels);
            var leafLevel = levels[n];
            if (leafLevel.FirstOrDefault(x => x.Policy == AnyPolicy) is { Parent: { } anyParent } anyLeaf)
            {
                foreach (var p in wanted.Where(p => !validSet.Any(x => x.Policy == p)))
                    AddChild(anyParent, p, leafLevel);
                Remove(anyLeaf, levels);
            }
            root = Prune(root, levels, n);
        }
        if (explicitPolicy <= 0 && root is null)
            return initialPolicies is { Count: > 0 } && !initialPolicies.Contains(AnyPolicy)
                ? "rantai sertifikat tidak berlaku untuk kebijakan sertifikat yang disyaratkan"
                : "rantai sertifikat tidak memenuhi kebijakan sertifikat yang diwajibkan (requireExplicitPolicy): tidak ada kebijakan yang sah untuk seluruh rantai";
        return null;
    }

    private static Node AddChild(Node parent, string policy, List<Node> level)
    {
        var child = new Node(policy, parent);
        parent.Children.Add(child);
        level.Add(child);
        return child;
    }

    private static void Remove(Node node, List<List<Node>> levels)
    {
        node.Parent?.Children.Remove(node);
        var stack = new Stack<Node>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            foreach (var l in levels) l.Remove(x);
            foreach (var c in x.Children) stack.Push(c);
        }
    }

    /// <summary>Removes childless nodes above <paramref name="depth"/>, bottom up; null when the root itself goes.</summary>
    private static Node? Prune(Node root, List<List<Node>> levels, int depth)
    {
        for (int d = depth - 1; d >= 0; d--)
        {
            foreach (var node in levels[d].Where(x => x.Children.Count == 0).ToList())
            {
                levels[d].Remove(node);
                node.Parent?.Children.Remove(node);
            }
        }
        return levels[0].Count == 0 ? null : root;
    }

    private static X509Extension? Ext(X509Certificate2 cert, string oid)
    {
        X509Extension? found = null;
        foreach (var e in cert.Extensions)
        {
            if (e.Oid?.Value != oid) continue;
            // RFC 5280 §4.2: an extension appears at most once; two that disagree cannot both be honoured.
            if (found is not null) throw new AsnContentException("duplicate extension");
            found = e;
        }
        return found;
    }

    /// <summary>The policy OIDs of certificatePolicies, or null without the extension. Throws on malformed or repeated OIDs.</summary>
    internal static List<string>? ReadPolicies(X509Certificate2 cert)
    {
        if (Ext(cert, PoliciesOid) is not { } ext) return null;
        var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var list = new List<string>();
        while (seq.HasData)
        {
            var info = seq.ReadSequence();
            var oid = info.ReadObjectIdentifier();
            if (info.HasData) info.ReadSequence(); // policyQualifiers: informative only
            info.ThrowIfNotEmpty();
            if (list.Contains(oid)) throw new AsnContentException("policy repeated");
            list.Add(oid);
        }
        if (list.Count == 0) throw new AsnContentException("empty certificatePolicies");
        return list;
    }

    private static List<(string, string)>? ReadMappings(X509Certificate2 cert)
    {
        if (Ext(cert, MappingsOid) is not { } ext) return null;
        var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var list = new List<(string, string)>();
        while (seq.HasData)
        {
            var m = seq.ReadSequence();
            list.Add((m.ReadObjectIdentifier(), m.ReadObjectIdentifier()));
            m.ThrowIfNotEmpty();
        }
        if (list.Count == 0) throw new AsnContentException("empty policyMappings");
        return list;
    }

    private static (int? RequireExplicit, int? InhibitMapping)? ReadConstraints(X509Certificate2 cert)
    {
        if (Ext(cert, ConstraintsOid) is not { } ext) return null;
        var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        int? require = null, inhibit = null;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            require = SkipCerts(seq, 0);
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            inhibit = SkipCerts(seq, 1);
        seq.ThrowIfNotEmpty();
        // RFC 5280 §4.2.1.11: conforming CAs must not issue an empty policyConstraints.
        if (require is null && inhibit is null) throw new AsnContentException("empty policyConstraints");
        return (require, inhibit);
    }

    private static int? ReadInhibitAny(X509Certificate2 cert)
    {
        if (Ext(cert, InhibitAnyOid) is not { } ext) return null;
        var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
        var value = reader.ReadInteger();
        reader.ThrowIfNotEmpty();
        if (value.Sign < 0) throw new AsnContentException("negative SkipCerts");
        return value > 64 ? 64 : (int)value;
    }

    private static int SkipCerts(AsnReader r, int tag)
    {
        var value = r.ReadInteger(new Asn1Tag(TagClass.ContextSpecific, tag));
        if (value.Sign < 0) throw new AsnContentException("negative SkipCerts");
        // Paths are at most a handful of certificates long: a larger count means "never within this path".
        return value > 64 ? 64 : (int)value;
    }
}
