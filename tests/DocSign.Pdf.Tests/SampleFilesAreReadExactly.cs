using System.Text;
using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

public class SampleFilesAreReadExactly
{
    [Fact]
    public void ClassicXref_one_revision_one_page_text_decoded()
    {
        var bytes = SamplePdfs.ClassicXref();
        using var f = PdfFile.Open(bytes);
        f.HeaderVersion.ShouldBe("1.7");
        f.Revisions.Count.ShouldBe(1);
        var rev = f.Revisions[0];
        rev.XrefKind.ShouldBe(PdfXrefKind.Table);
        rev.EndOffset.ShouldBe(bytes.Length);
        rev.EofMarkerEnd.ShouldBe(bytes.Length - 1);
        rev.DefinedObjects.ShouldBe([1, 2, 3, 4, 5, 6]);
        f.IsEncrypted.ShouldBeFalse();
        f.Catalog.GetName("Type").ShouldBe("Catalog");
        var pages = f.GetPages();
        pages.Count.ShouldBe(1);
        pages[0].Reference.ShouldBe(new PdfReference(5));
        pages[0].MediaBox!.Count.ShouldBe(4);
        var content = (PdfStream)f.Resolve(pages[0].Dictionary["Contents"]);
        Encoding.Latin1.GetString(f.ReadDecodedStreamData(content)).ShouldContain(SamplePdfs.PageText);
        content.IsFrozen.ShouldBeTrue();
    }

    [Fact]
    public void XrefStream_with_object_stream_and_png_predictor()
    {
        var bytes = SamplePdfs.XrefStream();
        using var f = PdfFile.Open(bytes);
        f.Revisions.Count.ShouldBe(1);
        f.Revisions[0].XrefKind.ShouldBe(PdfXrefKind.Stream);
        f.Revisions[0].Entries[3].Type.ShouldBe(PdfXrefEntryType.Compressed);
        f.Revisions[0].Entries[3].ObjectStreamNumber.ShouldBe(6);
        f.Trailer.GetName("Type").ShouldBe("XRef");
        var pages = f.GetPages();
        pages.Count.ShouldBe(1);
        pages[0].Resources!["Font"].ShouldBeOfType<PdfDictionary>();
        var content = (PdfStream)f.Resolve(pages[0].Dictionary["Contents"]);
        Encoding.Latin1.GetString(f.ReadDecodedStreamData(content)).ShouldContain(SamplePdfs.PageText);
        var font = (PdfDictionary)f.GetObject(4);
        font.GetName("BaseFont").ShouldBe("Helvetica");
    }

    [Fact]
    public void Hybrid_reference_finds_objects_in_the_xrefstm()
    {
        using var f = PdfFile.Open(SamplePdfs.HybridReference());
        f.Revisions.Count.ShouldBe(1);
        f.Revisions[0].XrefKind.ShouldBe(PdfXrefKind.Hybrid);
        f.Revisions[0].SectionOffsets.Count.ShouldBe(2);
        f.Revisions[0].Entries[3].Type.ShouldBe(PdfXrefEntryType.Compressed);
        f.Revisions[0].Entries[1].Type.ShouldBe(PdfXrefEntryType.InUse);
        var pages = f.GetPages();
        pages.Count.ShouldBe(1);
        pages[0].MediaBox.ShouldNotBeNull(); // inherited from the Pages node
        ((PdfDictionary)f.GetObject(4)).GetName("BaseFont").ShouldBe("Helvetica");
    }

