using DocSign.Signing;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>The product signer's files verify, and `extend` takes them to B-LT and B-LTA (and renews B-LTA) without breaking anything.</summary>
public class ProductSignaturesVerifyAndExtend
{
    private static async Task<byte[]> ProductSign(byte[] pdf, SigningParameters parameters, string signer = SamplePki.Names.CamatKanigaran)
    {
        PkiServices.EnsureRunning();
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(signer), SamplePki.Passphrase);
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await new PadesSigner().SignAsync(input, output, parameters, token);
        return output.ToArray();
    }

    private static async Task<byte[]> Extend(byte[] pdf, ExtensionTarget target)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        var result = await PadesExtender.ExtendAsync(input, output, new ExtensionOptions
        {
            Target = target, TsaUrl = SamplePki.TsaUrl, TrustAnchors = Signed.SampleAnchors(), OnlineTimeout = TimeSpan.FromSeconds(3),
        });
        result.Report.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(result.Report));
        return output.ToArray();
    }

    [Fact]
    public async Task Product_bb_and_visible_bt_signatures_are_valid()
    {
        var bb = await ProductSign(SamplePdfs.MultiPageText(2), new SigningParameters { Level = DocSign.Signing.PadesLevel.BB });
        var r1 = await Signed.Verify(bb);
        r1.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r1));
        r1.Signatures[0].Signer!.Name.ShouldBe("Hendra Wijaya Kusuma");

        var visible = await ProductSign(SamplePdfs.MultiPageText(2), new SigningParameters
        {
            Level = DocSign.Signing.PadesLevel.BT, TsaUrl = SamplePki.TsaUrl,
            Visible = new VisibleSignature { Page = 1, X = 300, Y = 60, Width = 220, Height = 80 },
        });
        var r2 = await Signed.Verify(visible);
        r2.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r2));
        r2.Signatures[0].Level.ShouldBe(PadesLevelReached.BT);
    }

    [Fact]
    public async Task Bt_extended_to_blt_then_blta_then_renewed_stays_valid_offline()
    {
        var bt = await ProductSign(SamplePdfs.MultiPageText(2), new SigningParameters { Level = DocSign.Signing.PadesLevel.BT, TsaUrl = SamplePki.TsaUrl });
        var lt = await Extend(bt, ExtensionTarget.BLT);
        var rLt = await Signed.Verify(lt, Signed.Options(online: false));
        rLt.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(rLt));
        rLt.Signatures[0].Level.ShouldBe(PadesLevelReached.BLT);
        rLt.Signatures[0].RevocationSource.ShouldBe("DSS");

        var lta = await Extend(lt, ExtensionTarget.BLTA);
        var rLta = await Signed.Verify(lta, Signed.Options(online: false));
        rLta.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(rLta));
        rLta.Signatures[0].Level.ShouldBe(PadesLevelReached.BLTA);

        var renewed = await Extend(lta, ExtensionTarget.BLTA);
        var rRenewed = await Signed.Verify(renewed, Signed.Options(online: false));
        rRenewed.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(rRenewed));
        rRenewed.DocumentTimestamps.Count.ShouldBe(2);
        rRenewed.DocumentTimestamps.ShouldAllBe(d => d.Indication == Indication.TotalPassed);

        // An independent reader still sees an intact first signature.
        var path = Path.Combine(Directory.CreateTempSubdirectory("docsign-ext-").FullName, "lta.pdf");
        await File.WriteAllBytesAsync(path, renewed);
        Pdfsig.Verify(path).Signatures[0].IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task Second_signature_over_a_blta_file_reaches_blta_too()
    {
        // A paraf by the Sekcam taken to B-LTA, then the Camat's signature over that file taken to B-LTA: the DSS
        // that already existed before the second signature must not stop its level at B-T.
        var paraf = await ProductSign(SamplePdfs.MultiPageText(2), new SigningParameters { Level = DocSign.Signing.PadesLevel.BT, TsaUrl = SamplePki.TsaUrl, FieldName = "Paraf" },
            SamplePki.Names.SekcamKanigaran);
        var parafLta = await Extend(paraf, ExtensionTarget.BLTA);
        var camat = await ProductSign(parafLta, new SigningParameters { Level = DocSign.Signing.PadesLevel.BT, TsaUrl = SamplePki.TsaUrl, FieldName = "Camat" });
        var beforeExtension = await Signed.Verify(camat, Signed.Options(online: false));
        beforeExtension.Signatures.Single(s => s.Field == "Camat").Level.ShouldBe(PadesLevelReached.BT, Signed.Describe(beforeExtension));

        var both = await Extend(camat, ExtensionTarget.BLTA);
        var r = await Signed.Verify(both, Signed.Options(online: false));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures.Count.ShouldBe(2);
        r.Signatures.ShouldAllBe(s => s.Level == PadesLevelReached.BLTA);
        r.Signatures.Single(s => s.Field == "Camat").RevocationSource.ShouldBe("DSS");
    }

    [Fact]
    public async Task Extension_is_refused_for_untrusted_or_untimestamped_signatures()
    {
        var untrusted = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Untrusted, Tsa = SamplePki.TsaUrl });
        var e1 = await Should.ThrowAsync<ExtensionException>(() => Extend(untrusted, ExtensionTarget.BLT));
        e1.Message.ShouldContain("jangkar kepercayaan");

        var bb = await Signed.BB();
        var e2 = await Should.ThrowAsync<ExtensionException>(() => Extend(bb, ExtensionTarget.BLT));
        e2.Message.ShouldContain("B-T");
        // B-LTA is allowed from B-B: the document timestamp proves existence.
        var lta = await Extend(bb, ExtensionTarget.BLTA);
        (await Signed.Verify(lta, Signed.Options(online: false))).Signatures[0].Level.ShouldBe(PadesLevelReached.BLTA);
    }

    [Fact]
    public async Task Extend_command_writes_only_on_success()
    {
        PkiServices.EnsureRunning();
        var dir = Directory.CreateTempSubdirectory("docsign-extcli-").FullName;
        var input = Path.Combine(dir, "bt.pdf");
        await File.WriteAllBytesAsync(input, await Signed.BT());
        var output = Path.Combine(dir, "lt.pdf");
        var ok = DocSignCli.Run(["extend", input, "-o", output, "--to", "B-LT", "--trust", SamplePki.PathOf("root-ca.pem")], TimeSpan.FromSeconds(120));
        ok.ExitCode.ShouldBe(0, ok.ToString());
        File.Exists(output).ShouldBeTrue();
        var bad = Path.Combine(dir, "bad.pdf");
        var noTrust = DocSignCli.Run(["extend", input, "-o", bad, "--to", "B-LT"], TimeSpan.FromSeconds(120));
        noTrust.ExitCode.ShouldBe(3);
        noTrust.StdErr.ShouldContain("jangkar");
        File.Exists(bad).ShouldBeFalse();
        var wrong = DocSignCli.Run(["extend", input, "-o", bad, "--to", "B-X"], TimeSpan.FromSeconds(120));
        wrong.ExitCode.ShouldBe(3);
    }
}
