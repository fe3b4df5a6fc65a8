using DocSign.Validation.Reports;
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Tests;

/// <summary>
/// Certificate policies in the certification path (RFC 5280 §6.1), checked against <c>openssl verify</c> on a PKI
/// generated here: root → CA 1 → CA 2 → signer, with certificatePolicies, policyConstraints, policyMappings and
/// inhibitAnyPolicy placed per case. DocSign's path check must accept exactly what OpenSSL accepts.
/// <para>
/// OpenSSL processes policies only when asked: plain <c>openssl verify</c> ignores a CA's requireExplicitPolicy
/// (<see cref="Plain_openssl_verify_skips_policy_processing"/> pins that). And <c>-policy_check</c> alone takes
/// the initial policy set as empty rather than RFC 5280's any-policy, so it refuses every path that requires an
/// explicit policy, even one asserting it. The comparison therefore runs <c>openssl verify -policy_check -policy
/// 2.5.29.32.0</c> (anyPolicy: the initial set DocSign uses), or <c>-policy OID</c> for a case with a required policy.
/// </para>
/// </summary>
public class PolicyConstraintsDifferentialTests
{
    private const string P1 = "2.16.360.1.99999.1.1";
    private const string P2 = "2.16.360.1.99999.1.2";
    private const string Any = "2.5.29.32.0";
    private const string OcspUrl = "http://127.0.0.1:9/ocsp";

    /// <summary>Extensions of one certificate of the generated path.</summary>
    public sealed record Exts(string[]? Policies = null, int? RequireExplicit = null, int? InhibitMapping = null,
        (string From, string To)[]? Mappings = null, int? InhibitAny = null, bool UnknownCritical = false);

    private static readonly Lazy<RSA[]> Keys = new(() => [RSA.Create(2048), RSA.Create(2048), RSA.Create(2048), RSA.Create(2048)]);

    private sealed record Pki(X509Certificate2 Root, X509Certificate2 Ca1, X509Certificate2 Ca2, X509Certificate2 Leaf);

