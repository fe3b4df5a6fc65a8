using DocSign.BsreEmulator;
using DocSign.Core.Signing;
using DocSign.Testing.SamplePdfs;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Bsre.Tests;

/// <summary>
/// Each fault switch of the emulator against DocSign: a timeout, a 500, one byte altered inside the signed revision, a
/// different document, another person's certificate. Every one is refused with a reason, and nothing is written.
/// </summary>
public sealed class EmulatorFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private async Task<(RemoteSignerException Error, long Written)> SignWithFaultAsync(Fault fault, bool apiV1 = false, bool seal = false)
    {
        fixture.Emulator.Fault = Fault.None;
        SignerCredential credential = seal
            ? new BsreSealCredential(Providers.SealId, EmulatorCalls.SealCode(fixture.Emulator))
            : new BsreCredential(Providers.BambangNik, Providers.BambangPassphrase, null, apiV1);
        fixture.Emulator.Fault = fault;
        try
        {
            await using var services = Providers.Build(fixture.Emulator.BaseUrl, apiV1, timeout: fault == Fault.Timeout ? TimeSpan.FromSeconds(2) : null);
            using var output = new MemoryStream();
            var error = await Should.ThrowAsync<RemoteSignerException>(services.GetRequiredService<ISigningProviders>().SignAsync(
                new MemoryStream(SamplePdfs.MultiPageText(1)), output, Providers.Request(), credential, new ExpectedSigner(seal ? "Kecamatan Lumajang" : "Bambang Setiadi")));
            return (error, output.Length);
        }
        finally
        {
            fixture.Emulator.Fault = Fault.None;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_timeout_stores_nothing_and_asks_to_retry(bool apiV1)
    {
        var (error, written) = await SignWithFaultAsync(Fault.Timeout, apiV1);
        error.Failure.ShouldBe(SignatureFailure.ServiceUnavailable);
        error.Explanation.ShouldContain("tidak menjawab");
        written.ShouldBe(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_500_shows_the_spring_error_verbatim_and_stores_nothing(bool apiV1)
    {
        var (error, written) = await SignWithFaultAsync(Fault.Error500, apiV1);
        error.Failure.ShouldBe(SignatureFailure.ServiceUnavailable);
        error.ProviderMessage.ShouldBe("Internal Server Error");
        error.Explanation.ShouldContain("gangguan");
        written.ShouldBe(0);
    }

    public static TheoryData<Fault, bool, bool, string> Untrusted() => new()
    {
        { Fault.AlterByte, false, false, "tidak VALID" },
        { Fault.AlterByte, true, false, "tidak VALID" },
        { Fault.AlterByte, false, true, "tidak VALID" },
        { Fault.DifferentDocument, false, false, "bukan dokumen yang dikirim" },
        { Fault.DifferentDocument, true, false, "bukan dokumen yang dikirim" },
        { Fault.DifferentDocument, false, true, "bukan dokumen yang dikirim" },
        { Fault.OtherCertificate, false, false, "bukan \"Bambang Setiadi\"" },
        { Fault.OtherCertificate, true, false, "bukan \"Bambang Setiadi\"" },
        { Fault.OtherCertificate, false, true, "bukan \"Kecamatan Lumajang\"" },
    };

    /// <summary>One byte altered inside the signed revision, a different document, another person's certificate: v2, v1, seal.</summary>
    [Theory]
    [MemberData(nameof(Untrusted))]
    public async Task What_comes_back_wrong_is_refused_with_its_reason(Fault fault, bool apiV1, bool seal, string reason)
    {
        var (error, written) = await SignWithFaultAsync(fault, apiV1, seal);
        error.Failure.ShouldBe(SignatureFailure.Other);
        error.Explanation.ShouldContain(reason);
        error.Explanation.ShouldContain("tidak disimpan");
        written.ShouldBe(0);
    }
}
