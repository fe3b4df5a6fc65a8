using System.Security.Cryptography;

namespace DocSign.Signing;

/// <summary>PAdES baseline levels (ETSI EN 319 142-1).</summary>
public enum PadesLevel
{
    /// <summary>Basic signature: CMS with signed attributes, claimed time in /M.</summary>
    BB,
    /// <summary>B-B plus an RFC 3161 signature time-stamp from a TSA.</summary>
    BT,
    /// <summary>B-T plus validation data in the document security store (produced by <c>extend</c>, not here).</summary>
    BLT,
    /// <summary>B-LT plus a document time-stamp (produced by <c>extend</c>, not here).</summary>
    BLTA,
}

/// <summary>
/// "What to sign": everything about one signature except the key. Keep it free of secrets so it can
/// be logged, stored with a prepared (two-phase) signature and replayed.
/// </summary>
public sealed record SigningParameters
{
    /// <summary>
    /// Name of the signature field (/T). Null picks "Signature1", "Signature2", ... not yet used. When the
    /// document already has an empty signature field of this name (prepared in a template), it is filled in
    /// place, visibly in its own rectangle when it has one (<see cref="Visible"/> then only overrides the texts).
    /// </summary>
    public string? FieldName { get; init; }

    /// <summary>B-B or B-T. B-LT/B-LTA are reached afterwards with an extension step.</summary>
    public PadesLevel Level { get; init; } = PadesLevel.BB;

    /// <summary>Why the signer signs (/Reason), e.g. "Menyetujui LKjIP 2025".</summary>
    public string? Reason { get; init; }

    /// <summary>Where (/Location), e.g. "Kanigaran, Kota Probolinggo".</summary>
    public string? Location { get; init; }

    /// <summary>Contact information (/ContactInfo).</summary>
    public string? ContactInfo { get; init; }

    /// <summary>Signer name for /Name; null takes the certificate's name.</summary>
    public string? SignerName { get; init; }

    /// <summary>
    /// The claimed signing time (/M). Null takes the signer's clock (<see cref="TimeProvider"/>);
    /// it is a claim, the time-stamp is the proof.
    /// </summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>Time-stamping authority URL, required for <see cref="PadesLevel.BT"/>.</summary>
    public Uri? TsaUrl { get; init; }

    /// <summary>The digest algorithm for the document and the signed attributes.</summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>
    /// Sign with RSASSA-PSS (MGF1 with the same hash, salt as long as the hash, as RFC 4055 recommends) instead of
    /// PKCS#1 v1.5. RSA keys only, and the token must offer PSS (<see cref="ISigningToken.SignPssAsync"/>).
    /// </summary>
    public bool RsaPss { get; init; }

    /// <summary>
    /// Makes this a certification signature (DocMDP, ISO 32000-2 §12.8.2.2) with this permission: 1 no change at all,
    /// 2 form filling and signing, 3 also annotations. Null (the default) makes an approval signature. Only the
    /// document's first signature may certify.
    /// </summary>
    public int? CertificationPermission { get; init; }

    /// <summary>A visible appearance; null makes an invisible signature (/Rect all zeros).</summary>
    public VisibleSignature? Visible { get; init; }

    /// <summary>
    /// Bytes reserved for the DER CMS in /Contents (the file holds twice as many hex digits).
    /// Null chooses from the chain size and level.
    /// </summary>
    public int? ContentsReserve { get; init; }
}

/// <summary>One line of a visible signature's text block.</summary>
/// <param name="Text">The text (WinAnsi; characters outside Latin-1 print as '?').</param>
/// <param name="Bold">Drawn in Helvetica-Bold instead of Helvetica.</param>
public sealed record AppearanceLine(string Text, bool Bold = false);

/// <summary>Where a visible signature goes and what it shows.</summary>
public sealed record VisibleSignature
{
    /// <summary>Page number, counted from 1.</summary>
    public required int Page { get; init; }

    /// <summary>Left edge in PDF points from the page's bottom-left (of its crop box).</summary>
    public required double X { get; init; }

    /// <summary>Bottom edge in PDF points.</summary>
    public required double Y { get; init; }

    /// <summary>Width in points.</summary>
    public required double Width { get; init; }

    /// <summary>Height in points.</summary>
    public required double Height { get; init; }

    /// <summary>Name shown; null takes it from the certificate.</summary>
    public string? Name { get; init; }

    /// <summary>NIP shown (18 digits, printed spaced); null takes it from the certificate.</summary>
    public string? Nip { get; init; }

    /// <summary>Jabatan shown, e.g. "Camat Kanigaran"; null takes the certificate's title.</summary>
    public string? Position { get; init; }

    /// <summary>Office shown, e.g. "Kecamatan Kanigaran"; null takes the certificate's OU.</summary>
    public string? Office { get; init; }

    /// <summary>The verification address the QR code points at; null leaves the QR code out.</summary>
    public Uri? VerificationUrl { get; init; }

    /// <summary>
    /// The text block exactly as the caller wants it (e.g. with "Plt." or "a.n." in the jabatan), replacing the
    /// lines built from <see cref="Name"/>, <see cref="Nip"/>, <see cref="Position"/> and <see cref="Office"/>.
    /// Null keeps the default block.
    /// </summary>
    public IReadOnlyList<AppearanceLine>? Lines { get; init; }

    /// <summary>
    /// A small line across the bottom of the box, under the QR code and the text, e.g. naming the certificate's
    /// issuer. Null draws none.
    /// </summary>
    public string? Footer { get; init; }

    /// <summary>Parses the CLI form "PAGE:X,Y,W,H".</summary>
    public static VisibleSignature Parse(string spec)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var parts = spec.Split(':', 2);
        var nums = parts.Length == 2 ? parts[1].Split(',') : [];
        if (parts.Length != 2 || nums.Length != 4 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, inv, out int page)
            || !nums.All(n => double.TryParse(n, System.Globalization.NumberStyles.Float, inv, out _)))
            throw new SigningException(SigningErrorCode.BadAppearanceRectangle,
                $"Format --visible salah: \"{spec}\". Gunakan HALAMAN:X,Y,LEBAR,TINGGI, misalnya 1:350,80,200,90.");
        var v = nums.Select(n => double.Parse(n, inv)).ToArray();
        return new VisibleSignature { Page = page, X = v[0], Y = v[1], Width = v[2], Height = v[3] };
    }
}
