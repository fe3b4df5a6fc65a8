using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using Shouldly;
using Xunit;

namespace DocSign.Core.Tests.Workflow;

/// <summary>
/// A signed version is the official one: nothing supersedes it within its run, a correction is an explicit revisi
/// (a new run that needs its own signature, the old signature kept), and only the reviewed version goes to the Camat.
/// </summary>
public sealed class SignedVersionLockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly WorkingCalendar Calendar = new(new WorkflowOptions());

    /// <summary>One person holding every office role, so a test can walk every step of a SOP.</summary>
    internal static Actor Everyone(string office) =>
        new("u-all", "semua." + office, OfficeRole.All.Select(r => new OfficeMembership(office, r)).ToList());

    internal static DocumentVersion Upload(Document d, VersionStage stage, int minute = 0) =>
        d.AddVersion(Guid.NewGuid(), stage, "staf", T0.AddMinutes(d.NextVersionNumber + minute), null, 10, new string('a', 64), $"k{d.NextVersionNumber}", d.NextVersionNumber);

    [Fact]
    public void After_a_signature_no_new_version_may_be_uploaded_until_a_revisi_starts_and_the_signed_version_stays()
    {
        var d = new Document(Guid.NewGuid(), "kanigaran", 2025, "laporan", "Laporan", "staf", T0);
        Upload(d, VersionStage.Draft);
        Upload(d, VersionStage.Final);
        d.RequireNotSigned();   // not signed yet: uploads are fine
        Should.Throw<DocSignProblem>(() => d.StartRevision()).Kind.ShouldBe(ProblemKind.Conflict);

        var signed = Upload(d, VersionStage.Signed);
        d.SignedInCurrentRun.ShouldBe(signed);
        var refused = Should.Throw<DocSignProblem>(() => d.RequireNotSigned());
        refused.Kind.ShouldBe(ProblemKind.Conflict);
        refused.UserMessage.ShouldContain("sudah ditandatangani (versi 3)");
        refused.UserMessage.ShouldContain("revisi");

        d.StartRevision();
        d.RevisionCount.ShouldBe(1);
        d.SignedInCurrentRun.ShouldBeNull();
        d.RequireNotSigned();
        d.Versions.ShouldContain(signed);
        d.InCurrentRun(signed).ShouldBeFalse();

        var second = Upload(d, VersionStage.Signed);
        d.SignedInCurrentRun.ShouldBe(second);
        Should.Throw<DocSignProblem>(() => d.RequireNotSigned());
    }

    [Fact]
    public void A_revisi_starts_a_new_run_from_the_drafting_step_which_must_be_submitted_and_signed_again()
    {
        var sop = SopTemplateLoader.Find("kanigaran")!;
        var (d, i, mapping, actor) = Start(sop);
        WalkTo(sop, i, mapping, d, actor, s => s.IsSign);
        var signed = Upload(d, VersionStage.Signed);
        i.RecordSignature(sop, mapping, d, actor, signed.Number, null, T0.AddHours(1), Calendar);
        i.IsPastSignature(sop).ShouldBeTrue();
        // "Kembalikan ke langkah 7" after signing would be refused, so it is not offered.
        i.CanReturn(sop).ShouldBeFalse();
        Should.Throw<DocSignProblem>(() => i.Return(sop, mapping, actor, null, "koreksi", T0.AddHours(2), Calendar)).Kind.ShouldBe(ProblemKind.Conflict);

        Should.Throw<DocSignProblem>(() => i.StartRevision(sop, actor, " ", T0.AddHours(2), Calendar)).Kind.ShouldBe(ProblemKind.Invalid);
        var outsider = new Actor("u-x", "camat.lain", [new OfficeMembership("candipuro", OfficeRole.Camat)]);
        Should.Throw<DocSignProblem>(() => i.StartRevision(sop, outsider, "salah ketik", T0.AddHours(2), Calendar)).Kind.ShouldBe(ProblemKind.Forbidden);

        var entry = i.StartRevision(sop, actor, "Salah ketik pada tabel 3", T0.AddHours(2), Calendar);
        entry.Kind.ShouldBe(WorkflowLogKinds.Revised);
        i.Run.ShouldBe(2);
        i.CurrentStepId.ShouldBe("4-draft");
        i.SubmittedVersionNumber.ShouldBeNull();
        i.IsPastSignature(sop).ShouldBeFalse();
        // The sign step of the new run cannot be reached without a new submission.
        Should.Throw<DocSignProblem>(() => i.RecordSignature(sop, mapping, d, actor, signed.Number, null, T0.AddHours(3), Calendar));
    }

    [Fact]
    public void Only_the_version_the_review_closed_on_may_be_submitted_to_the_Camat_and_a_later_final_reopens_the_review()
    {
        var sop = SopTemplateLoader.Find("pronojiwo")!;
        var (d, i, mapping, actor) = Start(sop);
        WalkTo(sop, i, mapping, d, actor, s => s.IsReview);
        var reviewed = Upload(d, VersionStage.Final);
        i.Advance(sop, mapping, d, actor, i.CurrentStepId, "Reviu selesai", null, T0.AddHours(1), Calendar);
        i.ReviewedVersionNumber.ShouldBe(reviewed.Number);

        var later = Upload(d, VersionStage.Final, 60);
        var refused = Should.Throw<DocSignProblem>(() => i.Advance(sop, mapping, d, actor, i.CurrentStepId, null, null, T0.AddHours(2), Calendar));
        refused.Kind.ShouldBe(ProblemKind.Conflict);
        refused.UserMessage.ShouldContain($"reviu ditutup pada versi {reviewed.Number}");
        i.SubmittedVersionNumber.ShouldBeNull();
        sop.Steps[i.CurrentStepIndex].IsSubmit.ShouldBeTrue();

        // Back to the review: it is open again and closes on the later final, which may then go to the Camat.
        i.Return(sop, mapping, actor, null, "Ada versi final baru", T0.AddHours(3), Calendar);
        i.ReviewedVersionNumber.ShouldBeNull();
        i.Advance(sop, mapping, d, actor, i.CurrentStepId, "Reviu ulang selesai", null, T0.AddHours(4), Calendar);
        i.ReviewedVersionNumber.ShouldBe(later.Number);
        i.Advance(sop, mapping, d, actor, i.CurrentStepId, null, null, T0.AddHours(5), Calendar);
        i.SubmittedVersionNumber.ShouldBe(later.Number);
    }

    internal static (Document, WorkflowInstance, OfficeWorkflow, Actor) Start(SopDefinition sop)
    {
        var office = sop.Key;
        var d = new Document(Guid.NewGuid(), office, 2025, "lkjip", "LKjIP", "staf", T0);
        Upload(d, VersionStage.Draft);
        var mapping = OfficeWorkflow.Adopt(office, sop, "admin", T0);
        var actor = Everyone(office);
        return (d, WorkflowInstance.Start(sop, d, actor, T0, Calendar), mapping, actor);
    }

    /// <summary>Completes steps (uploading what each needs) until the step <paramref name="stop"/> is current.</summary>
    internal static void WalkTo(SopDefinition sop, WorkflowInstance i, OfficeWorkflow mapping, Document d, Actor actor, Func<SopStep, bool> stop)
    {
        while (i.CurrentStep(sop) is { } step && !stop(step))
        {
            if (step.Has(WorkflowActions.Correct)) Upload(d, VersionStage.Corrected);
            if (step.IsSubmit) Upload(d, VersionStage.Final);
            i.Advance(sop, mapping, d, actor, step.Id, null, null, T0, Calendar);
        }
    }
}
