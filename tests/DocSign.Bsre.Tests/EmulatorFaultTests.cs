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

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task One_altered_byte_inside_the_signed_revision_is_refused(bool apiV1, bool seal)
    {
        var (error, written) = await SignWithFaultAsync(Fault.AlterByte, apiV1, seal);
        error.Failure.ShouldBe(SignatureFailure.Other);
        error.Explanation.ShouldContain("tidak VALID");
        written.ShouldBe(0);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_different_document_is_refused(bool apiV1, bool seal)
    {
        var (error, written) = await SignWithFaultAsync(Fault.DifferentDocument, apiV1, seal);
        error.Explanation.ShouldContain("bukan dokumen yang dikirim");
        written.ShouldBe(0);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Another_persons_certificate_is_refused(bool apiV1, bool seal)
    {
        var (error, written) = await SignWithFaultAsync(Fault.OtherCertificate, apiV1, seal);
        error.Explanation.ShouldContain("bukan \"" + (seal ? "Kecamatan Lumajang" : "Bambang Setiadi") + "\"");
        written.ShouldBe(0);
    }
}
