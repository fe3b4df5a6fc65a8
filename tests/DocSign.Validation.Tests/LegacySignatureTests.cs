using DocSign.Testing.Attacks;
using Shouldly;

namespace DocSign.Validation.Tests;

/// <summary>adbe.pkcs7.detached without signed attributes is judged by the same rules as any signature.</summary>
public class SignaturesWithoutSignedAttributes
{
    [Fact]
    public async Task Signature_directly_over_the_content_is_checked_and_valid()
    {
        var legacy = LegacySignatures.WithoutSignedAttributes(await Signed.BB());
        var r = await Signed.Verify(legacy);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        var s = r.Signatures[0];
        s.SubFilter.ShouldBe("adbe.pkcs7.detached");
        s.MessageKeys.ShouldContain(MessageKey.NoSignedAttributes);
        s.DigestAlgorithm.ShouldBe("SHA256");
    }

    [Fact]
    public async Task A_changed_signed_byte_fails_as_a_hash_failure()
    {
        var legacy = LegacySignatures.WithoutSignedAttributes(await Signed.BB());
        var (_, _, br) = AttackPdfs.FindByteRange(legacy);
        // A byte inside the first range, in the page content region (not the header).
        var tampered = (byte[])legacy.Clone();
        long at = br[1] / 2;
        tampered[at] = tampered[at] == (byte)'a' ? (byte)'b' : (byte)'a';
        var r = await Signed.Verify(tampered);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].Status.ShouldBe(ValidationStatus.Failed(FailedSubIndication.HashFailure));
    }

    [Fact]
    public async Task Revoked_signer_without_signed_attributes_is_not_saved_by_its_claimed_time()
    {
        // test-revoked was revoked on 2026-01-15. Without a timestamp nothing proves when it signed, and with no
        // signed attributes the /M entry is not taken as a claim either: INDETERMINATE (REVOKED_NO_POE), never VALID.
        var signed = await TestSigner.SignAsync(DocSign.Testing.SamplePdfs.SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = DocSign.Testing.Pki.SamplePki.Names.Revoked });
        var legacy = LegacySignatures.WithoutSignedAttributes(signed, DocSign.Testing.Pki.SamplePki.Names.Revoked);
        var r = await Signed.Verify(legacy);
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].Status.ShouldBe(ValidationStatus.Indeterminate(IndeterminateSubIndication.RevokedNoPoe), Signed.Describe(r));
    }
}
