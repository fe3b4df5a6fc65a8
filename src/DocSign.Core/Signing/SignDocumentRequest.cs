using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Core.Verification;

namespace DocSign.Core.Signing;

/// <summary>
/// <c>POST /api/documents/{id}/sign</c> (and <c>/paraf</c>): the passphrase for this one signature and, optionally,
/// the stamp's box. The text form never shows the passphrase.
/// </summary>
public sealed class SignDocumentRequest
{
    public required Guid DocumentId { get; init; }
    public SignatureKind Kind { get; init; } = SignatureKind.Sign;
    public string? Passphrase { get; init; }

    /// <summary>A BSrE one-time code instead of the passphrase (signers enrolled with BSrE only).</summary>
    public string? Totp { get; init; }
    public int? Page { get; init; }
    public double? X { get; init; }
    public double? Y { get; init; }
    public double? Width { get; init; }
    public double? Height { get; init; }

    /// <summary>The stamp's box when one is given (all of page, x, y, width, height), checked; null for the default place.</summary>
    internal StampPlacement? Box()
    {
        var coordinates = new double?[] { X, Y, Width, Height };
        if (coordinates.All(c => c is null))
        {
            if (Page is not null)
                throw DocSignProblem.Invalid("Bila halaman (page) diisi, isi juga x, y, width dan height kotak tanda tangan.");
            return null;
        }
        if (coordinates.Any(c => c is null) || Page is null)
            throw DocSignProblem.Invalid("Kotak tanda tangan harus lengkap: page, x, y, width dan height (poin PDF dari kiri bawah).");
        if (coordinates.Any(c => !double.IsFinite(c!.Value)) || X < 0 || Y < 0 || Page < 1)
            throw DocSignProblem.Invalid("Kotak tanda tangan tidak sah: halaman mulai dari 1, x dan y tidak boleh negatif.");
        if (Width < SignDocumentHandler.MinWidth || Height < SignDocumentHandler.MinHeight)
            throw DocSignProblem.Invalid($"Kotak tanda tangan terlalu kecil; paling kecil {SignDocumentHandler.MinWidth:0} x {SignDocumentHandler.MinHeight:0} poin agar tetap terbaca.");
        return new StampPlacement(Page.Value, X!.Value, Y!.Value, Width!.Value, Height!.Value);
    }

    public override string ToString() => $"SignDocumentRequest({DocumentId}, {Kind.ToWire()}, page {Page}, box {X},{Y},{Width},{Height})";
}

/// <summary>The signed version, the record behind its QR code, and the verification of the stored bytes.</summary>
public sealed record SignDocumentResult(DocumentVersion Version, SignatureRecord Signature, Uri PublicUrl, VerificationResult? Verification);
