using DocSign.Validation.Reports;
using System.Text.Json;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>`docsign verify` as CONTRACT.md describes it: exit 0/1/2/3, the JSON object, reports an auditor can file.</summary>
public class VerifyCommandFollowsTheContract
{
    private static async Task<string> Temp(byte[] pdf)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("docsign-cli-").FullName, "dokumen.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return path;
    }

    private static ToolResult Run(params string[] args) => DocSignCli.Run(args, TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Valid_document_exits_0_with_the_contract_json()
    {
        PkiServices.EnsureRunning();
        var path = await Temp(await Signed.BB());
        var run = Run("verify", path, "--trust", SamplePki.PathOf("root-ca.pem"), "--json");
        run.ExitCode.ShouldBe(0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        var root = doc.RootElement;
        root.GetProperty("verdict").GetString().ShouldBe("VALID");
        root.GetProperty("messages").ValueKind.ShouldBe(JsonValueKind.Array);
        var sig = root.GetProperty("signatures")[0];
        foreach (var key in new[] { "field", "indication", "subIndication", "level", "signer", "claimedSigningTime", "timestampTime", "coverage", "modificationsAfter", "messages" })
            sig.TryGetProperty(key, out _).ShouldBeTrue(key);
        sig.GetProperty("indication").GetString().ShouldBe("TOTAL_PASSED");
        sig.GetProperty("subIndication").ValueKind.ShouldBe(JsonValueKind.Null);
        sig.GetProperty("level").GetString().ShouldBe("B-B");
        sig.GetProperty("coverage").GetString().ShouldBe("ENTIRE_FILE");
        sig.GetProperty("modificationsAfter").GetString().ShouldBe("NONE");
        var signer = sig.GetProperty("signer");
        signer.GetProperty("name").GetString()!.ShouldContain("Hendra Wijaya Kusuma");
        signer.GetProperty("nip").GetString().ShouldBe("197403152001121003");
        Convert.FromBase64String(signer.GetProperty("certificate").GetString()!).ShouldBe(SamplePki.LoadPem("camat-kanigaran.pem").RawData);
    }

    [Fact]
    public async Task Changed_document_exits_1_and_says_why()
    {
        var path = await Temp(AttackPdfs.ContentChangedInLaterRevision(await Signed.BB()));
        var run = Run("verify", path, "--trust", SamplePki.PathOf("root-ca.pem"), "--offline");
        run.ExitCode.ShouldBe(1, run.ToString());
        run.StdOut.ShouldContain("TIDAK SAH");
        run.StdOut.ShouldContain("perubahan tidak diizinkan");
    }

    [Fact]
    public async Task Untrusted_signer_exits_2()
    {
        var path = await Temp(await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Untrusted }));
        var run = Run("verify", path, "--trust", SamplePki.PathOf("root-ca.pem"), "--json", "--offline");
        run.ExitCode.ShouldBe(2, run.ToString());
        JsonDocument.Parse(run.StdOut).RootElement.GetProperty("signatures")[0].GetProperty("subIndication").GetString().ShouldBe("NO_CERTIFICATE_CHAIN_FOUND");
    }

    [Fact]
    public async Task Unreadable_input_and_wrong_calls_exit_3_with_a_message()
    {
        var notPdf = await Temp("bukan PDF"u8.ToArray());
        var r1 = Run("verify", notPdf);
        r1.ExitCode.ShouldBe(3);
        r1.StdErr.ShouldContain("tidak dapat dibaca");
        var r2 = Run("verify");
        r2.ExitCode.ShouldBe(3);
        r2.StdErr.ShouldNotBeNullOrWhiteSpace();
        var r3 = Run("verify", notPdf, "--no-such-option");
        r3.ExitCode.ShouldBe(3);
        var r4 = Run("verify", "/tidak/ada.pdf");
        r4.ExitCode.ShouldBe(3);
        r4.StdErr.ShouldContain("tidak ada");
        var r5 = Run("verify", notPdf, "--trust", notPdf);
        r5.ExitCode.ShouldBe(3);
        r5.StdErr.ShouldContain("bukan sertifikat");
        var unsigned = await Temp(SamplePdfs.ClassicXref());
        var r6 = Run("verify", unsigned, "--json");
        r6.ExitCode.ShouldBe(3);
        JsonDocument.Parse(r6.StdOut).RootElement.GetProperty("error").GetString()!.ShouldContain("tanda tangan");
    }

    [Fact]
    public async Task Reports_in_html_and_pdf_are_written_for_the_auditor()
    {
        var path = await Temp(await Signed.BB());
        var dir = Path.GetDirectoryName(path)!;
        var html = Path.Combine(dir, "laporan.html");
        var pdf = Path.Combine(dir, "laporan.pdf");
        Run("verify", path, "--trust", SamplePki.PathOf("root-ca.pem"), "--offline", "--report", html).ExitCode.ShouldBe(2);
        var text = await File.ReadAllTextAsync(html);
        text.ShouldContain("Laporan Verifikasi Tanda Tangan Elektronik");
        text.ShouldContain("Hendra Wijaya Kusuma");
        text.ShouldContain("19740315 200112 1 003");
        text.ShouldContain("TIDAK DAPAT DIPASTIKAN");
        Run("verify", path, "--trust", SamplePki.PathOf("root-ca.pem"), "--offline", "--report", pdf).ExitCode.ShouldBe(2);
        var bytes = await File.ReadAllBytesAsync(pdf);
        bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8).ShouldBeTrue();
        Qpdf.Check(pdf).ExitCode.ShouldBe(0);
        var extracted = ExternalTool.Run("pdftotext", [pdf, "-"]);
        extracted.StdOut.ShouldContain("Laporan Verifikasi");
        extracted.StdOut.ShouldContain("Hendra Wijaya Kusuma");
    }
}

/// <summary>The JSON the service returns is the same object as the CLI's, whatever serializer options the app uses.</summary>
public class ReportJsonIsTheSameForServiceAndCli
{
    [Fact]
    public async Task Json_element_serializes_to_the_contract_object()
    {
        var r = await Signed.Verify(await Signed.BB(), Signed.Options(online: false));
        var element = VerificationReportJson.ToJsonElement(r);
        var viaWebDefaults = System.Text.Json.JsonSerializer.Serialize(element, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        // Same object (escaping of characters such as '+' may differ, the values may not).
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(viaWebDefaults), System.Text.Json.Nodes.JsonNode.Parse(VerificationReportJson.ToJson(r))).ShouldBeTrue();
        element.GetProperty("signatures")[0].GetProperty("subIndication").GetString().ShouldBe("TRY_LATER");
        element.GetProperty("verdict").GetString().ShouldBe("INDETERMINATE");
    }
}
