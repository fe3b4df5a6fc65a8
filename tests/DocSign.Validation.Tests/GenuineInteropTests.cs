using System.Text.RegularExpressions;
using DocSign.Testing;

namespace DocSign.Validation.Tests;

/// <summary>
/// The 39 intact signed PDFs from other producers (tests/corpus/interop/genuine): every one is read, every signature and
/// document timestamp its README lists is found, and none is accused of a hash, crypto or format failure or of a
/// disallowed change. Their anchors are not ours, so INDETERMINATE for the chain is expected.
/// </summary>
public partial class GenuineFilesFromOtherProducersAreNotAccused
{
    [GeneratedRegex(@"^\|\s*(?<file>[^|]+?\.pdf)\s*\|\s*(?<sigs>\d+)\s*\|\s*(?<dts>\d+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    public static TheoryData<string, int, int> Files()
    {
        var data = new TheoryData<string, int, int>();
        var readme = File.ReadAllText(Path.Combine(Corpus.Interop, "README.md"));
        foreach (Match m in Row().Matches(readme))
            data.Add(m.Groups["file"].Value, int.Parse(m.Groups["sigs"].Value), int.Parse(m.Groups["dts"].Value));
        return data;
    }

    private static readonly PdfSignatureVerifier Verifier =
        new(timeProvider: new DocSign.Testing.Pki.FakeClock(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Readme_lists_all_39_files()
    {
        Files().Count().ShouldBe(39);
        Directory.GetFiles(Corpus.GenuineInterop, "*.pdf").Length.ShouldBe(39);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Genuine_file_is_read_and_not_accused(string file, int signatures, int documentTimestamps)
    {
        var path = Path.Combine(Corpus.GenuineInterop, file);
        // A fixed validation time (the day this corpus was last reviewed): the files' certificates expire on their own
        // schedule, and what this test says must not change with the date it runs on.
        var r = await Verifier.VerifyFileAsync(path, new VerificationOptions { AllowOnlineRevocation = false });
        var json = Signed.Describe(r);
        r.Signatures.Count.ShouldBeGreaterThanOrEqualTo(signatures, json);
        r.DocumentTimestamps.Count.ShouldBeGreaterThanOrEqualTo(documentTimestamps, json);
        foreach (var s in r.AllEntries)
        {
            s.Indication.ShouldNotBe(Indication.TotalFailed, json);
            s.SubIndication.ShouldNotBeOneOf([SubIndication.HashFailure, SubIndication.SigCryptoFailure, SubIndication.FormatFailure], json);
            ((int)s.ModificationsAfter).ShouldBeLessThan((int)ModificationLevel.Annotations, json);
            s.DisallowedModification.ShouldBeFalse(json);
        }
        r.Verdict.ShouldBe(Verdict.Indeterminate, json);
    }
}
