using DocSign.Core.Signing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Bsre.Tests;

/// <summary>
/// The one signing suite every provider runs: the same document and request through <see cref="ISigningProviders"/>, and
/// each output must pass pdfsig ("Signature is Valid."), <c>qpdf --check</c>, and DocSign's verifier VALID with the new
/// signature TOTAL_PASSED at the provider's level, named as expected.
/// </summary>
public abstract class SigningProviderSuite
{
    /// <summary>Where the BSrE emulator answers, for the BSrE providers; null for local keys.</summary>
    protected abstract Uri? Emulator { get; }
    protected virtual bool ApiV1 => false;
    protected abstract SignerCredential Credential();
    protected abstract ExpectedSigner Expected { get; }
    protected abstract PadesLevelReached ExpectedLevel { get; }

    [Fact]
    public Task Visible_signature_passes_every_oracle() => SignAndCheckAsync(visible: true);

    [Fact]
    public Task Invisible_signature_passes_every_oracle() => SignAndCheckAsync(visible: false);

    private async Task SignAndCheckAsync(bool visible)
    {
        PkiServices.EnsureRunning();
        await using var services = Providers.Build(Emulator, ApiV1);
        var providers = services.GetRequiredService<ISigningProviders>();
        var original = SamplePdfs.MultiPageText(2);
        using var output = new MemoryStream();
        var outcome = await providers.SignAsync(new MemoryStream(original), output, Providers.Request(visible), Credential(), Expected);
        var signed = output.ToArray();

        signed.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue("a signature is an incremental update");
        var path = Path.Combine(Path.GetTempPath(), $"docsign-provider-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, signed);
        try
        {
            var (raw, sigs) = Pdfsig.Verify(path);
            sigs.Count.ShouldBe(1, raw.Output);
            sigs[0].IsValid.ShouldBeTrue(raw.Output);
            var qpdf = Qpdf.Check(path);
            Qpdf.IsClean(qpdf).ShouldBeTrue(qpdf.Output);
        }
        finally { File.Delete(path); }

        var report = await Providers.VerifyAsync(signed);
        report.Verdict.ShouldBe(Verdict.Valid, string.Join(" | ", report.Messages.Concat(report.Signatures.SelectMany(s => s.Messages))));
        var signature = report.Signatures.ShouldHaveSingleItem();
        signature.Indication.ShouldBe(Indication.TotalPassed);
        ((int)signature.Level.ShouldNotBeNull()).ShouldBeGreaterThanOrEqualTo((int)ExpectedLevel);
        signature.Signer!.Name.ShouldBe(Expected.Name);
        signature.Signer.Nip.ShouldBe(Expected.Nip);
        signature.Field.ShouldBe(outcome.FieldName);
    }
}

/// <summary>Today's provider: the enrolled PKCS#12 (office sample PKI, DocSign's TSA, B-LT by DocSign).</summary>
public sealed class Pkcs12ProviderTests : SigningProviderSuite
{
    protected override Uri? Emulator => null;
    protected override SignerCredential Credential() => new Pkcs12Credential(File.ReadAllBytes(SamplePki.P12(SamplePki.Names.CamatLumajang)), SamplePki.Passphrase);
    protected override ExpectedSigner Expected => new("Bambang Setiadi", "197108091998031006");
    protected override PadesLevelReached ExpectedLevel => PadesLevelReached.BLT;
}

/// <summary>The office e-seal's key on a PKCS#11 token (SoftHSM2), signed on DocSign's engine.</summary>
public sealed class Pkcs11SoftHsmProviderTests(SoftHsmFixture token) : SigningProviderSuite, IClassFixture<SoftHsmFixture>
{
    private readonly SoftHsmFixture _token = token;
    protected override Uri? Emulator => null;
    protected override SignerCredential Credential() => new Pkcs11Credential(SoftHsmFixture.TokenLabel, SoftHsmFixture.KeyLabel, SoftHsmFixture.Pin);
    protected override ExpectedSigner Expected => new("Segel Elektronik Kecamatan Lumajang");
    protected override PadesLevelReached ExpectedLevel => PadesLevelReached.BLT;
}

/// <summary>BSrE ECS API v2 (JSON, top-left origin) through the emulator.</summary>
public sealed class BsreV2ProviderTests(EmulatorFixture emulator) : SigningProviderSuite, IClassFixture<EmulatorFixture>
{
    protected override Uri? Emulator => emulator.Emulator.BaseUrl;
    protected override SignerCredential Credential() => new BsreCredential(Providers.BambangNik, Providers.BambangPassphrase, null);
    protected override ExpectedSigner Expected => new("Bambang Setiadi");
    protected override PadesLevelReached ExpectedLevel => PadesLevelReached.BLT;
}

/// <summary>BSrE ECS API v1 (multipart, bottom-left origin, the office's fallback) through the emulator.</summary>
public sealed class BsreV1ProviderTests(EmulatorFixture emulator) : SigningProviderSuite, IClassFixture<EmulatorFixture>
{
    protected override Uri? Emulator => emulator.Emulator.BaseUrl;
    protected override bool ApiV1 => true;
    protected override SignerCredential Credential() => new BsreCredential(Providers.BambangNik, Providers.BambangPassphrase, null, useApiV1: true);
    protected override ExpectedSigner Expected => new("Bambang Setiadi");
    protected override PadesLevelReached ExpectedLevel => PadesLevelReached.BLT;
}

/// <summary>The office e-seal through BSrE's seal API (idSubscriber + one-time seal code) on the emulator.</summary>
public sealed class BsreSealProviderTests(EmulatorFixture emulator) : SigningProviderSuite, IClassFixture<EmulatorFixture>
{
    protected override Uri? Emulator => emulator.Emulator.BaseUrl;
    protected override SignerCredential Credential() => new BsreSealCredential(Providers.SealId, EmulatorCalls.SealCode(emulator.Emulator));
    protected override ExpectedSigner Expected => new("Kecamatan Lumajang");
    protected override PadesLevelReached ExpectedLevel => PadesLevelReached.BLT;
}
