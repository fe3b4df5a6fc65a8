using System.Security.Cryptography;
using DocSign.Validation.Crypto;
using DocSign.Validation.PdfStructure;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Evidence;

/// <summary>The facts gathered about one signature or document timestamp; <see cref="Result"/> is filled in as they are found and judged.</summary>
internal sealed class SignatureEvidence
{
    public required PdfSignatureField Field { get; init; }
    public required SignatureResult Result { get; init; }
    public bool FormatOk = true;
    public CmsSignedData? Cms;
    public HashAlgorithmName? RangeAlg;
    public string? RangeKey;
    public CmsCheck? CmsCheck;
    public TimestampCheck? Timestamp;        // signature timestamp, or the DTS itself
    public bool TimestampUsable;             // crypto valid and TSA chain trusted
    public ChainResult? Chain;
    public EmbeddedRevocation CmsRevocation = new();
    public ModificationResult? Mods;
}

/// <summary>Everything the collector found in one file: each signature's facts, the DSS, and the revisions that wrote it.</summary>
internal sealed record DocumentEvidence(List<SignatureEvidence> Entries, EmbeddedRevocation Dss, List<int> DssRevisions);
