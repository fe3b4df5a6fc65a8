using DocSign.Validation.Reports;
using DocSign.Validation;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// Fonts for every PDF DocSign draws itself: the engine's one embedded resolver (<see cref="EmbeddedPdfFonts"/>), so a
/// letter looks the same on every machine and never depends on installed fonts.
/// </summary>
internal static class GeneratedPdfFonts
{
    public const string Family = EmbeddedPdfFonts.Family;

    /// <summary>Installs the embedded resolver once per process.</summary>
    public static void Ensure() => EmbeddedPdfFonts.Ensure();
}
