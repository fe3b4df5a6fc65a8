using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The surat pengantar in a SOP walk: made at the step that names it by that step's holder, shown on the document page,
/// dispatched by whom the SOP names for sending; or, where the SOP has no letter step, none at all.
/// </summary>
public static class SopWalkLetters
{
    /// <summary>The holder of the letter step presses "Buat surat pengantar": the letter is numbered by him and sealed; returns its id.</summary>
    public static async Task<Guid> MakeCoverLetterAsync(this SopWalk walk, int step, string role, string office)
    {
        var page = await walk.AsAsync(role);
        await Assertions.Expect(page.MyTask).ToContainTextAsync($"langkah {step}");
        var panel = new SuratPengantarPanel(await walk.SessionAsync(role));
        await Assertions.Expect(panel.Panel).ToContainTextAsync($"langkah {step}");
        await panel.MakeAsync();
        await Assertions.Expect(panel.Alert).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Status).ToHaveAttributeAsync("data-status-pengantar", "issued");
        await Assertions.Expect(panel.NumberedBy).ToContainTextAsync($"{role}.{office}");
        await panel.ScreenshotAsync("surat-pengantar-dibuat");
        var (_, id) = await panel.OpenAsync();
        return id;
    }

    /// <summary>The SOP's sender records the dispatch on the letter's page.</summary>
    public static async Task DispatchCoverLetterAsync(this SopWalk walk, Guid letterId, string role, string recipient)
    {
        var session = await walk.SessionAsync(role);
        var surat = new SuratPage(session);
        await surat.GotoAsync(letterId);
        surat.LastStatus.ShouldBe(200);
        await surat.DispatchAsync(recipient, "SRIKANDI");
        await Assertions.Expect(surat.Notice).ToContainTextAsync("dicatat");
        (await surat.StatusCodeAsync()).ShouldBe("dispatched");
        await surat.ScreenshotAsync("surat-pengantar-dikirim");
    }

    /// <summary>A SOP without a letter step: signing made no letter, and the staff's document page shows none.</summary>
    public static async Task NoCoverLetterAsync(this SopWalk walk, string role)
    {
        var session = await walk.SessionAsync(role);
        var document = await (await session.Context.APIRequest.GetAsync($"/api/documents/{walk.DocumentId}")).JsonAsync();
        document!.Value.GetProperty("letters").GetArrayLength().ShouldBe(0);
        await walk.AsAsync(role);
        await Assertions.Expect(new SuratPengantarPanel(session).Panel).ToHaveCountAsync(0);
    }
}
