namespace DocSign.Core.Intake;

/// <summary>One file of a hand-off package, as its manifest lists it.</summary>
public sealed record HandOffFile(string Name, string MediaType, string Sha256, long Size, string Description);

/// <summary>
/// What the sealed manifest sheet shows: the document, every file with its SHA-256, and the SHA-256 of manifest.json
/// itself (also written into the PDF's Keywords as <c>docsign-manifest-sha256:&lt;hex&gt;</c>, inside the sealed bytes).
/// </summary>
public sealed record HandOffSheet(string DocumentId, string Title, string Office, int Year, string CreatedAt, string CreatedBy,
    IReadOnlyList<HandOffFile> Files, string ManifestSha256);

/// <summary>Draws the manifest sheet that is then sealed with the office's e-seal (generated-PDF drawing lives in Infrastructure).</summary>
public interface IHandOffSheetRenderer
{
    byte[] Render(HandOffSheet sheet);
}
