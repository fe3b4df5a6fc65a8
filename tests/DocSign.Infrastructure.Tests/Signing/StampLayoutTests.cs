using DocSign.Core.Signing;
using DocSign.Testing.Attacks;
using DocSign.Testing.SamplePdfs;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Signing;

/// <summary>
/// The engine's default stamp place reads the signature widgets already in the file: a second signature's default box
/// (the Camat's after a paraf) stands beside the first, on the page and clear of it, and the widgets are reported for
/// the signing page to keep the Camat's drag clear of them too.
/// </summary>
public sealed class StampLayoutTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"docsign-stamp-{Guid.NewGuid():N}");
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _services = await Workflow.InfrastructureHost.StartAsync(_folder, "Sqlite", $"Data Source={Path.Combine(_folder, "db.sqlite")};Pooling=False",
            TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_default_box_of_a_second_signature_stands_beside_the_first_stamp()
    {
        var engine = _services.GetRequiredService<ISignatureService>();
        var pdf = SamplePdfs.MultiPageText(1);
        var first = engine.Layout(new MemoryStream(pdf));
        first.Stamps.ShouldBeEmpty();
        first.Pages.ShouldHaveSingleItem();
        var box = first.DefaultBox;
        box.Page.ShouldBe(1);

        // A paraf at that default place (a visible widget on the page), then the layout of the paraf'd file.
        var paraf = await TestSigner.SignAsync(pdf, new TestSignOptions { Rect = [box.X, box.Y, box.X + box.Width, box.Y + box.Height] });
        var second = engine.Layout(new MemoryStream(paraf));

        second.Stamps.ShouldHaveSingleItem().ShouldBe(box);
        var next = second.DefaultBox;
        next.Page.ShouldBe(1);
        next.Y.ShouldBe(box.Y);   // beside, on the same line, not above or under
        StampSpots.Overlaps(next, box, StampSpots.Gap).ShouldBeFalse();
        var size = second.Pages[0];
        StampSpots.Inside(next, size.Width, size.Height).ShouldBeTrue();
    }

    [Fact]
    public async Task An_invisible_signature_takes_no_room()
    {
        var engine = _services.GetRequiredService<ISignatureService>();
        var pdf = SamplePdfs.MultiPageText(1);
        var signed = await TestSigner.SignAsync(pdf);
        var layout = engine.Layout(new MemoryStream(signed));
        layout.Stamps.ShouldBeEmpty();
        layout.DefaultBox.ShouldBe(engine.Layout(new MemoryStream(pdf)).DefaultBox);
    }
}
