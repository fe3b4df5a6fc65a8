using DocSign.Core.Signing;
using DocSign.Pdf;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// Reads, from the file itself, where earlier signatures are drawn: every signature widget with an area on a page
/// (DocSign's own stamps and any a document brought with it), as a box relative to the page's corner, the way a
/// new stamp's box is given. Also each page's size, so that a box can be kept on its page.
/// </summary>
internal static class StampWidgets
{
    public static (IReadOnlyList<PageSize> Sizes, IReadOnlyList<StampPlacement> Stamps) Read(PdfFile file, IReadOnlyList<PdfPage> pages)
    {
        var sizes = new List<PageSize>(pages.Count);
        var stamps = new List<StampPlacement>();
        foreach (var page in pages)
        {
            var box = Corners(page.CropBox ?? page.MediaBox) ?? [0, 0, 0, 0];
            sizes.Add(new PageSize(box[2] - box[0], box[3] - box[1]));
            if (file.Resolve(page.Dictionary["Annots"]) is not PdfArray annots) continue;
            foreach (var item in annots)
            {
                if (file.Resolve(item) is not PdfDictionary widget || !IsSignature(file, widget)) continue;
                if (Corners(file.Resolve(widget["Rect"]) as PdfArray) is not { } r || r[2] - r[0] <= 0 || r[3] - r[1] <= 0) continue;
                stamps.Add(new StampPlacement(page.Index + 1, Math.Round(r[0] - box[0], 2), Math.Round(r[1] - box[1], 2),
                    Math.Round(r[2] - r[0], 2), Math.Round(r[3] - r[1], 2)));
            }
        }
        return (sizes, stamps);
    }

    /// <summary>A widget whose field (itself, or a parent up the field tree) is a signature field.</summary>
    private static bool IsSignature(PdfFile file, PdfDictionary widget)
    {
        var node = widget;
        for (var depth = 0; node is not null && depth < 16; depth++)
        {
            if (file.Resolve(node["FT"]) is PdfName ft) return ft.Value == "Sig";
            node = file.Resolve(node["Parent"]) as PdfDictionary;
        }
        return false;
    }

    /// <summary>A rectangle's corners as [left, bottom, right, top], or null when it is not four numbers.</summary>
    private static double[]? Corners(PdfArray? arr)
    {
        if (arr is not { Count: 4 }) return null;
        var n = new double[4];
        for (var i = 0; i < 4; i++)
        {
            switch (arr[i])
            {
                case PdfInteger v: n[i] = v.Value; break;
                case PdfReal v: n[i] = v.Value; break;
                default: return null;
            }
        }
        return [Math.Min(n[0], n[2]), Math.Min(n[1], n[3]), Math.Max(n[0], n[2]), Math.Max(n[1], n[3])];
    }
}
