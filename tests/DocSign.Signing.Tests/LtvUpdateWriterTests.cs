using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Pdf;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Shouldly;

namespace DocSign.Signing.Tests;

/// <summary>The DSS and document-timestamp updates written by DocSign.Signing, checked on the bytes.</summary>
public class LtvUpdateWriterTests
{
    private static DssUpdate Update(params byte[][] certs)
    {
        var u = new DssUpdate();
        u.Certificates.AddRange(certs);
        u.Vri["ABCD"] = (certs.ToList(), [], []);
        return u;
    }

    [Fact]
    public void Dss_keeps_the_earlier_entries_and_stores_each_der_once()
    {
        var original = SamplePdfs.MultiPageText(1);
        var root = SamplePki.Root().RawData;
        var ca = SamplePki.SigningCa().RawData;
        byte[] first;
        using (var f = PdfFile.Open(original)) first = LtvUpdateWriter.AppendDss(f, Update(root));
        first.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue("the input bytes stay as they were");
        byte[] second;
        using (var f = PdfFile.Open(first)) second = LtvUpdateWriter.AppendDss(f, Update(ca));

        using var result = PdfFile.Open(second);
        result.Revisions.Count.ShouldBe(3);
        var dss = (PdfDictionary)result.Resolve(result.Catalog["DSS"]);
        var certs = (PdfArray)result.Resolve(dss["Certs"]);
        certs.Count.ShouldBe(2);
        var ders = certs.Select(c => result.ReadDecodedStreamData((PdfStream)result.Resolve(c))).ToList();
        ders.Any(d => d.SequenceEqual(root)).ShouldBeTrue();
        ders.Any(d => d.SequenceEqual(ca)).ShouldBeTrue();
        // The VRI entry and the /Certs array share the stream of the same certificate.
        var vri = (PdfDictionary)result.Resolve(dss["VRI"]);
        var entry = (PdfDictionary)result.Resolve(vri["ABCD"]);
        ((PdfArray)result.Resolve(entry["Cert"]))[0].ShouldBe(certs[1]);
        Qpdf.Check(second).ExitCode.ShouldBe(0);
    }

    private sealed class OversizedTsa : ITimestampClient
    {
        public Task<TimestampResult> GetTokenAsync(Uri tsa, ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default) =>
            Task.FromResult(new TimestampResult(new byte[LtvUpdateWriter.DocumentTimestampReserve + 1], DateTimeOffset.UnixEpoch, SamplePki.Root()));
    }

    [Fact]
    public async Task Document_timestamp_token_larger_than_its_room_is_refused()
    {
        using var f = PdfFile.Open(SamplePdfs.MultiPageText(1));
        var e = await Should.ThrowAsync<SigningException>(() => LtvUpdateWriter.AddDocumentTimestampAsync(f, [], new OversizedTsa(), new Uri("http://127.0.0.1:9/"), CancellationToken.None));
        e.Code.ShouldBe(SigningErrorCode.SignatureTooLarge);
    }

    [Fact]
    public async Task Document_timestamp_gets_a_field_name_not_taken_yet()
    {
        PkiServices.EnsureRunning();
        using var f = PdfFile.Open(SamplePdfs.MultiPageText(1));
        var (bytes, _, field) = await LtvUpdateWriter.AddDocumentTimestampAsync(f, ["DocTimeStamp1"], new HttpTimestampClient(), SamplePki.TsaUrl, CancellationToken.None);
        field.ShouldBe("DocTimeStamp2");
        Qpdf.Check(bytes).ExitCode.ShouldBe(0);
    }
}
