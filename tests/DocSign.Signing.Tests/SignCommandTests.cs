using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Signing.Tests;

/// <summary>`docsign sign` as auditors' scripts call it (a real process, exit codes and messages), per CONTRACT.md.</summary>
public sealed class SignCommandFollowsTheContract : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("docsign-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] data)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, data);
        return p;
    }

    private static ToolResult Cli(params string[] args) =>
        DocSignCli.Run(args,
            env: new Dictionary<string, string> { ["DOCSIGN_TEST_PASS"] = SamplePki.Passphrase, ["WRONG_PASS"] = "salah" });

    private string[] SignArgs(string input, string output, string p12 = SamplePki.Names.CamatKanigaran, string passEnv = "DOCSIGN_TEST_PASS") =>
        ["sign", input, "-o", output, "--p12", SamplePki.P12(p12), "--passphrase-env", passEnv];

    [Fact]
    public void SignsVisiblyWithReasonLocationAndFieldAndPdfsigAccepts()
    {
        var input = Write("in.pdf", SamplePdfs.MultiPageText(2));
        var output = Path.Combine(_dir, "out.pdf");
        var r = Cli([.. SignArgs(input, output), "--field", "Camat", "--visible", "2:330,60,230,85",
            "--reason", "Menyetujui LKjIP 2025", "--location", "Kanigaran"]);
        r.ExitCode.ShouldBe(0, r.Output);
        r.StdOut.ShouldContain("Ditandatangani");
        var (raw, sigs) = Pdfsig.Verify(output, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Single().IsValid.ShouldBeTrue(raw.Output);
        sigs.Single().TotalDocumentSigned.ShouldBeTrue();
        raw.StdOut.ShouldContain("Signature Field Name: Camat");
        Qpdf.IsClean(Qpdf.Check(output)).ShouldBeTrue();
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ShouldBe(["in.pdf", "out.pdf"]); // no temp file left
    }

    [Fact]
    public void CertifiesWithPssOnRequestAndPdfsigAccepts()
    {
        var input = Write("in.pdf", SamplePdfs.MultiPageText(1));
        var output = Path.Combine(_dir, "out.pdf");
        var r = Cli([.. SignArgs(input, output), "--pss", "--certify", "2"]);
        r.ExitCode.ShouldBe(0, r.Output);
        var (raw, sigs) = Pdfsig.Verify(output, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Single().IsValid.ShouldBeTrue(raw.Output);
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(output));
        text.ShouldContain("/TransformMethod /DocMDP");
        text.ShouldContain("/Perms");
        // The CMS names RSASSA-PSS (1.2.840.113549.1.1.10): its DER OID bytes are in the hex of /Contents.
        text.ShouldContain("06092A864886F70D01010A");
        Qpdf.IsClean(Qpdf.Check(output)).ShouldBeTrue();
    }

    [Fact]
    public void RefusesACertificationPermissionOtherThanOneTwoOrThree()
    {
        var input = Write("in.pdf", SamplePdfs.MultiPageText(1));
        var r = Cli([.. SignArgs(input, Path.Combine(_dir, "out.pdf")), "--certify", "4"]);
        r.ExitCode.ShouldBe(3, r.Output);
        r.StdErr.ShouldContain("--certify");
        File.Exists(Path.Combine(_dir, "out.pdf")).ShouldBeFalse();
    }

    [Fact]
    public void SignsBtWithTheSampleTsa()
    {
        PkiServices.EnsureRunning();
        var input = Write("in.pdf", SamplePdfs.XrefStream());
        var output = Path.Combine(_dir, "out.pdf");
        var r = Cli([.. SignArgs(input, output), "--level", "B-T", "--tsa", SamplePki.TsaUrl.ToString()]);
        r.ExitCode.ShouldBe(0, r.Output);
        r.StdOut.ShouldContain("stempel waktu");
        Pdfsig.Verify(output).Signatures.Single().IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("B-LT")]
    [InlineData("B-LTA")]
    public void SignsBltAndBltaInOneCallAndDocsignVerifySaysValidAtThatLevel(string level)
    {
        PkiServices.EnsureRunning();
        var input = Write("in.pdf", SamplePdfs.ClassicXref());
        var output = Path.Combine(_dir, "out.pdf");
        var r = Cli([.. SignArgs(input, output), "--level", level, "--tsa", SamplePki.TsaUrl.ToString()]);
        r.ExitCode.ShouldBe(0, r.Output);
        r.StdOut.ShouldContain("PAdES " + level);
        Pdfsig.Verify(output).Signatures[0].IsValid.ShouldBeTrue();
        Qpdf.IsClean(Qpdf.Check(output)).ShouldBeTrue();
        var v = Cli("verify", output, "--trust", SamplePki.PathOf("root-ca.pem"), "--json");
        v.ExitCode.ShouldBe(0, v.Output);
        using var json = System.Text.Json.JsonDocument.Parse(v.StdOut);
        json.RootElement.GetProperty("verdict").GetString().ShouldBe("VALID");
        json.RootElement.GetProperty("signatures")[0].GetProperty("level").GetString().ShouldBe(level);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ShouldBe(["in.pdf", "out.pdf"]);
    }

    [Theory]
    [InlineData("B-LT")]
    [InlineData("B-LTA")]
    public void ATsaFromAnotherPkiIsUsableWhenItsRootIsGivenWithTrustAndItsValidationDataIsEmbedded(string level)
    {
        PkiServices.EnsureRunning();
        using var foreign = new ForeignTsa();
        var input = Write("in.pdf", SamplePdfs.MultiPageText(2));
        var output = Path.Combine(_dir, "out.pdf");
        string[] call = [.. SignArgs(input, output), "--level", level, "--tsa", foreign.TsaUrl.ToString()];

        // Without the foreign root the TSA's chain ends nowhere DocSign trusts: refused, nothing written.
        var refused = Cli(call);
        refused.ExitCode.ShouldBe(1, refused.Output);
        refused.StdErr.ShouldContain("jangkar kepercayaan");
        refused.StdErr.ShouldNotContain("   at ");
        Directory.GetFiles(_dir).Select(Path.GetFileName).ShouldBe(["in.pdf"]);

        var r = Cli([.. call, "--trust", foreign.RootPemPath]);
        r.ExitCode.ShouldBe(0, r.Output);
        r.StdOut.ShouldContain("PAdES " + level);
        foreign.TimestampsIssued.ShouldBeGreaterThanOrEqualTo(level == "B-LTA" ? 3 : 2); // the refused call's, then signature (+ document) time-stamps
        foreign.CrlFetches.ShouldBeGreaterThan(0);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ShouldBe(["in.pdf", "out.pdf"]);

        // The foreign TSA's CRL now travels in the file: with the TSA gone and offline, given both roots,
        // DocSign says VALID at that level.
        var foreignRoot = Path.Combine(Directory.CreateTempSubdirectory("docsign-foreign-root-").FullName, "root.pem");
        File.Copy(foreign.RootPemPath, foreignRoot);
        foreign.Dispose();
        var v = Cli("verify", output, "--trust", SamplePki.PathOf("root-ca.pem"), "--trust", foreignRoot, "--offline", "--json");
        Directory.Delete(Path.GetDirectoryName(foreignRoot)!, recursive: true);
        v.ExitCode.ShouldBe(0, v.Output);
        using var json = System.Text.Json.JsonDocument.Parse(v.StdOut);
        json.RootElement.GetProperty("verdict").GetString().ShouldBe("VALID");
        var sig = json.RootElement.GetProperty("signatures")[0];
        sig.GetProperty("level").GetString().ShouldBe(level);
        sig.GetProperty("timestampTime").GetString().ShouldNotBeNull();
        Pdfsig.Verify(output).Signatures[0].IsValid.ShouldBeTrue();
        Qpdf.IsClean(Qpdf.Check(output)).ShouldBeTrue();
    }

    [Fact]
    public void AMissingOrBrokenTrustFileIsAWrongCall()
    {
        var input = Write("in.pdf", SamplePdfs.ClassicXref());
        var output = Path.Combine(_dir, "out.pdf");
        var missing = Cli([.. SignArgs(input, output), "--trust", Path.Combine(_dir, "tidak-ada.pem")]);
        missing.ExitCode.ShouldBe(3, missing.Output);
        missing.StdErr.ShouldContain("tidak-ada.pem");
        var broken = Write("rusak.pem", "-----BEGIN CERTIFICATE-----\nbukan sertifikat\n-----END CERTIFICATE-----\n"u8.ToArray());
        var r = Cli([.. SignArgs(input, output), "--trust", broken]);
        r.ExitCode.ShouldBe(3, r.Output);
        r.StdErr.ShouldContain("rusak.pem");
        r.StdErr.ShouldNotContain("   at ");
        File.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public void AnOutputFolderThatDoesNotExistIsAWrongCallNotACrash()
    {
        var input = Write("in.pdf", SamplePdfs.ClassicXref());
        var r = Cli(SignArgs(input, Path.Combine(_dir, "tidak-ada", "out.pdf")));
        r.ExitCode.ShouldBe(3, r.Output);
        r.StdErr.ShouldContain("kesalahan berkas");
        r.StdErr.ShouldNotContain("   at ");
    }

    [Fact]
    public void BltWithoutATsaIsAWrongCall()
    {
        var input = Write("in.pdf", SamplePdfs.ClassicXref());
        var r = Cli([.. SignArgs(input, Path.Combine(_dir, "out.pdf")), "--level", "B-LT"]);
        r.ExitCode.ShouldBe(3);
        r.StdErr.ShouldContain("--tsa");
    }

    [Theory]
    [InlineData("B-B")]
    [InlineData("B-T")]
    public void ARevokedCertificateIsRefusedWithWhenAndWhyAndNothingIsWritten(string level)
    {
        // test-revoked was revoked by the sample signing CA on 2026-01-15 (keyCompromise); its OCSP responder says so.
        PkiServices.EnsureRunning();
        var input = Write("in.pdf", SamplePdfs.ClassicXref());
        var output = Path.Combine(_dir, "out.pdf");
        // B-B names no TSA: the check no longer waits for a run that goes online anyway
        string[] levelArgs = level == "B-B" ? [] : ["--level", level, "--tsa", SamplePki.TsaUrl.ToString()];
        var r = Cli([.. SignArgs(input, output, SamplePki.Names.Revoked), .. levelArgs]);
        r.ExitCode.ShouldBe(1, r.Output);
        r.StdErr.ShouldContain("dicabut pada 2026-01-15 00:00:00 UTC dengan alasan: kunci privat bocor (keyCompromise)");
        r.StdErr.ShouldContain("Tanda tangan tidak dibuat");
        r.StdErr.ShouldNotContain("   at ");
        Directory.GetFiles(_dir).Select(Path.GetFileName).ShouldBe(["in.pdf"]);

        // the same key with the check switched off signs (B-B): the refusal above came from the revocation check
        var skipped = Cli([.. SignArgs(input, output, SamplePki.Names.Revoked), "--offline"]);
        skipped.ExitCode.ShouldBe(0, skipped.Output);
        File.Exists(output).ShouldBeTrue();
    }

    public static TheoryData<string, string, int, string> Refusals() => new()
    {
        // case, p12, exit code, words in the message
        { "wrong-passphrase", SamplePki.Names.CamatKanigaran, 1, "Passphrase salah" },
        { "expired", SamplePki.Names.Expired, 1, "kedaluwarsa" },
        { "not-yet-valid", SamplePki.Names.NotYetValid, 1, "belum berlaku" },
        { "no-sign-usage", SamplePki.Names.NoSigningUsage, 1, "tidak diizinkan" },
        { "encrypted", SamplePki.Names.CamatKanigaran, 1, "terenkripsi" },
        { "not-a-pdf", SamplePki.Names.CamatKanigaran, 1, "bukan PDF" },
        { "rect-off-page", SamplePki.Names.CamatKanigaran, 1, "di luar halaman" },
        { "tsa-down", SamplePki.Names.CamatKanigaran, 2, "tidak dapat dihubungi" },
        { "missing-passphrase-env", SamplePki.Names.CamatKanigaran, 3, "NO_SUCH_VAR" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RefusesWithAClearMessageAndWritesNothing(string @case, string p12, int exit, string words)
    {
        byte[] pdf = @case switch
        {
            "encrypted" => Encrypted(),
            "not-a-pdf" => "ini bukan PDF sama sekali\n"u8.ToArray(),
            _ => SamplePdfs.ClassicXref(),
        };
        var input = Write("in.pdf", pdf);
        var output = Path.Combine(_dir, "out.pdf");
        string[] args = @case switch
        {
            "wrong-passphrase" => SignArgs(input, output, p12, "WRONG_PASS"),
            "missing-passphrase-env" => SignArgs(input, output, p12, "NO_SUCH_VAR"),
            "rect-off-page" => [.. SignArgs(input, output, p12), "--visible", "1:450,700,200,200"],
            "tsa-down" => [.. SignArgs(input, output, p12), "--level", "B-T", "--tsa", $"http://127.0.0.1:{Rfc3161TimestampsFromTheTsa.FreePort()}/tsa"],
            _ => SignArgs(input, output, p12),
        };
        var r = Cli(args);
        r.ExitCode.ShouldBe(exit, r.Output);
        r.StdErr.ShouldContain(words);
        r.StdErr.ShouldNotContain("   at "); // a message, not a stack trace
        r.Output.ShouldNotContain(SamplePki.Passphrase + " ");
        File.Exists(output).ShouldBeFalse();
        Directory.GetFiles(_dir).Select(Path.GetFileName).ShouldBe(["in.pdf"]);
        File.ReadAllBytes(input).ShouldBe(pdf);
    }

    private static byte[] Encrypted() => SamplePdfs.EncryptWithQpdf(SamplePdfs.ClassicXref(), "baca", "pemilik", "256");
}
