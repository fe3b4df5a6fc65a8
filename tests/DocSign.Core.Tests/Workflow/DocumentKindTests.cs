using DocSign.Core.Documents;
using DocSign.Core.Signing;
using DocSign.Core.Workflow;
using Shouldly;
using Xunit;

namespace DocSign.Core.Tests.Workflow;

/// <summary>Every kind an office may choose has a route to the signature, and the generic route goes through the Sekcam.</summary>
public sealed class DocumentKindTests
{
    [Fact]
    public void An_office_offers_its_SOPs_kinds_then_the_generic_ones_each_with_its_route_and_no_free_word()
    {
        var sop = SopTemplateLoader.Find("kanigaran")!;
        var kinds = DocumentKinds.For(sop);
        kinds.Where(k => k.BySop).Select(k => k.Key).ShouldBe(sop.DocumentKinds);
        kinds.Where(k => k.BySop).ShouldAllBe(k => k.Route.Contains(sop.Number));
        kinds.Where(k => !k.BySop).ShouldAllBe(k => k.Route == DocumentKinds.GenericRoute);
        kinds.ShouldNotContain(k => string.Equals(k.Key, "lakip", StringComparison.OrdinalIgnoreCase) || string.Equals(k.Label, "LAKIP", StringComparison.OrdinalIgnoreCase));
        kinds.Select(k => k.Key).ShouldBeUnique();
        kinds.Select(k => k.Label).ShouldBeUnique();
        // An office without a SOP still has only routed kinds.
        DocumentKinds.For(null).ShouldAllBe(k => !k.BySop && k.Route == DocumentKinds.GenericRoute);
    }

    [Fact]
    public async Task On_the_generic_route_only_the_final_the_Sekcam_submitted_or_its_paraf_copy_is_put_to_the_Camat()
    {
        var route = new StageSigningWorkflow();
        var d = new Document(Guid.NewGuid(), "kanigaran", 2025, "laporan", "Laporan", "staf", DateTimeOffset.UnixEpoch);
        SignedVersionLockTests.Upload(d, VersionStage.Draft);
        var final = SignedVersionLockTests.Upload(d, VersionStage.Final);
        (await route.PendingVersionAsync(d, SignatureKind.Sign)).ShouldBeNull();
        (await route.PendingVersionAsync(d, SignatureKind.Paraf)).ShouldBeNull();

        d.SubmitOnGenericRoute().ShouldBe(final);
        (await route.PendingVersionAsync(d, SignatureKind.Sign)).ShouldBe(final.Number);
        (await route.PendingVersionAsync(d, SignatureKind.Paraf)).ShouldBe(final.Number);
        var paraf = SignedVersionLockTests.Upload(d, VersionStage.Paraf);
        (await route.PendingVersionAsync(d, SignatureKind.Sign)).ShouldBe(paraf.Number);

        // A newer final is not submitted until the Sekcam submits it.
        var later = SignedVersionLockTests.Upload(d, VersionStage.Final);
        (await route.PendingVersionAsync(d, SignatureKind.Sign)).ShouldBeNull();
        d.SubmitOnGenericRoute().ShouldBe(later);
        Should.Throw<Problems.DocSignProblem>(() => d.SubmitOnGenericRoute());
    }

    [Fact]
    public async Task On_the_generic_route_the_Camat_returns_the_submission_with_a_note_until_the_Sekcam_submits_again()
    {
        var route = new StageSigningWorkflow();
        var d = new Document(Guid.NewGuid(), "kanigaran", 2025, "laporan", "Laporan", "staf", DateTimeOffset.UnixEpoch);
        SignedVersionLockTests.Upload(d, VersionStage.Final);
        Should.Throw<Problems.DocSignProblem>(() => d.ReturnOnGenericRoute("belum diajukan", "Camat", "camat", DateTimeOffset.UnixEpoch));
        d.SubmitOnGenericRoute();

        d.ReturnOnGenericRoute("Lampiran belum ada", "Hendra Wijaya Kusuma", "camat", DateTimeOffset.UnixEpoch);
        (await route.PendingVersionAsync(d, SignatureKind.Sign)).ShouldBeNull();
        d.RouteReturn.ShouldNotBeNull().Reason.ShouldBe("Lampiran belum ada");
        d.RouteReturn!.Name.ShouldBe("Hendra Wijaya Kusuma");

        SignedVersionLockTests.Upload(d, VersionStage.Final);
        d.SubmitOnGenericRoute();
        d.RouteReturn.ShouldBeNull();
        SignedVersionLockTests.Upload(d, VersionStage.Signed);
        Should.Throw<Problems.DocSignProblem>(() => d.ReturnOnGenericRoute("terlambat", "Camat", "camat", DateTimeOffset.UnixEpoch));
    }
}
