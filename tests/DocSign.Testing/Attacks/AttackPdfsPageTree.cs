using System.Text;
using DocSign.Pdf;

namespace DocSign.Testing.Attacks;

/// <summary>Later revisions that change the page tree, inherited page attributes, actions or the first signature itself.</summary>
public static partial class AttackPdfs
{
    private static PdfReference PagesRoot(PdfFile file) => (PdfReference)((PdfDictionary)file.Resolve(file.Trailer["Root"]))["Pages"]!;

    /// <summary>/Rotate 180 set on the /Pages node: every page inherits it, no page object changes.</summary>
    public static byte[] InheritedRotateChanged(byte[] signed) => Update(signed, (file, w) => w.EditDictionary(PagesRoot(file)).Set("Rotate", new PdfInteger(180)));

    /// <summary>/MediaBox on the /Pages node shrunk so that the text falls outside the visible page.</summary>
    public static byte[] InheritedMediaBoxChanged(byte[] signed) => Update(signed, (file, w) => w.EditDictionary(PagesRoot(file)).Set("MediaBox", PdfArray.OfNumbers(0, 0, 100, 100)));

    /// <summary>Inherited /Resources on the /Pages node, for a page that has none of its own, swapped.</summary>
    public static byte[] InheritedResourcesChanged(byte[] signed) => Update(signed, (file, w) =>
    {
        var font = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("Courier")));
        w.EditDictionary(PagesRoot(file)).Set("Resources", new PdfDictionary().Set("Font", new PdfDictionary().Set("F1", font)));
    });

    /// <summary>The last page is removed from /Kids and /Count.</summary>
    public static byte[] PageRemoved(byte[] signed) => Update(signed, (file, w) =>
    {
        var pages = w.EditDictionary(PagesRoot(file));
        var kids = (PdfArray)((PdfArray)file.Resolve(pages["Kids"])).Clone();
        kids.RemoveAt(kids.Count - 1);
        pages.Set("Kids", kids).Set("Count", new PdfInteger(kids.Count));
    });

    /// <summary>A new page with other text is appended to the page tree.</summary>
    public static byte[] PageAdded(byte[] signed) => Update(signed, (file, w) =>
    {
        var first = file.GetPages()[0];
        var content = w.AddStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 18 Tf 72 760 Td (LAMPIRAN PALSU) Tj ET\n"), compress: false);
        var page = first.Dictionary.CloneDictionary();
        page.Set("Contents", content);
        page.Remove("Annots");
        var pageRef = w.Add(page);
        var pages = w.EditDictionary(PagesRoot(file));
        var kids = (PdfArray)((PdfArray)file.Resolve(pages["Kids"])).Clone();
        kids.Add(pageRef);
        pages.Set("Kids", kids).Set("Count", new PdfInteger(kids.Count));
    });

    /// <summary>A page /AA (open action) with JavaScript.</summary>
    public static byte[] PageOpenJavaScript(byte[] signed) => Update(signed, (file, w) =>
        w.EditDictionary(file.GetPages()[0].Reference!).Set("AA", new PdfDictionary().Set("O",
            new PdfDictionary().Set("S", new PdfName("JavaScript")).Set("JS", PdfString.FromText("app.alert('x')")))));

    /// <summary>Document-level JavaScript in the catalog's /Names.</summary>
    public static byte[] NamesJavaScriptAdded(byte[] signed) => Update(signed, (file, w) =>
    {
        var js = w.Add(new PdfDictionary().Set("S", new PdfName("JavaScript")).Set("JS", PdfString.FromText("this.print()")));
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("Names", new PdfDictionary().Set("JavaScript",
            new PdfDictionary().Set("Names", new PdfArray(PdfString.FromText("a"), js))));
    });

    /// <summary>A later revision frees the page content object (an xref "f" entry for a signed, still used object).</summary>
    public static byte[] SignedObjectFreed(byte[] signed)
    {
        using var file = PdfFile.Open(signed);
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        var prefix = signed[^1] == '\n' ? "" : "\n";
        long start = signed.Length + prefix.Length;
        var t = file.Trailer;
        var sb = new StringBuilder(prefix).Append("xref\n0 1\n0000000000 65535 f \n")
            .Append($"{contentRef.ObjectNumber} 1\n0000000000 00001 f \n")
            .Append($"trailer\n<< /Size {t.GetInteger("Size")} /Root {t["Root"]} /Prev {file.Revisions[^1].XrefOffset}");
        if (t["Info"] is { } info) sb.Append(" /Info ").Append(info);
        sb.Append($" >>\nstartxref\n{start}\n%%EOF\n");
        return signed.Concat(Encoding.ASCII.GetBytes(sb.ToString())).ToArray();
    }

    private static PdfDictionary FirstSignatureField(PdfFile file, out PdfReference fieldRef)
    {
        var cat = (PdfDictionary)file.Resolve(file.Trailer["Root"]);
        var acro = (PdfDictionary)file.Resolve(cat["AcroForm"]);
        fieldRef = (PdfReference)((PdfArray)file.Resolve(acro["Fields"]))[0];
        return (PdfDictionary)file.Resolve(fieldRef);
    }

    /// <summary>The first signature's dictionary is restated in a later revision with another /M and /Reason.</summary>
    public static byte[] FirstSignatureDictionaryChanged(byte[] signed) => Update(signed, (file, w) =>
    {
        var field = FirstSignatureField(file, out _);
        var v = w.EditDictionary((PdfReference)field["V"]!);
        v.Set("M", PdfString.FromText("D:20190101000000Z")).Set("Reason", PdfString.FromText("Disetujui tanpa catatan"));
    });

    /// <summary>The first signature's widget is moved/enlarged (/Rect) in a later revision.</summary>
    public static byte[] FirstSignatureWidgetMoved(byte[] signed) => Update(signed, (file, w) =>
    {
        FirstSignatureField(file, out var fieldRef);
        w.EditDictionary(fieldRef).Set("Rect", PdfArray.OfNumbers(60, 740, 560, 800));
    });
}
