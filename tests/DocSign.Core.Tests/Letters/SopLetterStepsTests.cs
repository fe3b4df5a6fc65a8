using DocSign.Core.Letters;
using DocSign.Core.Workflow;

namespace DocSign.Core.Tests.Letters;

/// <summary>Which SOP step makes and which sends the surat pengantar, read from the four seed templates.</summary>
public sealed class SopLetterStepsTests
{
    [Theory]
    [InlineData("kanigaran", "8-pengantar-kirim", "8-pengantar-kirim")]   // one step: make, number, copy, archive, send
    [InlineData("candipuro", "10-pengantar", "11-kirim-arsip")]          // the Kasubag makes and numbers; the Staf sends
    public void A_SOP_that_names_the_letter_makes_it_at_that_step_and_sends_it_where_it_says(string key, string makes, string sends)
    {
        var sop = SopTemplateLoader.Find(key).ShouldNotBeNull();
        SopLetterSteps.HasLetterStep(sop).ShouldBeTrue();
        sop.Steps.Where(SopLetterSteps.Makes).Select(s => s.Id).ShouldBe([makes]);
        sop.Steps.Where(s => SopLetterSteps.Sends(sop, s)).Select(s => s.Id).ShouldBe([sends]);
        SopLetterSteps.All(sop).Select(s => s.Id).ShouldBe(new[] { makes, sends }.Distinct());
        // Signing comes before the letter.
        sop.IndexOf(makes).ShouldBeGreaterThan(sop.Steps.ToList().FindIndex(s => s.IsSign));
    }

    [Theory]
    [InlineData("lumajang")]
    [InlineData("pronojiwo")]
    public void A_SOP_without_a_letter_step_has_no_letter_steps_even_where_it_sends(string key)
    {
        var sop = SopTemplateLoader.Find(key).ShouldNotBeNull();
        SopLetterSteps.HasLetterStep(sop).ShouldBeFalse();
        sop.Steps.Any(s => SopLetterSteps.Sends(sop, s)).ShouldBeFalse();
        SopLetterSteps.All(sop).ShouldBeEmpty();
    }

    [Fact]
    public void The_Kasubag_Umum_keeps_his_rights_and_the_step_holder_gets_them_only_while_his_step_runs()
    {
        var umum = new LetterStepRights(SopHasLetterStep: true, HoldsLetterStep: false, IsKasubagUmum: true);
        umum.MayMakeLetter.ShouldBeTrue();
        umum.MayHandleLetter.ShouldBeTrue();
        var holderEarly = new LetterStepRights(true, HoldsLetterStep: true, IsKasubagUmum: false);
        holderEarly.MayMakeLetter.ShouldBeFalse();   // his step is not running yet
        holderEarly.MayHandleLetter.ShouldBeTrue();
        var sop = SopTemplateLoader.Find("kanigaran")!;
        var atStep = holderEarly with { CurrentMakingStep = sop.FindStep("8-pengantar-kirim"), HoldsCurrentMakingStep = true };
        atStep.MayMakeLetter.ShouldBeTrue();
        var stranger = new LetterStepRights(true, false, false);
        stranger.MayMakeLetter.ShouldBeFalse();
        stranger.MayHandleLetter.ShouldBeFalse();
    }

    [Theory]
    [InlineData("seal", LetterSigner.Seal)]
    [InlineData("camat", LetterSigner.Camat)]
    [InlineData("SEKCAM", LetterSigner.Sekcam)]
    public void The_office_rule_names_the_letters_signer(string wire, LetterSigner expected)
    {
        LetterWords.TryParseSigner(wire, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(expected);
        parsed.ToWire().ShouldBe(wire.ToLowerInvariant());
        LetterWords.TryParseSigner("bupati", out _).ShouldBeFalse();
    }
}
