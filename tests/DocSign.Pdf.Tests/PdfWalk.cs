using DocSign.Pdf;

namespace DocSign.Pdf.Tests;

/// <summary>Reads everything a verifier would: every object of every revision, the page trees, and (optionally) every stream decoded.</summary>
internal static class PdfWalk
{
    public sealed record Result(int Revisions, int Objects, int Pages, int StreamsDecoded, int StreamsRefused);

    public static Result ReadEverything(PdfFile file, bool decodeStreams = true)
    {
        int objects = 0, pages = 0, decoded = 0, refused = 0;
        for (int r = 0; r < file.Revisions.Count; r++)
        {
            var view = file.AtRevision(r);
            foreach (var num in view.ObjectNumbers)
            {
                var obj = view.GetObject(num);
                objects++;
                if (decodeStreams && obj is PdfStream s)
                {
                    if (Decode(file, s)) decoded++; else refused++;
                }
            }
            var pageList = view.GetPages();
            pages += pageList.Count;
            if (decodeStreams)
            {
                // Content streams again through the pages, as a renderer would (a bomb may be referenced many times).
                foreach (var page in pageList)
                {
                    var contents = view.Resolve(page.Dictionary["Contents"]);
                    var list = contents is PdfArray a ? a.Select(view.Resolve) : [contents];
                    foreach (var c in list)
                        if (c is PdfStream cs) { if (Decode(file, cs)) decoded++; else refused++; }
                }
            }
        }
        return new Result(file.Revisions.Count, objects, pages, decoded, refused);
    }

    // A stream too big is reported and the walk goes on (as a verifier would); the per-file budget still holds.
    private static bool Decode(PdfFile file, PdfStream s)
    {
        try
        {
            using var d = file.OpenDecodedStream(s);
            d.CopyTo(Stream.Null, 64 * 1024);
            return true;
        }
        catch (PdfLimitExceededException e) when (e.Limit == nameof(PdfLimits.MaxDecodedStreamBytes))
        {
            return false;
        }
    }
}