    [Fact]
    public void MultiRevision_each_revision_sees_its_own_objects_and_ends_at_its_eof()
    {
        var bytes = SamplePdfs.MultiRevision();
        using var f = PdfFile.Open(bytes);
        f.Revisions.Count.ShouldBe(3);
        var original = SamplePdfs.ClassicXref();
        f.Revisions[0].EndOffset.ShouldBe(original.Length);
        f.Revisions[2].EndOffset.ShouldBe(bytes.Length);
        f.Revisions[1].DefinedObjects.ShouldBe([6, 7]);
        f.Revisions[2].DefinedObjects.ShouldBe([4]);
        f.Revisions[2].FreedObjects.ShouldBe([7]);

        string ContentAt(int r)
        {
            var v = f.AtRevision(r);
            var page = v.GetPages()[0];
            return Encoding.Latin1.GetString(f.ReadDecodedStreamData((PdfStream)v.Resolve(page.Dictionary["Contents"])));
        }
        ContentAt(0).ShouldNotContain("Revisi kedua");
        ContentAt(1).ShouldContain("Revisi kedua");
        f.AtRevision(1).GetObject(7).ShouldBeOfType<PdfDictionary>();
        f.AtRevision(2).GetObject(7).ShouldBe(PdfNull.Instance);
        f.AtRevision(0).GetObject(7).ShouldBe(PdfNull.Instance);
        ((PdfString)((PdfDictionary)f.AtRevision(2).GetObject(4))["Title"]!).ToText().ShouldEndWith("revisi 3");
        ((PdfString)((PdfDictionary)f.AtRevision(0).GetObject(4))["Title"]!).ToText().ShouldBe("Contoh dokumen DocSign");
        f.AtRevision(0).ObjectNumbers.ShouldBe([1, 2, 3, 4, 5, 6]);
        f.AtRevision(2).ObjectNumbers.ShouldBe([1, 2, 3, 4, 5, 6]);
        f.AtRevision(1).ObjectNumbers.ShouldBe([1, 2, 3, 4, 5, 6, 7]);
    }

    [Fact]
    public void MultiPageText_pages_in_order_with_inherited_mediabox()
    {
        using var f = PdfFile.Open(SamplePdfs.MultiPageText(5));
        var pages = f.GetPages();
        pages.Select(p => p.Index).ShouldBe([0, 1, 2, 3, 4]);
        pages.Select(p => p.Reference!.ObjectNumber).ShouldBe([5, 7, 9, 11, 13]);
        pages.ShouldAllBe(p => p.MediaBox != null && p.Rotate == 0);
    }

    [Fact]
    public void Encryption_that_does_not_open_is_detected_and_refused_for_writing()
    {
        // /O and /U of one byte: no password can open this handler, so nothing is decrypted and nothing is written
        using var f = PdfFile.Open(SamplePdfs.EncryptedMarker());
        f.IsEncrypted.ShouldBeTrue();
        f.Security.ShouldBeNull();
        f.EncryptionProblem!.ErrorKind.ShouldBe(PdfErrorKind.Malformed);
        Should.Throw<PdfException>(() => new PdfIncrementalWriter(f)).ErrorKind.ShouldBe(PdfErrorKind.Malformed);
    }

    [Fact]
    public void Opened_objects_are_read_only_and_clone_is_editable()
    {
        using var f = PdfFile.Open(SamplePdfs.ClassicXref());
        var catalog = f.Catalog;
        Should.Throw<InvalidOperationException>(() => catalog.Set("X", PdfBoolean.True));
        var copy = catalog.CloneDictionary();
        copy.Set("X", PdfBoolean.True);
        copy.ContainsKey("X").ShouldBeTrue();
        catalog.ContainsKey("X").ShouldBeFalse();
        PdfObject.ValueEquals(catalog, f.Catalog).ShouldBeTrue();
        PdfObject.ValueEquals(catalog, copy).ShouldBeFalse();
    }

    [Fact]
    public void String_offsets_point_at_the_delimiters()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R /A (lit\\)eral) /B <48 65 6C6C6F>>>");
        w.Object(2, "<</Type /Pages /Kids [] /Count 0>>");
        w.ClassicXref("/Size 3 /Root 1 0 R");
        var bytes = w.ToArray();
        using var f = PdfFile.Open(bytes);
        var a = (PdfString)f.Catalog["A"]!;
        var b = (PdfString)f.Catalog["B"]!;
        Encoding.Latin1.GetString(a.Value).ShouldBe("lit)eral");
        a.IsHex.ShouldBeFalse();
        bytes[a.StartOffset].ShouldBe((byte)'(');
        bytes[a.EndOffset].ShouldBe((byte)')');
        (a.EndOffset - a.StartOffset + 1).ShouldBe("(lit\\)eral)".Length);
        Encoding.Latin1.GetString(b.Value).ShouldBe("Hello");
        b.IsHex.ShouldBeTrue();
        bytes[b.StartOffset].ShouldBe((byte)'<');
        bytes[b.EndOffset].ShouldBe((byte)'>');
        (b.EndOffset - b.StartOffset + 1).ShouldBe("<48 65 6C6C6F>".Length);
    }
}
