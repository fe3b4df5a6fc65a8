using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocSign.Signing;

/// <summary>
/// The pause between "prepare" and "complete" of a two-phase (remote / hardware token) signature: the
/// prepared file already holds the signature dictionary with a zero-filled /Contents; what the key
/// must sign is <see cref="DataToSign"/>. Holds no secret; store it (e.g. <see cref="ToJson"/>) while
/// waiting for the signing service, then call <see cref="PadesSigner.CompleteAsync"/>.
/// </summary>
public sealed record PreparedSignature
{
    /// <summary>Format version of this record.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The new signature field's name.</summary>
    public required string FieldName { get; init; }

    /// <summary>The /ByteRange written in the prepared file: [0, a, b, c].</summary>
    public required long[] ByteRange { get; init; }

    /// <summary>Offset of the first hex digit of /Contents (just after '&lt;').</summary>
    public required long ContentsOffset { get; init; }

    /// <summary>Bytes reserved for the DER CMS (hex digits = 2 × this).</summary>
    public required int ContentsReserve { get; init; }

    /// <summary>Length of the prepared file (it must not change before completion).</summary>
    public required long FileLength { get; init; }

    /// <summary>Digest algorithm name (e.g. "SHA256").</summary>
    public required string DigestAlgorithm { get; init; }

    /// <summary>The digest of the byte ranges (message-digest attribute).</summary>
    public required byte[] DocumentDigest { get; init; }

    /// <summary>DER SET OF signed attributes: exactly the bytes the key signs.</summary>
    public required byte[] DataToSign { get; init; }

    /// <summary>The signer's certificate (DER).</summary>
    public required byte[] SignerCertificate { get; init; }

    /// <summary>Chain above the signer (DER each), nearest issuer first.</summary>
    public required byte[][] Chain { get; init; }

    /// <summary>Requested level (B-B or B-T).</summary>
    public required PadesLevel Level { get; init; }

    /// <summary>TSA for B-T.</summary>
    public Uri? TsaUrl { get; init; }

    /// <summary>The key signs with RSASSA-PSS (see <see cref="SigningParameters.RsaPss"/>) rather than PKCS#1 v1.5.</summary>
    public bool RsaPss { get; init; }

    /// <summary>The digest algorithm as a <see cref="HashAlgorithmName"/>.</summary>
    [JsonIgnore]
    public HashAlgorithmName Hash => new(DigestAlgorithm);

    /// <summary>Serializes to JSON (byte arrays as base64).</summary>
    // Source-generated (PreparedSignatureJson): no reflection, so it also works in a trimmed / ahead-of-time compiled CLI.
    public string ToJson() => JsonSerializer.Serialize(this, PreparedSignatureJson.Default.PreparedSignature);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static PreparedSignature FromJson(string json) =>
        JsonSerializer.Deserialize(json, PreparedSignatureJson.Default.PreparedSignature)
        ?? throw new SigningException(SigningErrorCode.PreparedStateMismatch, "Data tanda tangan yang disiapkan kosong.");
}

/// <summary>The JSON shape of <see cref="PreparedSignature"/> (enums as names), generated at build time.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PreparedSignature))]
internal sealed partial class PreparedSignatureJson : JsonSerializerContext;
