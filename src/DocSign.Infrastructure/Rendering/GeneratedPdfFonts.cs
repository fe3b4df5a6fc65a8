using PdfSharp.Fonts;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// Fonts for every PDF DocSign draws itself: the Segoe WP faces shipped inside the PDFsharp package, embedded in
/// the output, so a letter looks the same on every machine and never depends on installed fonts.
/// </summary>
internal static class GeneratedPdfFonts
{
    public const string Family = "DocSignLetter";
    private static readonly object Gate = new();
    private static bool _ready;

    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "SegoeWP-Bold" : "SegoeWP", false, italic);

        public byte[]? GetFont(string faceName) =>
            faceName == "SegoeWP-Bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }

    /// <summary>Installs the resolver once per process (PDFsharp's font settings are global); another resolver already set stays first.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (_ready) return;
            // Every DocSign drawing installs a resolver of the same embedded faces (SegoeWP), so whichever came first serves
            // all; PDFsharp's settings are global and refuse a second resolver (or a fallback) once fonts were resolved.
            if (GlobalFontSettings.FontResolver is null)
            {
                try { GlobalFontSettings.FontResolver = new EmbeddedFonts(); }
                catch (InvalidOperationException) { /* another drawing installed its resolver first */ }
            }
            _ready = true;
        }
    }
}
