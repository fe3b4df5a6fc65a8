using System.Text;
using DocSign.Pdf;
using DocSign.Testing;
using DocSign.Testing.Oracles;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

/// <summary>
/// Three successive incremental updates (each adding a signature-like field with placeholders, then
/// patched) on classic, xref-stream and hybrid files: qpdf accepts each result, every earlier
/// revision stays byte-identical and object-identical, and what was written reads back identical.
/// </summary>
public class IncrementalUpdatesKeepEarlierRevisions
{
    public static TheoryData<string, PdfXrefKind> Files => new()
    {
        { "ClassicXref", PdfXrefKind.Table },
        { "XrefStream", PdfXrefKind.Stream },
        { "HybridReference", PdfXrefKind.Table },
        { "MultiRevision", PdfXrefKind.Table },
    };

    private sealed record Written(PdfReference Sig, PdfReference Widget, PdfPlaceholder Contents, PdfPlaceholder ByteRange, Dictionary<PdfReference, PdfObject> Objects, long[] Range, byte[] Cms);

    private static (byte[] Output, Written W) Update(byte[] input, int round)
    {
        using var f = PdfFile.Open(input);
        var w = new PdfIncrementalWriter(f);
        var page = f.GetPages()[0];
        var written = new Dictionary<PdfReference, PdfObject>();

        var contents = PdfPlaceholder.HexString(256);
        var byteRange = PdfPlaceholder.ByteRange();
        var sig = new PdfDictionary()
            .Set("Type", new PdfName("Sig"))
            .Set("Filter", new PdfName("Adobe.PPKLite"))
            .Set("SubFilter", new PdfName("ETSI.CAdES.detached"))
            .Set("ByteRange", byteRange)
            .Set("Contents", contents)
            .Set("M", PdfString.FromText("D:20261121220000+07'00'"))
            .Set("Reason", PdfString.FromText($"Persetujuan ke-{round} (ünïcode ✓)"));
        var sigRef = w.Add(sig);

        var font = w.Add(PdfContentBuilder.StandardFont());
        var gray = new byte[4 * 4];
        for (int i = 0; i < gray.Length; i++) gray[i] = (byte)(i * 16);
        var image = w.Add(PdfContentBuilder.Image(4, 4, gray, rgb: false));
        var content = new PdfContentBuilder()
            .SaveState().SetStrokeRgb(0, 0, 0.5).SetLineWidth(1.5).Rectangle(0.5, 0.5, 199, 59).Stroke()
            .Line(0, 30, 200, 30)
            .Text("F1", 9, 6, 44, $"Ditandatangani secara elektronik ({round})")
            .DrawImage("Im1", 150, 5, 20, 20)
            .RestoreState().ToArray();
        var resources = new PdfDictionary()
            .Set("Font", new PdfDictionary().Set("F1", font))
            .Set("XObject", new PdfDictionary().Set("Im1", image));
        var ap = w.Add(PdfContentBuilder.FormXObject(200, 60, content, resources));
        var widget = new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget"))
            .Set("FT", new PdfName("Sig")).Set("T", PdfString.FromText($"Tanda tangan {round}"))
            .Set("V", sigRef).Set("F", new PdfInteger(132))
            .Set("Rect", PdfArray.OfNumbers(100, 100, 300, 160.25))
            .Set("P", page.Reference!)
            .Set("AP", new PdfDictionary().Set("N", ap));
        var widgetRef = w.Add(widget);

        var pageCopy = w.EditDictionary(page.Reference!);
        var annots = f.Resolve(pageCopy["Annots"]) is PdfArray a ? (PdfArray)a.Clone() : new PdfArray();
        annots.Add(widgetRef);
        pageCopy.Set("Annots", annots);

        var catalog = w.EditDictionary((PdfReference)f.Trailer["Root"]!);
        var acro = f.Resolve(catalog["AcroForm"]) is PdfDictionary ad ? ad.CloneDictionary() : new PdfDictionary();
        var fields = f.Resolve(acro["Fields"]) is PdfArray fa ? (PdfArray)fa.Clone() : new PdfArray();
        fields.Add(widgetRef);
        acro.Set("Fields", fields).Set("SigFlags", new PdfInteger(3));
        catalog.Set("AcroForm", acro);

        foreach (var r in new[] { sigRef, font, image, ap, widgetRef, page.Reference!, (PdfReference)f.Trailer["Root"]! })
            written[r] = w.GetPending(r)!;

        var ms = new MemoryStream();
        var update = w.WriteTo(ms);
        update.EndOffset.ShouldBe(ms.Length);
        var range = PdfPlaceholderPatcher.ByteRangeExcluding(contents, ms.Length);
        PdfPlaceholderPatcher.PatchByteRange(ms, byteRange, range);
        var cms = Encoding.ASCII.GetBytes($"not a real CMS, round {round}");
        PdfPlaceholderPatcher.PatchHexString(ms, contents, cms);
        return (ms.ToArray(), new Written(sigRef, widgetRef, contents, byteRange, written, range, cms));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Three_updates_pass_qpdf_and_keep_every_earlier_revision(string name, PdfXrefKind expectedKind)
    {
        var current = SamplePdfsPassQpdfCheck.Make(name);
        for (int round = 1; round <= 3; round++)
        {
            var (next, written) = Update(current, round);

            // Not a byte before the update changed.
            next.AsSpan(0, current.Length).SequenceEqual(current).ShouldBeTrue();

            var qpdf = Qpdf.Check(next); var (code, output) = (qpdf.ExitCode, qpdf.Output);
            code.ShouldBe(0, $"round {round}: {output}");

            using var before = PdfFile.Open(current);
            using var after = PdfFile.Open(next);
            after.Revisions.Count.ShouldBe(before.Revisions.Count + 1);
            after.Revisions[^1].XrefKind.ShouldBe(expectedKind);
            after.Revisions[^1].EndOffset.ShouldBe(next.Length);
            after.Revisions[^1].Trailer.GetInteger("Prev").ShouldBe(before.Revisions[^1].XrefOffset);
            after.Trailer.GetInteger("Size")!.Value.ShouldBeGreaterThan(before.Trailer.GetInteger("Size")!.Value);
            PdfObject.ValueEquals(after.Trailer["ID"], before.Trailer["ID"]).ShouldBeTrue();

            for (int i = 0; i < before.Revisions.Count; i++)
            {
                after.Revisions[i].EndOffset.ShouldBe(before.Revisions[i].EndOffset);
                after.Revisions[i].XrefKind.ShouldBe(before.Revisions[i].XrefKind);
                var vb = before.AtRevision(i);
                var va = after.AtRevision(i);
                va.ObjectNumbers.ShouldBe(vb.ObjectNumbers);
                foreach (var num in vb.ObjectNumbers)
                    PdfObject.ValueEquals(va.GetObject(num), vb.GetObject(num)).ShouldBeTrue($"round {round}, revision {i}, object {num}");
            }

            // Written objects read back identical (placeholders excepted, checked below).
            foreach (var (r, obj) in written.Objects)
            {
                if (r.Equals(written.Sig)) continue;
                PdfObject.ValueEquals(after.Latest.GetObject(r), obj).ShouldBeTrue($"round {round}, object {r}");
            }
            var sig = (PdfDictionary)after.Latest.GetObject(written.Sig);
            var contents = (PdfString)sig["Contents"]!;
            contents.StartOffset.ShouldBe(written.Contents.Offset);
            contents.EndOffset.ShouldBe(written.Contents.Offset + written.Contents.Length - 1);
            contents.Value[..written.Cms.Length].ToArray().ShouldBe(written.Cms);
            contents.Value.Length.ShouldBe(256);
            ((PdfArray)sig["ByteRange"]!).Select(x => ((PdfInteger)x).Value).ShouldBe(written.Range);
            written.Range[2].ShouldBe(contents.EndOffset + 1);
            (written.Range[2] + written.Range[3]).ShouldBe(next.Length);
            ((PdfString)sig["Reason"]!).ToText().ShouldBe($"Persetujuan ke-{round} (ünïcode ✓)");

            // The page and the form see every field added so far.
            var annots = (PdfArray)after.Resolve(after.GetPages()[0].Dictionary["Annots"]);
            annots.Count.ShouldBe(round);
            var acro = (PdfDictionary)after.Resolve(after.Catalog["AcroForm"]);
            ((PdfArray)after.Resolve(acro["Fields"])).Count.ShouldBe(round);
            PdfWalk.ReadEverything(after).StreamsRefused.ShouldBe(0);

            current = next;
        }
    }

    [Fact]
    public void Output_that_already_holds_the_original_is_appended_to()
    {
        var original = SamplePdfs.ClassicXref();
        using var f = PdfFile.Open(original);
        var w = new PdfIncrementalWriter(f);
        w.Add(new PdfDictionary().Set("Note", PdfString.FromText("x")));
        var ms = new MemoryStream();
        ms.Write(original);
        var update = w.WriteTo(ms, outputHoldsOriginal: true);
        update.StartOffset.ShouldBe(original.Length);
        var copy = new MemoryStream();
        new PdfIncrementalWriter(f).Also(x => x.Add(new PdfDictionary().Set("Note", PdfString.FromText("x")))).WriteTo(copy);
        ms.ToArray().ShouldBe(copy.ToArray());
    }

    [Fact]
    public void A_file_without_final_eol_gets_one_before_the_update()
    {
        var original = SamplePdfs.ClassicXref()[..^1]; // drop the "\n" after %%EOF
        using var f = PdfFile.Open(original);
        f.Revisions[0].EndOffset.ShouldBe(original.Length);
        var w = new PdfIncrementalWriter(f);
        w.Add(PdfBoolean.True);
        var ms = new MemoryStream();
        var update = w.WriteTo(ms);
        update.StartOffset.ShouldBe(original.Length + 1);
        using var g = PdfFile.Open(ms.ToArray());
        g.Revisions[0].EndOffset.ShouldBe(original.Length + 1); // the EOL now belongs to the marker
        g.Revisions[0].EofMarkerEnd.ShouldBe(original.Length);
        Qpdf.Check(ms.ToArray()).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Byte_range_patch_keeps_the_placeholder_width()
    {
        var ms = new MemoryStream();
        using var f = PdfFile.Open(SamplePdfs.ClassicXref());
        var w = new PdfIncrementalWriter(f);
        var br = PdfPlaceholder.ByteRange();
        w.Add(new PdfDictionary().Set("ByteRange", br));
        w.WriteTo(ms);
        long len = ms.Length;
        PdfPlaceholderPatcher.PatchByteRange(ms, br, [0, 1, 2, 3]);
        ms.Length.ShouldBe(len);
        Encoding.ASCII.GetString(ms.ToArray(), (int)br.Offset, (int)br.Length).ShouldBe("[0 1 2 3]".PadRight((int)br.Length));
        Should.Throw<ArgumentException>(() => PdfPlaceholderPatcher.PatchByteRange(ms, br, [999999999999, 999999999999, 999999999999, 999999999999]));
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action) { action(value); return value; }
}
