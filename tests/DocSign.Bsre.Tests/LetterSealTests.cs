using DocSign.BsreEmulator;
using DocSign.Core.Letters;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Signing;
using DocSign.Infrastructure.Signing.Providers;
using DocSign.Testing.Pki;
using DocSign.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DocSign.Bsre.Tests;

/// <summary>Builds the letter sealer as the server does, with one office's e-seal configured.</summary>
internal static class LetterSealer
{
    public static PadesLetterSigner For(ServiceProvider services, string office, LetterKey key) => new(
        Options.Create(new LetterSigningOptions { Keys = { [office] = key } }),
        new ConfigurationBuilder().Build(),
        services.GetRequiredService<ISigningProviders>(),
        services.GetRequiredService<ISignatureService>(),
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetRequiredService<IOptions<BsreOptions>>(),
        TimeProvider.System,
        NullLogger<PadesLetterSigner>.Instance);

    public static byte[] Letter() => DocSign.Testing.SamplePdfs.SamplePdfs.OnePage("SURAT PENGANTAR (uji segel elektronik)");

    /// <summary>DocSign's verifier: VALID, one signature, naming <paramref name="sealer"/> (the office) and no NIP.</summary>
    public static async Task ShouldBeSealedByAsync(byte[] sealedPdf, string sealer)
    {
        var report = await Providers.VerifyAsync(sealedPdf);
        report.Verdict.ShouldBe(Verdict.Valid, string.Join(" | ", report.Messages.Concat(report.Signatures.SelectMany(s => s.Messages))));
        var signature = report.Signatures.ShouldHaveSingleItem();
        signature.Signer!.Name.ShouldBe(sealer);
        signature.Signer.Nip.ShouldBeNull();
    }
}

/// <summary>The office e-seal seals a letter unattended through BSrE's seal API: idSubscriber plus a TOTP made from its activation secret.</summary>
public sealed class LetterSealThroughBsreTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_letter_is_sealed_by_the_office_through_the_BSrE_seal_API_and_names_the_office()
    {
        await using var services = Providers.Build(fixture.Emulator.BaseUrl);
        var seal = fixture.Emulator.Registry.SealOf(Providers.SealId)!;
        var signer = LetterSealer.For(services, "lumajang", new LetterKey
        {
            BsreIdSubscriber = Providers.SealId, BsreActivationSecret = Totp.Base32(seal.ActivationSecret), SealName = "Kecamatan Lumajang",
        });
        var sealedPdf = await signer.SignAsync("lumajang", LetterSigner.Seal, LetterSealer.Letter(), "Surat pengantar 700/1/427.81/2026", "Lumajang");
        await LetterSealer.ShouldBeSealedByAsync(sealedPdf, "Kecamatan Lumajang");
    }

    [Fact]
    public async Task A_wrong_activation_secret_seals_nothing()
    {
        await using var services = Providers.Build(fixture.Emulator.BaseUrl);
        var signer = LetterSealer.For(services, "lumajang", new LetterKey
        {
            BsreIdSubscriber = Providers.SealId, BsreActivationSecret = Totp.Base32(new byte[20]), SealName = "Kecamatan Lumajang",
        });
        await Should.ThrowAsync<LetterSigningUnavailableException>(() => signer.SignAsync("lumajang", LetterSigner.Seal, LetterSealer.Letter(), "uji", "Lumajang"));
    }
}

/// <summary>The office e-seal on a PKCS#11 token (SoftHSM2) seals a letter unattended.</summary>
public sealed class LetterSealOnTokenTests(SoftHsmFixture token) : IClassFixture<SoftHsmFixture>
{
    private readonly SoftHsmFixture _token = token;

    [Fact]
    public async Task A_letter_is_sealed_with_the_office_e_seal_on_a_PKCS11_token()
    {
        _token.ShouldNotBeNull();
        await using var services = Providers.Build(null);
        var signer = LetterSealer.For(services, "lumajang", new LetterKey
        {
            Pkcs11TokenLabel = SoftHsmFixture.TokenLabel, Pkcs11KeyLabel = SoftHsmFixture.KeyLabel, Pkcs11Pin = SoftHsmFixture.Pin,
            SealName = "Segel Elektronik Kecamatan Lumajang",
        });
        var sealedPdf = await signer.SignAsync("lumajang", LetterSigner.Seal, LetterSealer.Letter(), "Surat pengantar", "Lumajang");
        await LetterSealer.ShouldBeSealedByAsync(sealedPdf, "Segel Elektronik Kecamatan Lumajang");
    }
}

/// <summary>No person's key signs letters unattended: a configured personal PKCS#12 is refused, at start-up and at use.</summary>
public sealed class LetterKeyRestrictionTests
{
    [Fact]
    public async Task A_camats_pkcs12_with_its_passphrase_in_configuration_is_refused_and_the_office_seal_is_used()
    {
        var camat = new LetterKey { Pkcs12Path = SamplePki.P12(SamplePki.Names.CamatLumajang), Passphrase = SamplePki.Passphrase };
        var seal = new LetterKey { Pkcs12Path = SamplePki.P12("seal-lumajang"), Passphrase = SamplePki.Passphrase };
        PadesLetterSigner.PersonalKeyProblem("lumajang", camat).ShouldNotBeNull().ShouldContain("sole control");
        PadesLetterSigner.PersonalKeyProblem("lumajang", seal).ShouldBeNull();

        await using var services = Providers.Build(null);
        var withCamat = LetterSealer.For(services, "lumajang", camat);
        var refused = await Should.ThrowAsync<LetterSigningUnavailableException>(() => withCamat.SignAsync("lumajang", LetterSigner.Seal, LetterSealer.Letter(), "uji", "Lumajang"));
        refused.Message.ShouldContain("person's certificate");

        var withSeal = LetterSealer.For(services, "lumajang", seal);
        await LetterSealer.ShouldBeSealedByAsync(await withSeal.SignAsync("lumajang", LetterSigner.Seal, LetterSealer.Letter(), "uji", "Lumajang"),
            "Segel Elektronik Kecamatan Lumajang");
        // A rule that names a person never signs unattended, whatever key is configured.
        await Should.ThrowAsync<LetterSigningUnavailableException>(() => withSeal.SignAsync("lumajang", LetterSigner.Camat, LetterSealer.Letter(), "uji", "Lumajang"));
        await Should.ThrowAsync<LetterSigningUnavailableException>(() => withSeal.SignAsync("lumajang", LetterSigner.Sekcam, LetterSealer.Letter(), "uji", "Lumajang"));
    }
}
