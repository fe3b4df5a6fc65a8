using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>DocSign-style signatures made with the sample PKI verify as VALID at the level they reach.</summary>
public class OwnSignaturesVerifyAsValid
{
    [Fact]
    public async Task Bb_signature_with_online_revocation_is_valid_and_names_the_signer()
    {
        var r = await Signed.Verify(await Signed.BB());
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        var s = r.Signatures.ShouldHaveSingleItem();
        s.Indication.ShouldBe(Indication.TotalPassed);
        s.Level.ShouldBe(PadesLevelReached.BB);
        s.Coverage.ShouldBe(Coverage.EntireFile);
        s.ModificationsAfter.ShouldBe(ModificationLevel.None);
        s.Signer!.Name!.ShouldContain("Hendra Wijaya Kusuma");
        s.Signer.Nip.ShouldBe("197403152001121003");
        s.RevocationSource.ShouldNotBeNull();
        s.ChainTrusted.ShouldBeTrue();
    }

    [Fact]
    public async Task Bb_signature_without_revocation_data_offline_is_indeterminate_try_later()
    {
        var r = await Signed.Verify(await Signed.BB(), Signed.Options(online: false));
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.TryLater);
    }

    [Fact]
    public async Task Signature_with_timestamp_reaches_bt_and_reports_the_proven_time()
    {
        var r = await Signed.Verify(await Signed.BT());
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        var s = r.Signatures.ShouldHaveSingleItem();
        s.Level.ShouldBe(PadesLevelReached.BT);
        s.TimestampTime.ShouldNotBeNull();
        s.TimestampAuthority!.Subject!.ShouldContain("TSA");
    }

    [Fact]
    public async Task Dss_and_document_timestamp_reach_blta_and_validate_offline()
    {
        PkiServices.EnsureRunning();
        var bt = await Signed.BT();
        var ocspSigner = await OnlineValidationData.OcspFor(SamplePki.LoadPem("camat-kanigaran.pem"), SamplePki.SigningCa());
        var crl = await OnlineValidationData.Crl("signing-ca.crl");
        var rootCrl = await OnlineValidationData.Crl("root-ca.crl");
        // The OCSP response when the responder answers; the CRLs cover the same certificates either way.
        var lt = TestSigner.AddDss(bt, [SamplePki.SigningCa(), SamplePki.LoadPem("tsa.pem")], ocspSigner is null ? [] : [ocspSigner], [crl, rootCrl]);
        var lta = await TestSigner.AddDocTimestampAsync(lt, SamplePki.TsaUrl);

        var rLt = await Signed.Verify(lt, Signed.Options(online: false));
        rLt.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(rLt));
        rLt.Signatures[0].Level.ShouldBe(PadesLevelReached.BLT);
        rLt.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.LtaUpdates);
        rLt.Signatures[0].Coverage.ShouldBe(Coverage.EntireRevision);

        var rLta = await Signed.Verify(lta, Signed.Options(online: false));
        rLta.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(rLta));
        rLta.Signatures[0].Level.ShouldBe(PadesLevelReached.BLTA);
        rLta.DocumentTimestamps.ShouldHaveSingleItem().Indication.ShouldBe(Indication.TotalPassed);
    }

    [Fact]
    public async Task Second_signature_after_the_first_is_an_allowed_change()
    {
        var twice = await TestSigner.SignAsync(await Signed.BB(), new TestSignOptions { FieldName = "Paraf", Signer = SamplePki.Names.SekcamKanigaran, Rect = [300, 50, 500, 120] });
        var r = await Signed.Verify(twice);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures.Count.ShouldBe(2);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.FormFilling);
        r.Signatures[0].Coverage.ShouldBe(Coverage.EntireRevision);
        r.Signatures[1].Coverage.ShouldBe(Coverage.EntireFile);
    }

    [Fact]
    public async Task Xref_stream_and_hybrid_files_sign_and_verify()
    {
        foreach (var pdf in new[] { SamplePdfs.XrefStream(), SamplePdfs.HybridReference() })
        {
            var signed = await TestSigner.SignAsync(pdf);
            var r = await Signed.Verify(signed);
            r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        }
    }
}

/// <summary>Validation data in the file is used only when it verifies: a forged OCSP response or a foreign CRL proves nothing.</summary>
public class EmbeddedValidationDataIsCheckedBeforeUse
{
    [Fact]
    public async Task Tampered_ocsp_response_and_foreign_crl_in_the_dss_do_not_make_a_signature_valid()
    {
        var bt = await Signed.BT();
        var ocsp = await OnlineValidationData.OcspFor(SamplePki.LoadPem("camat-kanigaran.pem"), SamplePki.SigningCa());
        var foreignCrl = await OnlineValidationData.Crl("untrusted-root-ca.crl");
        var data = new List<byte[]>();
        if (ocsp is not null)
        {
            var forged = (byte[])ocsp.Clone();
            forged[forged.Length / 2] ^= 0x40; // inside the signed response data or its signature
            data.Add(forged);
        }
        var lt = TestSigner.AddDss(bt, [SamplePki.SigningCa()], data, [foreignCrl]);
        var r = await Signed.Verify(lt, Signed.Options(online: false));
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.TryLater);
    }

    [Fact]
    public async Task Too_many_signatures_are_refused_not_hashed()
    {
        using var ms = new MemoryStream(await Signed.BB());
        var e = await Should.ThrowAsync<VerificationInputException>(() => PdfSignatureVerifier.Default.VerifyAsync(ms, new VerificationOptions { MaxSignatures = 0 }));
        e.Message.ShouldContain("batas");
    }
}
