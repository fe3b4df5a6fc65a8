using DocSign.Validation.Reports;
using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Shouldly;

namespace DocSign.Validation.Tests;

/// <summary>The judgements as data: typed statuses, message keys, the validation and modification policies,
/// and the verifier as an instance with its own clock.</summary>
public class ValidationPolicyTests
{
    [Fact]
    public void Status_pairs_only_what_the_standard_allows()
    {
        ValidationStatus.Passed.Indication.ShouldBe(Indication.TotalPassed);
        ValidationStatus.Passed.SubIndication.ShouldBe(SubIndication.None);
        default(ValidationStatus).ShouldBe(ValidationStatus.Passed);
        foreach (var f in Enum.GetValues<FailedSubIndication>())
        {
            var s = ValidationStatus.Failed(f);
            s.Indication.ShouldBe(Indication.TotalFailed);
            s.SubIndication.ToString().ShouldBe(f.ToString());
        }
        foreach (var i in Enum.GetValues<IndeterminateSubIndication>())
        {
            var s = ValidationStatus.Indeterminate(i);
            s.Indication.ShouldBe(Indication.Indeterminate);
            s.SubIndication.ToString().ShouldBe(i.ToString());
        }
        // No sub-indication belongs to both indications, and None to neither.
        Enum.GetNames<FailedSubIndication>().Intersect(Enum.GetNames<IndeterminateSubIndication>()).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => ValidationStatus.Failed((FailedSubIndication)99));
    }

    [Fact]
    public void Failure_outranks_indeterminate_and_the_first_reason_of_a_rank_is_kept()
    {
        var hash = ValidationStatus.Failed(FailedSubIndication.HashFailure);
        var chain = ValidationStatus.Indeterminate(IndeterminateSubIndication.NoCertificateChainFound);
        var later = ValidationStatus.Indeterminate(IndeterminateSubIndication.TryLater);
        ValidationStatus.Passed.Then(chain).ShouldBe(chain);
        chain.Then(later).ShouldBe(chain);
        chain.Then(hash).ShouldBe(hash);
        hash.Then(ValidationStatus.Failed(FailedSubIndication.Revoked)).ShouldBe(hash);
        chain.Then(ValidationStatus.Passed).ShouldBe(chain);
    }

    [Fact]
    public void Every_message_key_has_an_indonesian_text_and_a_stable_name()
    {
        foreach (var k in Enum.GetValues<MessageKey>())
        {
            ValidationMessages.HasText(k).ShouldBeTrue(k.ToString());
            ValidationMessages.Name(k).ShouldMatch("^[A-Z]+(_[A-Z0-9]+)*$");
        }
        ValidationMessages.Name(MessageKey.FormFilledAfterSigning).ShouldBe("FORM_FILLED_AFTER_SIGNING");
    }

    [Fact]
    public void Default_modification_policy_asks_the_guards_before_any_rule_that_allows()
    {
        var ids = ModificationPolicy.Default.Rules.Select(r => r.Id).ToList();
        ids.IndexOf("page-content-guard").ShouldBeLessThan(ids.IndexOf(ModificationRules.InfoId));
        ids.IndexOf("object-stream-replaced").ShouldBe(0);
        ModificationPolicy.Default.Rules.Single(r => r.Id == ModificationRules.DssId).Grade.ShouldBe(ModificationLevel.LtaUpdates);
        Should.Throw<ArgumentOutOfRangeException>(() => new ModificationPolicy(ModificationPolicy.Default.Rules, ModificationLevel.LtaUpdates));
        Should.Throw<ArgumentException>(() => ModificationPolicy.Default.WithGrade("no-such-rule", ModificationLevel.Other));
    }

    private static byte[] InfoChanged(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
        w.EditDictionary((DocSign.Pdf.PdfReference)file.Trailer["Info"]!).Set("Subject", DocSign.Pdf.PdfString.FromText("diperbarui")));

    private static async Task<VerificationReport> VerifyWith(byte[] pdf, ValidationPolicy policy)
    {
        PkiServices.EnsureRunning();
        using var ms = new MemoryStream(pdf, writable: false);
        return await new PdfSignatureVerifier(policy: policy).VerifyAsync(ms, Signed.Options());
    }

    [Fact]
    public async Task Info_change_is_judged_by_the_rule_the_policy_holds()
    {
        var changed = InfoChanged(await Signed.BB());
        var byDefault = await Signed.Verify(changed);
        byDefault.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(byDefault));
        byDefault.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.LtaUpdates);

        // The same file under a policy without the /Info rule: the change is unexplained and on a used object.
        var without = await VerifyWith(changed, ValidationPolicy.Default with { Modifications = ModificationPolicy.Default.Without(ModificationRules.InfoId) });
        without.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(without));
        without.Signatures[0].Status.ShouldBe(ValidationStatus.Failed(FailedSubIndication.FormatFailure));
        without.Signatures[0].MessageKeys.ShouldContain(MessageKey.DisallowedModification);

        // Re-graded rather than removed: the rule still recognises the change, at the level the policy gives it.
        var regraded = await VerifyWith(changed, ValidationPolicy.Default with { Modifications = ModificationPolicy.Default.WithGrade(ModificationRules.InfoId, ModificationLevel.Annotations) });
        regraded.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(regraded));
        regraded.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Annotations);
    }

    [Fact]
    public async Task Form_filling_after_approval_leads_where_the_policy_says()
    {
        var filled = FormFillingAfterSigning.Fill(await TestSigner.SignAsync(FormFillingAfterSigning.WithTextField()));
        var strict = await Signed.Verify(filled);
        strict.Signatures[0].Status.ShouldBe(ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure));
        strict.Signatures[0].MessageKeys.ShouldContain(MessageKey.FormFilledAfterSigning);

        var warn = await VerifyWith(filled, ValidationPolicy.Default with { FormFillingAfterApproval = ConstraintLevel.Warn });
        warn.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(warn));
        warn.Signatures[0].Messages.ShouldContain(ValidationMessages.Text(MessageKey.FormFilledAfterSigning));

        var ignore = await VerifyWith(filled, ValidationPolicy.Default with { FormFillingAfterApproval = ConstraintLevel.Ignore });
        ignore.Verdict.ShouldBe(Verdict.Valid);
        ignore.Signatures[0].MessageKeys.ShouldNotContain(MessageKey.FormFilledAfterSigning);
    }

    [Fact]
    public async Task Form_filling_after_a_no_changes_certification_fails_unless_the_policy_relaxes_it()
    {
        var filled = FormFillingAfterSigning.Fill(await TestSigner.SignAsync(FormFillingAfterSigning.WithTextField(), new TestSignOptions { CertifyP = 1 }));
        var strict = await Signed.Verify(filled);
        strict.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(strict));
        strict.Signatures[0].MessageKeys.ShouldContain(MessageKey.ChangedAfterNoChangesCertification);
        strict.Signatures[0].DisallowedModification.ShouldBeTrue();

        var lax = await VerifyWith(filled, ValidationPolicy.Default with { ChangeAfterNoChangesCertification = ConstraintLevel.Warn, FormFillingAfterApproval = ConstraintLevel.Warn });
        lax.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(lax));
    }

    [Fact]
    public async Task Validation_time_comes_from_the_injected_clock()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow.AddDays(3).Date);
        using var ms = new MemoryStream(await Signed.BB(), writable: false);
        var r = await new PdfSignatureVerifier(timeProvider: clock).VerifyAsync(ms, Signed.Options(online: false));
        r.ValidationTime.ShouldBe(clock.GetUtcNow());
        // An explicit time in the options wins over the clock.
        using var ms2 = new MemoryStream(await Signed.BB(), writable: false);
        var fixedTime = clock.GetUtcNow().AddHours(5);
        var r2 = await new PdfSignatureVerifier(timeProvider: clock).VerifyAsync(ms2, new VerificationOptions { TrustAnchors = Signed.SampleAnchors(), AllowOnlineRevocation = false, ValidationTime = fixedTime });
        r2.ValidationTime.ShouldBe(fixedTime);
    }

    [Fact]
    public async Task Report_json_carries_the_message_keys()
    {
        var filled = FormFillingAfterSigning.Fill(await TestSigner.SignAsync(FormFillingAfterSigning.WithTextField()));
        var json = VerificationReportJson.ToJson(await Signed.Verify(filled));
        json.ShouldContain("\"messageKeys\":[\"FORM_FILLED_AFTER_SIGNING\"");
    }
}
