using System.Text;
using DocSign.BsreEmulator;
using DocSign.Core.Signing;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Bsre.Tests;

/// <summary>
/// Tanda tangan massal at the provider port (<see cref="ISigningProviders.SignBatchAsync"/>): BSrE v2 signs every file in one
/// <c>sign/pdf</c> call, a PKCS#12 is unlocked once, a PKCS#11 token is logged in once; each output is VALID on its own, and one
/// document that fails leaves the others standing with nothing written for it.
/// </summary>
public sealed class BatchProviderTests(EmulatorFixture fixture, SoftHsmFixture token) : IClassFixture<EmulatorFixture>, IClassFixture<SoftHsmFixture>
{
    private readonly SoftHsmFixture _token = token;

    /// <summary>Distinct documents (a different trailing comment each), as a Camat's pile of reports is.</summary>
    private static List<byte[]> Documents(int n) => Enumerable.Range(1, n)
        .Select(i => SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes($"% dokumen {i} {Guid.NewGuid():N}\n")).ToArray()).ToList();

    private static async Task<(IReadOnlyList<SignedInBatch> Results, List<byte[]> Outputs, List<int> Progress)> SignAsync(
        ServiceProvider services, List<byte[]> documents, SignerCredential credential, ExpectedSigner expected)
    {
        var outputs = documents.Select(_ => new MemoryStream()).ToList();
        var progress = new List<int>();
        var results = await services.GetRequiredService<ISigningProviders>().SignBatchAsync(
            documents.Select((d, i) => new BatchDocument(new MemoryStream(d), outputs[i], Providers.Request() with { QrUrl = new Uri($"https://docsign.contoh.go.id/v/MASSAL-{i}") })).ToList(),
            credential, expected, progress.Add);
        return (results, outputs.Select(o => o.ToArray()).ToList(), progress);
    }

    /// <summary>A batch of two with a wrong secret: refused as a whole, as a wrong passphrase, nothing written for either.</summary>
    private static async Task<SignatureServiceException> WrongSecretAsync(ServiceProvider services, SignerCredential credential)
    {
        var outputs = new[] { new MemoryStream(), new MemoryStream() };
        var error = await Should.ThrowAsync<SignatureServiceException>(services.GetRequiredService<ISigningProviders>().SignBatchAsync(
            Documents(2).Select((d, i) => new BatchDocument(new MemoryStream(d), outputs[i], Providers.Request())).ToList(),
            credential, new ExpectedSigner("Bambang Setiadi")));
        error.Failure.ShouldBe(SignatureFailure.WrongPassphrase);
        outputs.ShouldAllBe(o => o.Length == 0);
        return error;
    }

    private static async Task ShouldBeValidAsync(byte[] original, byte[] signed, string name, PadesLevelReached level)
    {
        signed.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue("a signature is an incremental update of the document sent");
        var report = await Providers.VerifyAsync(signed);
        report.Verdict.ShouldBe(Verdict.Valid, string.Join(" | ", report.Messages.Concat(report.Signatures.SelectMany(s => s.Messages))));
        var signature = report.Signatures.ShouldHaveSingleItem();
        signature.Indication.ShouldBe(Indication.TotalPassed);
        ((int)signature.Level.ShouldNotBeNull()).ShouldBeGreaterThanOrEqualTo((int)level);
        signature.Signer!.Name.ShouldBe(name);
    }

    [Fact]
    public async Task Bsre_v2_signs_five_documents_in_one_call_each_valid()
    {
        PkiServices.EnsureRunning();
        await using var services = Providers.Build(fixture.Emulator.BaseUrl);
        var documents = Documents(5);
        var callsBefore = fixture.Emulator.State.SigningCalls;
        var (results, outputs, progress) = await SignAsync(services, documents, new BsreCredential(Providers.BambangNik, Providers.BambangPassphrase, null), new ExpectedSigner("Bambang Setiadi"));

        (fixture.Emulator.State.SigningCalls - callsBefore).ShouldBe(1, "one sign/pdf call carries every file");
        progress.ShouldBe([1, 2, 3, 4, 5]);
        for (int i = 0; i < 5; i++)
        {
            results[i].Error.ShouldBeNull();
            await ShouldBeValidAsync(documents[i], outputs[i], "Bambang Setiadi", PadesLevelReached.BLT);
        }
    }

    [Theory]
    [InlineData(Fault.AlterByte, "tidak VALID")]
    [InlineData(Fault.DifferentDocument, "bukan dokumen yang dikirim")]
    [InlineData(Fault.OtherCertificate, "bukan \"Bambang Setiadi\"")]
    public async Task Bsre_v2_one_bad_file_back_fails_alone_and_the_others_stand(Fault fault, string reason)
    {
        PkiServices.EnsureRunning();
        await using var services = Providers.Build(fixture.Emulator.BaseUrl);
        var documents = Documents(5);
        fixture.Emulator.Fault = fault;
        fixture.Emulator.FaultFile = 3;
        IReadOnlyList<SignedInBatch> results;
        List<byte[]> outputs;
        try
        {
            (results, outputs, _) = await SignAsync(services, documents, new BsreCredential(Providers.BambangNik, Providers.BambangPassphrase, null), new ExpectedSigner("Bambang Setiadi"));
        }
        finally
        {
            fixture.Emulator.Fault = Fault.None;
            fixture.Emulator.FaultFile = null;
        }
        results[2].Outcome.ShouldBeNull();
        results[2].Error.ShouldBeOfType<RemoteSignerException>().Message.ShouldContain(reason);
        outputs[2].ShouldBeEmpty("nothing is written for the refused document");
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            results[i].Error.ShouldBeNull();
            await ShouldBeValidAsync(documents[i], outputs[i], "Bambang Setiadi", PadesLevelReached.BLT);
        }
    }

    [Fact]
    public async Task Bsre_v2_wrong_passphrase_refuses_the_whole_batch_in_bsres_words()
    {
        await using var services = Providers.Build(fixture.Emulator.BaseUrl);
        var error = await WrongSecretAsync(services, new BsreCredential(Providers.BambangNik, "salah-sekali", null));
        error.ShouldBeOfType<RemoteSignerException>().ProviderMessage.ShouldBe("Passphrase anda salah");
    }

    [Fact]
    public async Task Pkcs12_unlocks_once_and_an_unreadable_document_fails_alone()
    {
        PkiServices.EnsureRunning();
        await using var services = Providers.Build(null);
        var documents = Documents(3);
        documents[1] = Encoding.ASCII.GetBytes("%PDF-1.7\nbukan pdf yang utuh\n");
        var credential = new Pkcs12Credential(File.ReadAllBytes(SamplePki.P12(SamplePki.Names.CamatLumajang)), SamplePki.Passphrase);
        var (results, outputs, progress) = await SignAsync(services, documents, credential, new ExpectedSigner("Bambang Setiadi", "197108091998031006"));

        progress.ShouldBe([1, 2, 3]);
        results[1].Outcome.ShouldBeNull();
        results[1].Error.ShouldNotBeNull().Failure.ShouldBe(SignatureFailure.UnreadablePdf);
        outputs[1].ShouldBeEmpty();
        await ShouldBeValidAsync(documents[0], outputs[0], "Bambang Setiadi", PadesLevelReached.BLT);
        await ShouldBeValidAsync(documents[2], outputs[2], "Bambang Setiadi", PadesLevelReached.BLT);
    }

    [Fact]
    public async Task Pkcs12_wrong_passphrase_refuses_the_batch_before_any_signature()
    {
        await using var services = Providers.Build(null);
        await WrongSecretAsync(services, new Pkcs12Credential(File.ReadAllBytes(SamplePki.P12(SamplePki.Names.CamatLumajang)), "bukan-sample"));
    }

    [Fact]
    public async Task Pkcs11_signs_a_batch_in_one_session_each_valid()
    {
        PkiServices.EnsureRunning();
        await using var services = Providers.Build(null);
        var documents = Documents(3);
        var (results, outputs, _) = await SignAsync(services, documents,
            new Pkcs11Credential(SoftHsmFixture.TokenLabel, SoftHsmFixture.KeyLabel, SoftHsmFixture.Pin), new ExpectedSigner("Segel Elektronik Kecamatan Lumajang"));
        for (int i = 0; i < 3; i++)
        {
            results[i].Error.ShouldBeNull();
            await ShouldBeValidAsync(documents[i], outputs[i], "Segel Elektronik Kecamatan Lumajang", PadesLevelReached.BLT);
        }
    }
}
