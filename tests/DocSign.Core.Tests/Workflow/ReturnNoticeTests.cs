using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using Shouldly;
using Xunit;

namespace DocSign.Core.Tests.Workflow;

/// <summary>A return leaves a banner for its receiver (who, in which role, why) until the step is done again; refused returns are not offered.</summary>
public sealed class ReturnNoticeTests
{
    private static readonly WorkingCalendar Calendar = new(new WorkflowOptions());
    private static readonly DateTimeOffset T = new(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_Camat_returns_from_the_sign_step_with_a_note_and_the_banner_names_him_until_the_document_is_submitted_again()
    {
        var sop = SopTemplateLoader.Find("kanigaran")!;
        var (d, i, mapping, all) = SignedVersionLockTests.Start(sop);
        SignedVersionLockTests.WalkTo(sop, i, mapping, d, all, s => s.IsSign);
        i.CanReturn(sop).ShouldBeTrue();
        var camat = new Actor("u-camat", "camat.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Camat)]);

        Should.Throw<DocSignProblem>(() => i.Return(sop, mapping, camat, null, "  ", T, Calendar, "Hendra Wijaya Kusuma")).Kind.ShouldBe(ProblemKind.Invalid);
        i.PendingReturn.ShouldBeNull();

        i.Return(sop, mapping, camat, null, "Tabel 3 belum lengkap", T, Calendar, "Hendra Wijaya Kusuma");
        var notice = i.PendingReturn.ShouldNotBeNull();
        notice.Name.ShouldBe("Hendra Wijaya Kusuma");
        notice.OfficeRole.ShouldBe(OfficeRole.Camat);
        notice.Reason.ShouldBe("Tabel 3 belum lengkap");
        notice.ToStepId.ShouldBe("6-ajukan");
        i.SubmittedVersionNumber.ShouldBeNull();

        i.Advance(sop, mapping, d, all, "6-ajukan", null, null, T.AddHours(1), Calendar);
        i.PendingReturn.ShouldBeNull();
        i.CurrentStep(sop)!.IsSign.ShouldBeTrue();
    }

    [Fact]
    public void The_first_step_cannot_be_returned_so_no_return_is_offered_there()
    {
        var sop = SopTemplateLoader.Find("candipuro")!;
        var (_, i, _, _) = SignedVersionLockTests.Start(sop);
        i.CanReturn(sop).ShouldBeFalse();
    }
}
