using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>A document signed by another tool (poppler's pdfsig, key from the sample PKI in an NSS db) verifies as VALID.</summary>
public class DocumentSignedByPdfsigIsValid
{
    [Fact]
    public async Task Pdfsig_signature_with_trusted_sample_key_is_valid()
    {
        NssDb.Available.ShouldBeTrue("certutil/pk12util (libnss3-tools) are needed for this test");
        var (db, nick) = NssDb.WithKey(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase, SamplePki.PathOf("root-ca.pem"));
        var dir = Directory.CreateTempSubdirectory("docsign-pdfsig-").FullName;
        var input = Path.Combine(dir, "in.pdf");
        var output = Path.Combine(dir, "out.pdf");
        await File.WriteAllBytesAsync(input, SamplePdfs.MultiPageText(2));
        var run = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + db, "-add-signature", "-nick", nick, "-digest", "SHA256", "-reason", "Disetujui", input, output]);
        run.ExitCode.ShouldBe(0, run.ToString());
        var r = await Signed.Verify(await File.ReadAllBytesAsync(output));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        var s = r.Signatures.ShouldHaveSingleItem();
        s.Signer!.Nip.ShouldBe("197403152001121003");
        s.Coverage.ShouldBe(Coverage.EntireFile);
    }
}
