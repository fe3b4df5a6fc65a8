using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Shouldly;

namespace DocSign.Validation.Tests;

/// <summary>The signer's own certificate is checked for revocation (against the sample PKI's real OCSP/CRL) before a signature exists.</summary>
public class SignerRevocationBeforeSigning
{
    private static async Task<byte[]> Sign(string signer, ISignerStatusCheck check)
    {
        PkiServices.EnsureRunning();
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(signer), SamplePki.Passphrase);
        using var input = new MemoryStream(SamplePdfs.MultiPageText(1));
        using var output = new MemoryStream();
        await new PadesSigner(statusCheck: check).SignAsync(input, output, new SigningParameters(), token);
        return output.ToArray();
    }

    private static X509Certificate2Collection Anchors() => new() { SamplePki.Root() };

    [Fact]
    public async Task Revoked_signer_is_refused_in_indonesian_before_anything_is_signed()
    {
        // test-revoked was revoked (keyCompromise) on 2026-01-15; the check asks the sample PKI's responder now.
        var e = await Should.ThrowAsync<SigningException>(() => Sign(SamplePki.Names.Revoked, new SignerRevocationCheck(Anchors())));
        e.Code.ShouldBe(SigningErrorCode.CertificateRevoked);
        e.Message.ShouldContain("dicabut pada 2026-01-15");
        e.Message.ShouldContain("Tanda tangan tidak dibuat");
    }

    [Fact]
    public async Task Good_signer_signs_and_the_result_verifies()
    {
        var signed = await Sign(SamplePki.Names.CamatKanigaran, new SignerRevocationCheck(Anchors()));
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    [Fact]
    public async Task Roots_the_key_came_with_can_stand_in_for_configured_anchors()
    {
        // As the CLI does: no configured anchor, the PKCS#12's own root is enough to ask about revocation.
        var e = await Should.ThrowAsync<SigningException>(() => Sign(SamplePki.Names.Revoked, new SignerRevocationCheck(new X509Certificate2Collection()) { TrustRootsInChain = true }));
        e.Code.ShouldBe(SigningErrorCode.CertificateRevoked);
    }

    [Fact]
    public async Task Unknown_status_signs_unless_a_known_status_is_required()
    {
        // No anchor: no address is contacted (as in verification), so the status stays unknown.
        var signed = await Sign(SamplePki.Names.CamatKanigaran, new SignerRevocationCheck(new X509Certificate2Collection()));
        signed.Length.ShouldBeGreaterThan(0);
        var e = await Should.ThrowAsync<SigningException>(() => Sign(SamplePki.Names.CamatKanigaran,
            new SignerRevocationCheck(new X509Certificate2Collection()) { RequireKnownStatus = true }));
        e.Message.ShouldContain("tidak dapat dipastikan");
    }
}
