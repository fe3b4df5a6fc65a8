using DocSign.Pdf;
using DocSign.Testing;

namespace DocSign.Pdf.Tests;

/// <summary>Signed PDFs from other producers (tests/corpus/interop/genuine): every revision and every object must read without error.</summary>
public class GenuineSignedPdfsAreReadCompletely
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Corpus.GenuineInterop, "*.pdf").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void The_corpus_is_there()
    {
        Directory.GetFiles(Corpus.GenuineInterop, "*.pdf").Length.ShouldBe(39);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_revision_and_object_resolves(string name)
    {
        var path = Path.Combine(Corpus.GenuineInterop, name);
        using var stream = File.OpenRead(path);
        using var f = PdfFile.Open(stream);
        f.IsEncrypted.ShouldBeFalse();
        var result = PdfWalk.ReadEverything(f, decodeStreams: true);
        result.Revisions.ShouldBeGreaterThanOrEqualTo(1); // some producers sign in the only revision (linearized files)
        result.Pages.ShouldBeGreaterThan(0);
        result.StreamsRefused.ShouldBe(0);
        // Revisions end in order and the last one ends at (or just before trailing bytes of) the file's end.
        for (int i = 1; i < f.Revisions.Count; i++) f.Revisions[i].EndOffset.ShouldBeGreaterThan(f.Revisions[i - 1].EndOffset);
        f.Revisions[^1].EndOffset.ShouldBeLessThanOrEqualTo(f.Length);
        // Every signature's /Contents is found with its file offsets.
        foreach (var num in f.Latest.ObjectNumbers)
            if (f.GetObject(num) is PdfDictionary d && d["Contents"] is PdfString c && d["ByteRange"] is PdfArray br && br.Count == 4)
            {
                c.HasFileOffsets.ShouldBeTrue();
                var b = ((PdfInteger)br[2]).Value;
                var a = ((PdfInteger)br[1]).Value;
                if (!IsInObjectStream(f, num))
                {
                    c.StartOffset.ShouldBe(a, $"{name} object {num}");
                    c.EndOffset.ShouldBe(b - 1, $"{name} object {num}");
                }
            }
    }

    [Fact]
    public void Upload_inspection_counts_the_signatures_the_corpus_lists()
    {
        // README table: | file | signatures | document timestamps |
        var readme = File.ReadAllLines(Path.Combine(Corpus.GenuineInterop, "..", "README.md"));
        var rows = readme.Where(l => l.StartsWith("| ") && l.Contains(".pdf")).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        rows.Count.ShouldBe(39);
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            using var stream = File.OpenRead(Path.Combine(Corpus.GenuineInterop, row[1]));
            var inspection = PdfInspector.Inspect(stream);
            inspection.IsEncrypted.ShouldBeFalse();
            inspection.PageCount.ShouldBeGreaterThan(0);
            int expected = int.Parse(row[2]) + int.Parse(row[3]);
            if (inspection.SignatureCount != expected) wrong.Add($"{row[1]}: {inspection.SignatureCount} != {expected}");
        }
        wrong.ShouldBeEmpty();
    }

    private static bool IsInObjectStream(PdfFile f, int num) => f.Latest.GetEntry(num)?.Type == PdfXrefEntryType.Compressed;
}
