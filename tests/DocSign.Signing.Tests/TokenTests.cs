using DocSign.Signing;
using DocSign.Testing.Pki;

namespace DocSign.Signing.Tests;

public class Pkcs12TokenOpening
{
    [Fact]
    public void WrongPassphraseIsRefusedWithAClearMessage()
    {
        var e = Should.Throw<SigningException>(() => Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), "salah"));
        e.Code.ShouldBe(SigningErrorCode.WrongPassphrase);
        e.Message.ShouldContain("Passphrase salah");
        e.Message.ShouldNotContain("salah\""); // the passphrase itself is never echoed
    }

    [Fact]
    public async Task ADeferredTokenReportsAWrongPassphraseAtFirstUse()
    {
        using var t = new DeferredSigningToken(() => Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), "salah"));
        Should.Throw<SigningException>(() => t.Certificate).Code.ShouldBe(SigningErrorCode.WrongPassphrase);
        (await Should.ThrowAsync<SigningException>(() => t.SignAsync(new byte[1], System.Security.Cryptography.HashAlgorithmName.SHA256)))
            .Code.ShouldBe(SigningErrorCode.WrongPassphrase);
    }

    [Fact]
    public void TheChainIsOrderedFromTheIssuerUp()
    {
        using var t = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatCandipuro), SamplePki.Passphrase);
        t.Certificate.Subject.ShouldContain("Sri Wahyuningsih");
        t.Chain.Select(c => c.Thumbprint).ShouldBe([SamplePki.SigningCa().Thumbprint, SamplePki.Root().Thumbprint]);
    }

    [Fact]
    public void IdentityComesFromTheCertificateSubject()
    {
        using var t = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var id = SignerIdentity.From(t.Certificate);
        id.ShouldBe(new SignerIdentity("Hendra Wijaya Kusuma", "197403152001121003", "Camat Kanigaran", "Kecamatan Kanigaran"));
        SignerIdentity.FormatNip(id.Nip!).ShouldBe("19740315 200112 1 003");
    }
}

public class CertificatesThatMustNotSign
{
    private static readonly DateTimeOffset Now = FakeClock.Default().GetUtcNow();

    [Theory]
    [InlineData(SamplePki.Names.Expired, SigningErrorCode.CertificateNotValidAtSigningTime, "kedaluwarsa")]
    [InlineData(SamplePki.Names.NotYetValid, SigningErrorCode.CertificateNotValidAtSigningTime, "belum berlaku")]
    [InlineData(SamplePki.Names.NoSigningUsage, SigningErrorCode.KeyUsageNotAllowed, "tidak diizinkan")]
    public void AreRefused(string name, SigningErrorCode code, string words)
    {
        using var t = Pkcs12SigningToken.Open(SamplePki.P12(name), SamplePki.Passphrase);
        var e = Should.Throw<SigningException>(() => SignerCertificateChecks.EnsureCanSign(t.Certificate, Now));
        e.Code.ShouldBe(code);
        e.Message.ShouldContain(words);
    }

    [Fact]
    public void AValidCamatCertificatePasses()
    {
        using var t = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatLumajang), SamplePki.Passphrase);
        Should.NotThrow(() => SignerCertificateChecks.EnsureCanSign(t.Certificate, Now));
    }
}
