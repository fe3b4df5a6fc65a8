namespace DocSign.Pdf;

/// <summary>What a <see cref="PdfPlaceholder"/> serializes as.</summary>
public enum PdfPlaceholderKind
{
    /// <summary><c>&lt;00…00&gt;</c>: 2 × ByteCount hex digits between the angle brackets.</summary>
    HexString,
    /// <summary><c>[0 0000000000 0000000000 0000000000]</c>: four fixed-width (10 digit) integers.</summary>
    ByteRange,
}

/// <summary>
/// A slot of exact byte size reserved by <see cref="PdfIncrementalWriter"/>. After the update is written,
/// <see cref="Offset"/> is the absolute offset of its first byte and <see cref="Length"/> its size, so the
/// signer can hash around it and patch it in place with <see cref="PdfPlaceholderPatcher"/>.
/// </summary>
public sealed class PdfPlaceholder : PdfObject
{
    /// <summary>The fixed width of each number in a /ByteRange placeholder.</summary>
    public const int ByteRangeDigits = 10;

    private PdfPlaceholder(PdfPlaceholderKind kind, int byteCount)
    {
        PlaceholderKind = kind;
        ByteCount = byteCount;
        Length = kind == PdfPlaceholderKind.HexString ? 2 + 2L * byteCount : 1 + 1 + 3 * (1 + ByteRangeDigits) + 1;
    }

    /// <summary>A hex string placeholder holding up to <paramref name="byteCount"/> bytes (e.g. the CMS in /Contents).</summary>
    public static PdfPlaceholder HexString(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(byteCount);
        return new(PdfPlaceholderKind.HexString, byteCount);
    }

    /// <summary>A /ByteRange placeholder <c>[0 0000000000 0000000000 0000000000]</c>.</summary>
    public static PdfPlaceholder ByteRange() => new(PdfPlaceholderKind.ByteRange, 0);

    /// <summary>Hex string or byte range.</summary>
    public PdfPlaceholderKind PlaceholderKind { get; }

    /// <summary>For hex strings: the number of bytes of content it can take.</summary>
    public int ByteCount { get; }

    /// <summary>Serialized size in bytes, delimiters included.</summary>
    public long Length { get; }

    /// <summary>Absolute offset of the first byte (<c>&lt;</c> or <c>[</c>) once written, else -1.</summary>
    public long Offset { get; internal set; } = -1;

    public override PdfObjectKind Kind => PdfObjectKind.Placeholder;
    public override PdfObject Clone() => this;
}
