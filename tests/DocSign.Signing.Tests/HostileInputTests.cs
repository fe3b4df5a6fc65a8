using DocSign.Signing;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Signing.Tests;

/// <summary>Whatever the input, signing either succeeds or refuses with a SigningException, within a generous budget.</summary>
public class HostileInputsAreRefusedCleanly
{
    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var (name, _) in HostilePdfs.All) d.Add(name);
        return d;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EveryHostileCorpusFileGivesASigningExceptionOrAValidUpdate(string name)
    {
        var pdf = HostilePdfs.All.Single(h => h.Name == name).Make();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var task = SigningHarness.SignAsync(pdf, SamplePki.Names.CamatKanigaran, new SigningParameters
        {
            Visible = new VisibleSignature { Page = 1, X = 10, Y = 10, Width = 100, Height = 40 },
        });
        try
        {
            var signed = await task.WaitAsync(cts.Token);
            signed.AsSpan(0, pdf.Length).SequenceEqual(pdf).ShouldBeTrue();
        }
        catch (SigningException e)
        {
            e.Message.ShouldNotBeNullOrWhiteSpace();
        }
    }
}
