using PdfSharp.Fonts;

namespace DocSign.Validation.Reports;

/// <summary>
/// The one font resolver for every PDF DocSign draws itself (verification reports here; letters, registers, audit
/// extracts in Infrastructure): the Segoe WP faces shipped inside the PDFsharp package, embedded in the output, so a
/// generated document looks the same on every machine and never depends on installed fonts.
/// </summary>
public static class EmbeddedPdfFonts
{
    /// <summary>The family name to give <c>XFont</c>; every family resolves to the same embedded faces.</summary>
    public const string Family = "DocSign";
    private static readonly object Gate = new();
    private static bool _ready;

    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "SegoeWP-Bold" : "SegoeWP", false, italic);

        public byte[]? GetFont(string faceName) =>
            faceName == "SegoeWP-Bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }

    /// <summary>Installs the resolver once per process (PDFsharp's font settings are global and refuse a second resolver once fonts were resolved).</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (_ready) return;
            if (GlobalFontSettings.FontResolver is null)
            {
                try { GlobalFontSettings.FontResolver = new EmbeddedFonts(); }
                catch (InvalidOperationException) { /* set by a concurrent first drawing; it serves the same faces */ }
            }
            _ready = true;
        }
    }
}