    private static Pki Build(Exts ca1, Exts ca2, Exts leaf)
    {
        var k = Keys.Value;
        var now = DateTimeOffset.UtcNow;
        var rootReq = new CertificateRequest("CN=Root Uji Kebijakan, C=ID", k[0], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        CaExtensions(rootReq);
        var root = rootReq.CreateSelfSigned(now.AddDays(-2), now.AddYears(2));
        var ca1Cert = Issue("CN=CA Uji Kebijakan 1, C=ID", k[1], root, k[0], ca1, isCa: true, now);
        var ca2Cert = Issue("CN=CA Uji Kebijakan 2, C=ID", k[2], ca1Cert, k[1], ca2, isCa: true, now);
        var leafCert = Issue("CN=Budi Santoso, O=Kecamatan Kanigaran, C=ID", k[3], ca2Cert, k[2], leaf, isCa: false, now);
        return new Pki(root, ca1Cert, ca2Cert, leafCert);
    }

    private static void CaExtensions(CertificateRequest req)
    {
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
    }

    private static X509Certificate2 Issue(string subject, RSA key, X509Certificate2 issuer, RSA issuerKey, Exts e, bool isCa, DateTimeOffset now)
    {
        var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (isCa) CaExtensions(req);
        else
        {
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            // An OCSP address, so the revocation test can see whether the verifier would call it.
            req.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([OcspUrl], null));
        }
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (e.Policies is { } ps)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
                foreach (var p in ps) using (w.PushSequence()) w.WriteObjectIdentifier(p);
            req.CertificateExtensions.Add(new X509Extension("2.5.29.32", w.Encode(), false));
        }
        if (e.RequireExplicit is not null || e.InhibitMapping is not null)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                if (e.RequireExplicit is { } r) w.WriteInteger(r, new Asn1Tag(TagClass.ContextSpecific, 0));
                if (e.InhibitMapping is { } m) w.WriteInteger(m, new Asn1Tag(TagClass.ContextSpecific, 1));
            }
            req.CertificateExtensions.Add(new X509Extension("2.5.29.36", w.Encode(), true));
        }
        if (e.Mappings is { } maps)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
                foreach (var (from, to) in maps)
                    using (w.PushSequence()) { w.WriteObjectIdentifier(from); w.WriteObjectIdentifier(to); }
            req.CertificateExtensions.Add(new X509Extension("2.5.29.33", w.Encode(), true));
        }
        if (e.InhibitAny is { } ia)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.WriteInteger(ia);
            req.CertificateExtensions.Add(new X509Extension("2.5.29.54", w.Encode(), true));
        }
        if (e.UnknownCritical)
            req.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.99999.7", [0x05, 0x00], true));
        var generator = X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1);
        return req.Create(issuer.SubjectName, generator, now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(8));
    }

    private static readonly Exts None = new();
    private static Exts Pol(params string[] p) => new(Policies: p);

    public static TheoryData<string, Exts, Exts, Exts, string?, bool> Cases() => new()
    {
        { "control: no policy extensions anywhere", None, None, None, null, true },
        { "CAs assert a policy without requiring it, signer asserts none (BSrE-like)", Pol(P1), Pol(P1), None, null, true },
        { "CA requires explicit policy, signer asserts it", new Exts([P1], RequireExplicit: 0), Pol(P1), Pol(P1), null, true },
        { "CA requires explicit policy, signer without certificatePolicies", new Exts([P1], RequireExplicit: 0), Pol(P1), None, null, false },
        { "CA requires explicit policy, signer asserts another policy", new Exts([P1], RequireExplicit: 0), Pol(P1), Pol(P2), null, false },
        { "requireExplicitPolicy 2 counts down to the signer, which asserts none", new Exts([P1], RequireExplicit: 2), Pol(P1), None, null, false },
        { "requireExplicitPolicy 3 never reaches this short path", new Exts([P1], RequireExplicit: 3), Pol(P1), None, null, true },
        { "policy mapped P1 to P2, signer asserts P2", new Exts([P1], RequireExplicit: 0), new Exts([P1], Mappings: [(P1, P2)]), Pol(P2), null, true },
        { "policy mapping inhibited above the mapping CA", new Exts([P1], RequireExplicit: 0, InhibitMapping: 0), new Exts([P1], Mappings: [(P1, P2)]), Pol(P2), null, false },
        { "mapping inhibited: the mapped policy goes even when CA 2 also asserts the target", new Exts([P1], RequireExplicit: 0, InhibitMapping: 0), new Exts([P1, P2], Mappings: [(P1, P2)]), Pol(P2), null, false },
        { "mapping inhibited: a mapping of a policy the path lacks leaves P1 alone", new Exts([P1], RequireExplicit: 0, InhibitMapping: 0), new Exts([P1], Mappings: [(P2, P1)]), Pol(P1), null, true },
        { "inhibitPolicyMapping 1 still lets CA 2 map", new Exts([P1], RequireExplicit: 0, InhibitMapping: 1), new Exts([P1], Mappings: [(P1, P2)]), Pol(P2), null, true },
        { "mapping to anyPolicy is refused", new Exts([P1], RequireExplicit: 0), new Exts([P1], Mappings: [(P1, Any)]), Pol(P1), null, false },
        { "CAs anyPolicy, signer anyPolicy, no inhibition", new Exts([Any], RequireExplicit: 0), Pol(Any), Pol(Any), null, true },
        { "inhibitAnyPolicy 1: anyPolicy in the signer no longer counts", new Exts([Any], RequireExplicit: 0, InhibitAny: 1), Pol(Any), Pol(Any), null, false },
        { "inhibitAnyPolicy 1: signer asserting a real policy under anyPolicy", new Exts([Any], RequireExplicit: 0, InhibitAny: 1), Pol(Any), Pol(P1), null, true },
        { "inhibitAnyPolicy 0: anyPolicy in CA 2 no longer counts", new Exts([Any], RequireExplicit: 0, InhibitAny: 0), Pol(Any), Pol(P1), null, false },
        { "signer's own requireExplicitPolicy 0 with no policies", None, None, new Exts(RequireExplicit: 0), null, false },
        { "required policy P1, path asserts P1", new Exts([P1], RequireExplicit: 0), Pol(P1), Pol(P1), P1, true },
        { "required policy P2, path asserts only P1", new Exts([P1], RequireExplicit: 0), Pol(P1), Pol(P1), P2, false },
        { "a policy repeated in certificatePolicies is a malformed extension", Pol(P1), Pol(P1, P1), Pol(P1), null, false },
        { "unknown critical extension still fails", Pol(P1), Pol(P1), new Exts([P1], UnknownCritical: true), null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Path_check_agrees_with_openssl_verify_policy_check(string what, Exts ca1, Exts ca2, Exts leaf, string? requiredPolicy, bool expected)
    {
        var pki = Build(ca1, ca2, leaf);
        // -policy turns on OpenSSL's policy processing with that initial set; anyPolicy is RFC 5280's default.
        var args = new List<string> { "-policy_check", "-policy", requiredPolicy ?? Any };
        var openssl = OpensslVerify(pki, args);
        bool opensslAccepts = openssl.ExitCode == 0;
        var mine = PathBuilder.Build(pki.Leaf, [pki.Ca1, pki.Ca2], new X509Certificate2Collection(pki.Root), DateTimeOffset.UtcNow, null,
            initialPolicies: requiredPolicy is null ? null : [requiredPolicy]);
        bool docsignAccepts = mine.Problem == PathProblem.None;

        opensslAccepts.ShouldBe(expected, $"{what}: openssl says {openssl.Output}");
        docsignAccepts.ShouldBe(opensslAccepts, $"{what}: DocSign says {mine.Problem} {mine.Message}; openssl says {openssl.Output}");
        if (!expected && !leaf.UnknownCritical) mine.Problem.ShouldBe(PathProblem.Policy, mine.Message);
    }

    public static TheoryData<string, Exts, Exts, Exts, string, bool> RequiredPolicyCases() => new()
    {
        { "BSrE-like path asserting the required policy", Pol(P1), Pol(P1), Pol(P1), P1, true },
        { "BSrE-like path, signer asserting none", Pol(P1), Pol(P1), None, P1, false },
        { "BSrE-like path asserting another policy", Pol(P1), Pol(P1), Pol(P1), P2, false },
        { "path mapping P1 to the required P2", Pol(P1), new Exts([P1], Mappings: [(P1, P2)]), Pol(P2), P1, true },
        { "no policy extensions, a policy required", None, None, None, P1, false },
        { "anyPolicy path, a policy required, signer asserting it", Pol(Any), Pol(Any), Pol(P1), P1, true },
    };

    /// <summary>
    /// A <see cref="ValidationPolicy.RequiredCertificatePolicies"/> set: the path must be valid for one of them even
    /// where no CA requires an explicit policy (initial-explicit-policy), as <c>openssl verify -explicit_policy -policy OID</c>.
    /// </summary>
    [Theory]
    [MemberData(nameof(RequiredPolicyCases))]
    public void Required_policy_agrees_with_openssl_verify_explicit_policy(string what, Exts ca1, Exts ca2, Exts leaf, string requiredPolicy, bool expected)
    {
        var pki = Build(ca1, ca2, leaf);
        var openssl = OpensslVerify(pki, ["-policy_check", "-explicit_policy", "-policy", requiredPolicy]);
        bool opensslAccepts = openssl.ExitCode == 0;
        var mine = PathBuilder.Build(pki.Leaf, [pki.Ca1, pki.Ca2], new X509Certificate2Collection(pki.Root), DateTimeOffset.UtcNow, null,
            initialPolicies: [requiredPolicy], initialExplicitPolicy: true);
        bool docsignAccepts = mine.Problem == PathProblem.None;

        opensslAccepts.ShouldBe(expected, $"{what}: openssl says {openssl.Output}");
        docsignAccepts.ShouldBe(opensslAccepts, $"{what}: DocSign says {mine.Problem} {mine.Message}; openssl says {openssl.Output}");
    }

    [Fact]
    public async Task Validator_applies_the_required_policies_it_is_given()
    {
        using var http = new HttpClient(new CountingHandler());
        var pki = Build(Pol(P1), Pol(P1), Pol(P1));
        var options = new VerificationOptions { TrustAnchors = new X509Certificate2Collection(pki.Root), AllowOnlineRevocation = false };
        async Task<ChainResult> Validate(string[]? required) =>
            await new CertificateValidator(options, new EmbeddedRevocation(), http, DateTimeOffset.UtcNow, required)
                .ValidateAsync(pki.Leaf, DateTimeOffset.UtcNow, false, null, [pki.Ca1, pki.Ca2], null, CancellationToken.None);

        (await Validate(null)).MessageKeys.ShouldNotContain(MessageKey.CertificatePolicyConstraintsFailure);
        (await Validate([P1])).MessageKeys.ShouldNotContain(MessageKey.CertificatePolicyConstraintsFailure);
        var other = await Validate([P2]);
        other.Status.ShouldBe(ValidationStatus.Indeterminate(IndeterminateSubIndication.ChainConstraintsFailure));
        other.MessageKeys.ShouldContain(MessageKey.CertificatePolicyConstraintsFailure);
        ValidationPolicy.Default.RequiredCertificatePolicies.ShouldBeNull();
    }

    [Fact]
    public async Task Verifier_judges_a_signed_pdf_by_the_required_policy_of_its_validation_policy()
    {
        // The sample signers assert 2.16.360.1.1.1.99.1 but their CA asserts no policy, so a path required to be valid
        // for that policy fails (openssl verify -policy_check -explicit_policy -policy 2.16.360.1.1.1.99.1 agrees).
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1));
        PkiServices.EnsureRunning();
        async Task<VerificationReport> VerifyRequiring(params string[]? policies)
        {
            using var ms = new MemoryStream(signed, writable: false);
            var policy = ValidationPolicy.Default with { RequiredCertificatePolicies = policies };
            return await new PdfSignatureVerifier(policy: policy).VerifyAsync(ms, Signed.Options());
        }

        var anyPolicy = await VerifyRequiring(null);
        anyPolicy.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(anyPolicy));
        var other = await VerifyRequiring("2.16.360.1.1.1.99.1");
        other.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(other));
        other.Signatures[0].SubIndication.ShouldBe(SubIndication.ChainConstraintsFailure);
        other.Signatures[0].MessageKeys.ShouldContain(MessageKey.CertificatePolicyConstraintsFailure);
        VerificationReportJson.ToJson(other, indented: false).ShouldContain("CERTIFICATE_POLICY_CONSTRAINTS_FAILURE");
    }

    [Fact]
    public void Plain_openssl_verify_skips_policy_processing()
    {
        // Documents the comparison's flag: without -policy_check OpenSSL accepts a path that breaks the CA's
        // requireExplicitPolicy, so comparing against plain `openssl verify` would hide the constraint.
        var pki = Build(new Exts([P1], RequireExplicit: 0), Pol(P1), None);
        OpensslVerify(pki, []).ExitCode.ShouldBe(0);
        OpensslVerify(pki, ["-policy_check", "-policy", Any]).ExitCode.ShouldNotBe(0);
        // -policy_check without -policy: an empty initial set, so even the signer asserting the policy is refused.
        var asserted = Build(new Exts([P1], RequireExplicit: 0), Pol(P1), Pol(P1));
        OpensslVerify(asserted, ["-policy_check"]).ExitCode.ShouldNotBe(0);
        OpensslVerify(asserted, ["-policy_check", "-policy", Any]).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Chain_failing_its_policy_constraints_is_indeterminate_and_never_fetches_revocation()
    {
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        async Task<ChainResult> Validate(Pki pki)
        {
            var options = new VerificationOptions { TrustAnchors = new X509Certificate2Collection(pki.Root), AllowOnlineRevocation = true, HttpClient = http };
            var v = new CertificateValidator(options, new EmbeddedRevocation(), http, DateTimeOffset.UtcNow);
            return await v.ValidateAsync(pki.Leaf, DateTimeOffset.UtcNow, false, null, [pki.Ca1, pki.Ca2], null, CancellationToken.None);
        }

        var bad = await Validate(Build(new Exts([P1], RequireExplicit: 0), Pol(P1), None));
        bad.Status.ShouldBe(ValidationStatus.Indeterminate(IndeterminateSubIndication.ChainConstraintsFailure));
        bad.MessageKeys.ShouldContain(MessageKey.CertificatePolicyConstraintsFailure);
        bad.Messages.ShouldContain(m => m.StartsWith("rantai sertifikat tidak memenuhi batasan kebijakan sertifikat", StringComparison.Ordinal));
        handler.Requests.ShouldBe(0, "a chain failing its structural checks must not make the verifier call the addresses it names");

        // Control: the same path with the signer asserting the policy passes the structure and so may ask OCSP.
        var good = await Validate(Build(new Exts([P1], RequireExplicit: 0), Pol(P1), Pol(P1)));
        good.MessageKeys.ShouldNotContain(MessageKey.CertificatePolicyConstraintsFailure);
        good.SubIndication.ShouldNotBe(SubIndication.ChainConstraintsFailure);
        handler.Requests.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_new_message_key_has_an_indonesian_text()
    {
        ValidationMessages.HasText(MessageKey.CertificatePolicyConstraintsFailure).ShouldBeTrue();
        ValidationMessages.Name(MessageKey.CertificatePolicyConstraintsFailure).ShouldBe("CERTIFICATE_POLICY_CONSTRAINTS_FAILURE");
    }

    private static ToolResult OpensslVerify(Pki pki, IEnumerable<string> flags)
    {
        var dir = Directory.CreateTempSubdirectory("docsign-pol-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "root.pem"), pki.Root.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir, "inter.pem"), pki.Ca1.ExportCertificatePem() + "\n" + pki.Ca2.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir, "leaf.pem"), pki.Leaf.ExportCertificatePem());
            return ExternalTool.Run("openssl", ["verify", .. flags, "-CAfile", Path.Combine(dir, "root.pem"), "-untrusted", Path.Combine(dir, "inter.pem"), Path.Combine(dir, "leaf.pem")]);
        }
        finally { Directory.Delete(dir, true); }
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;
        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
