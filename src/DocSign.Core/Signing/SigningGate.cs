using DocSign.Core.Documents;

namespace DocSign.Core.Signing;

/// <summary>What the gate of <see cref="SignDocumentHandler"/> established for one document: who signs which version with which enrolment, and when.</summary>
internal sealed record SigningGate(Document Document, SignatureKind Kind, OfficeSigningPolicy? Policy, SignerEnrolment Enrolment, DocumentVersion Pending, DateTimeOffset Now,
    StandIns.ActingAssignment? StandIn = null);

/// <summary>One document ready for its provider: the work files (removed on dispose), what to sign, and its public page.</summary>
internal sealed class PreparedDocumentSignature(SigningGate gate, FileStream input, FileStream output, SignatureRequest request,
    string publicId, Uri publicUrl, StampPlacement? box, string officeName) : IAsyncDisposable
{
    public SigningGate Gate { get; } = gate;
    public FileStream Input { get; } = input;
    public FileStream Output { get; } = output;
    public SignatureRequest Request { get; } = request;
    public string PublicId { get; } = publicId;
    public Uri PublicUrl { get; } = publicUrl;
    public StampPlacement? Box { get; } = box;
    public string OfficeName { get; } = officeName;

    public async ValueTask DisposeAsync()
    {
        await Input.DisposeAsync();
        await Output.DisposeAsync();
    }
}
