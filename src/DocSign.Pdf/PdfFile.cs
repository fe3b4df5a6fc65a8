using DocSign.Pdf.Internal;

namespace DocSign.Pdf;

/// <summary>
/// A PDF opened for reading, built for hostile input: the file stays on its stream (never loaded
/// whole), objects are parsed lazily and cached, every attacker-controlled quantity is bounded by
/// <see cref="PdfLimits"/>, and a damaged cross-reference is reported as a <see cref="PdfException"/>,
/// never repaired (a verifier that repairs files repairs forgeries into validity).
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class PdfFile : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CancellationToken _ct;
    private readonly List<PdfRevisionView> _views = new();
    private long _decodedBytes;

    private readonly XrefReader _xref;
    private readonly ObjectLoader _objects;

    internal PdfInput Input { get; }
    internal WorkGuard Guard { get; }
    internal Stream BaseStream => _stream;
    internal CancellationToken Cancellation => _ct;
    internal WorkGuard.Scope EnterCall() => Guard.Enter(_ct);

    private PdfFile(Stream stream, bool leaveOpen, PdfLimits limits, CancellationToken ct)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _ct = ct;
        Limits = limits;
        Guard = new WorkGuard(limits.MaxCallDuration);
        Input = new PdfInput(stream);
        Length = Input.Length;
        _xref = new XrefReader(this);
        _objects = new ObjectLoader(this);
    }

    /// <summary>
    /// Opens a PDF: reads the header, the whole /Prev chain of cross-reference sections and each
    /// revision's end, but no object yet. The <paramref name="ct"/> also governs every later call on the file.
    /// </summary>
    /// <param name="stream">Readable, seekable; left open when <paramref name="leaveOpen"/> (the default).</param>
    /// <param name="limits">Bounds; <see cref="PdfLimits.Default"/> when null.</param>
    /// <param name="ct">Cancels any work on this file.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="PdfException">The file is not a readable PDF; <see cref="PdfException.ErrorKind"/> says why.</exception>
    /// <param name="password">For an encrypted file: the user or owner password; the empty password is tried when
    /// null. A file that does not open with it still opens, undecrypted, with <see cref="EncryptionProblem"/> set.</param>
    public static PdfFile Open(Stream stream, PdfLimits? limits = null, CancellationToken ct = default, bool leaveOpen = true, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var file = new PdfFile(stream, leaveOpen, limits ?? PdfLimits.Default, ct);
        try
        {
            using var _ = file.Guard.Enter(ct);
            file.Load();
            file.OpenSecurity(password);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens a PDF held in memory (tests, small files).</summary>
    public static PdfFile Open(byte[] data, PdfLimits? limits = null, CancellationToken ct = default, string? password = null) =>
        Open(new MemoryStream(data, writable: false), limits, ct, leaveOpen: false, password);

    /// <summary>The bounds in force.</summary>
    public PdfLimits Limits { get; }

    /// <summary>File length in bytes.</summary>
    public long Length { get; }

    /// <summary>Version from the header, e.g. "1.7".</summary>
    public string HeaderVersion { get; private set; } = "";

    /// <summary>Offset of "%PDF-" (normally 0).</summary>
    public long HeaderOffset { get; private set; }

    /// <summary>Revisions, oldest first; the last one is the current document.</summary>
    public IReadOnlyList<PdfRevision> Revisions { get; private set; } = [];

    /// <summary>The view of the current (latest) revision.</summary>
    public PdfRevisionView Latest => _views[^1];

    /// <summary>The latest trailer.</summary>
    public PdfDictionary Trailer => Latest.Trailer;

    /// <summary>The document catalog (/Root) of the latest revision.</summary>
    public PdfDictionary Catalog => Latest.Catalog;

    /// <summary>True when the trailer has /Encrypt. Strings and streams are read decrypted when <see cref="Security"/>
    /// is set (the password given, or the empty user password, opened the file); else they stay as stored.</summary>
    public bool IsEncrypted => Trailer.ContainsKey("Encrypt");

    /// <summary>The standard security handler that decrypts this file, or null (not encrypted, or not opened).</summary>
    public PdfStandardSecurity? Security { get; private set; }

    /// <summary>Why an encrypted file is not decrypted (null when it is, or is not encrypted), with its kind:
    /// <see cref="PdfErrorKind.PasswordRequired"/>, <see cref="PdfErrorKind.Unsupported"/> or <see cref="PdfErrorKind.Malformed"/>.</summary>
    public PdfException? EncryptionProblem { get; private set; }

    /// <summary>The object number of the /Encrypt dictionary (never decrypted), or -1.</summary>
    internal int EncryptObjectNumber { get; private set; } = -1;

    private void OpenSecurity(string? password)
    {
        if (!IsEncrypted) return;
        try
        {
            if (Trailer["Encrypt"] is PdfReference er) EncryptObjectNumber = er.ObjectNumber;
            if (Resolve(Trailer["Encrypt"]) is not PdfDictionary encrypt)
                throw new PdfException(PdfErrorKind.Malformed, "The trailer's /Encrypt is not a dictionary");
            var id = Trailer["ID"] is PdfArray { Count: > 0 } ids && ids[0] is PdfString first ? first.ToArray() : [];
            Security = PdfStandardSecurity.Open(encrypt, id, password);
            if (Security is null)
                EncryptionProblem = new PdfException(PdfErrorKind.PasswordRequired, password is null
                    ? "The file is encrypted with a user password (none was given)"
                    : "The password given opens neither as the user's nor as the owner's");
        }
        catch (PdfException e) { EncryptionProblem = e; }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // a hostile /Encrypt dictionary must end as "cannot be decrypted", never as a crash
            EncryptionProblem = new PdfException(PdfErrorKind.Malformed, "The encryption dictionary cannot be read: " + e.Message, -1, e);
        }
        // Objects read while opening the handler (the /Encrypt dictionary, /Length objects) were not decrypted: a
        // fresh cache, except the /Encrypt dictionary itself, which is never encrypted.
        if (Security is not null) _objects.ForgetUndecrypted(IsEncryptDictionary);
    }

    private bool IsEncryptDictionary(PdfObject o) => o is PdfDictionary d && d.GetName("Filter") == "Standard" && d.ContainsKey("O") && d.ContainsKey("U");

    /// <summary>Decoded bytes produced by stream decoding on this file so far (bounded by <see cref="PdfLimits.MaxDecodedBytesPerFile"/>).</summary>
    public long DecodedBytes => _decodedBytes;

    /// <summary>The objects as they were when revision <paramref name="index"/> was saved (0 = original).</summary>
    public PdfRevisionView AtRevision(int index) => _views[index];

    /// <summary>Resolves a reference (chains followed) in the latest revision; other objects are returned as is, null becomes <see cref="PdfNull"/>.</summary>
    public PdfObject Resolve(PdfObject? obj) => Latest.Resolve(obj);

    /// <summary>The object with that number in the latest revision, or <see cref="PdfNull"/>.</summary>
    public PdfObject GetObject(int objectNumber) => Latest.GetObject(objectNumber);

    /// <summary>The latest revision's pages, in order.</summary>
    public IReadOnlyList<PdfPage> GetPages() => Latest.GetPages();

    /// <summary>Compares two objects structurally, stream data by content.</summary>
    public bool ObjectsEqual(PdfObject? a, PdfObject? b)
    {
        using var _ = EnterCall();
        return PdfObjectComparer.Equal(a, b, this, 0);
    }

    /// <summary>A read-only view of bytes [offset, offset+length) of the file, e.g. to hash a byte range. Reads through the same stream: do not interleave with other calls.</summary>
    public Stream OpenRange(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), "Range outside the file.");
        return new SubReadStream(_stream, offset, length);
    }

    /// <summary>The raw (still encoded) data of a stream, bounded by <see cref="PdfLimits.MaxDecodedStreamBytes"/>.</summary>
    /// <remarks>In a decrypted file the data is decrypted (its filters still to apply).</remarks>
    public byte[] ReadRawStreamData(PdfStream stream)
    {
        if (stream.Data is not null) return stream.Data;
        if (stream.DataLength > Limits.MaxDecodedStreamBytes)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxDecodedStreamBytes), Limits.MaxDecodedStreamBytes, "Stream too large to load", stream.DataOffset);
        var buf = new byte[stream.DataLength];
        int n = Input.ReadAt(stream.DataOffset, buf);
        if (n != buf.Length) throw new PdfException(PdfErrorKind.Truncated, "Stream data runs past the end of the file", stream.DataOffset);
        return Decrypted(stream, buf);
    }

    private byte[] Decrypted(PdfStream stream, byte[] stored) =>
        stream.CryptKey is { } k && Security is { } sec && stream.Source == this ? sec.DecryptStream(stored, k.Num, k.Gen) : stored;

    /// <summary>The raw data of a stream as a stream over the file (not loaded; loaded and decrypted in an encrypted file).</summary>
    public Stream OpenRawStreamData(PdfStream stream) =>
        stream.Data is not null ? new MemoryStream(stream.Data, false)
        : stream.CryptKey is not null && Security is not null ? new MemoryStream(ReadRawStreamData(stream), false)
        : new SubReadStream(_stream, stream.DataOffset, stream.DataLength);

    /// <summary>
    /// The stream's data decoded through its /Filter chain, produced lazily and bounded: reading past
    /// <see cref="PdfLimits.MaxDecodedStreamBytes"/> (or the per-file total) throws <see cref="PdfLimitExceededException"/>.
    /// Supported: FlateDecode (PNG and TIFF predictors), ASCIIHexDecode, ASCII85Decode, Crypt/Identity.
    /// Image codecs (DCT, JPX, JBIG2, CCITTFax, RunLength, LZW) pass through undecoded unless <paramref name="strict"/>.
    /// </summary>
    public Stream OpenDecodedStream(PdfStream stream, bool strict = false)
    {
        using var _ = EnterCall();
        var filters = StreamDecoder.GetFilters(stream.Dictionary, Latest, Limits);
        return new BoundedDecodeStream(StreamDecoder.Open(OpenRawStreamData(stream), filters, strict), this, Guard, _ct);
    }

    /// <summary>Decodes a whole stream into memory (bounded as <see cref="OpenDecodedStream"/>).</summary>
    public byte[] ReadDecodedStreamData(PdfStream stream, bool strict = false)
    {
        using var s = OpenDecodedStream(stream, strict);
        var ms = new MemoryStream();
        s.CopyTo(ms, 64 * 1024);
        return ms.ToArray();
    }

    internal void CountDecoded(long n)
    {
        _decodedBytes += n;
        if (_decodedBytes > Limits.MaxDecodedBytesPerFile)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxDecodedBytesPerFile), Limits.MaxDecodedBytesPerFile, "Streams in this PDF decode to more data than allowed");
    }

    /// <summary>Offset of the first occurrence of <paramref name="pattern"/> in bytes [<paramref name="start"/>, <paramref name="end"/>) of the file, or -1.</summary>
    public long IndexOf(ReadOnlySpan<byte> pattern, long start, long end)
    {
        using var _ = EnterCall();
        return Input.IndexOf(pattern, Math.Max(0, start), Math.Min(Length, end), Guard);
    }

    /// <summary>
    /// Every object header ("num gen obj") in bytes [<paramref name="start"/>, <paramref name="end"/>) of the raw
    /// file, wherever it stands (inside strings and stream data too), as a viewer that rebuilds a damaged
    /// cross-reference by scanning finds them. Bounded by <see cref="PdfLimits.MaxObjects"/> headers.
    /// </summary>
    public IReadOnlyList<PdfObjectHeader> ScanObjectHeaders(long start, long end)
    {
        using var _ = EnterCall();
        return ObjectHeaderScanner.Scan(Input, Limits, Guard, Length, start, end);
    }

    private PdfLinearization? _linearization;
    private bool _linearizationRead;

    /// <summary>
    /// The linearization parameter dictionary (the file's first object, with /Linearized) and the first-page
    /// cross-reference section that follows it, read on their own as a viewer that trusts linearization reads
    /// them; null when the file is not linearized. Never throws for a broken first-page section: that is
    /// <see cref="PdfLinearization.Problem"/>.
    /// </summary>
    public PdfLinearization? Linearization
    {
        get
        {
            if (_linearizationRead) return _linearization;
            _linearizationRead = true;
            using var scope = EnterCall();
            long pos = HeaderOffset;
            var p = new PdfParser(Input, Limits, Guard);
            Input.Seek(pos + 5);
            while (Input.Peek() is >= 0 and not ('\r' or '\n')) Input.Read(); // rest of the header line
            PdfObject first;
            long objAt;
            try
            {
                p.SkipWhitespaceAndComments();
                objAt = Input.Position;
                first = ParseIndirectAt(objAt, -1, -1, null, out _, allowAnyObject: true);
            }
            catch (PdfException) { return null; }
            if (first is not PdfDictionary d || !d.ContainsKey("Linearized")) return null;
            long l = d.GetInteger("L") ?? -1;
            var lin = new PdfLinearization { DictionaryOffset = objAt, DeclaredLength = l };
            p.NextToken(); // endobj
            try
            {
                p.SkipWhitespaceAndComments();
                long sectionAt = Input.Position;
                lin.FirstPageXrefOffset = sectionAt;
                var section = _xref.ReadSection(sectionAt);
                lin.FirstPageEntries = section.Entries;
                lin.InMainChain = Revisions.Any(r => r.SectionOffsets.Contains(sectionAt));
            }
            catch (PdfException e) { lin.Problem = e.Message; }
            return _linearization = lin;
        }
    }

    /// <summary>Closes the stream unless it was opened with leaveOpen (the default for streams).</summary>
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }

    // ---------------------------------------------------------------- loading

    private void Load()
    {
        var (header, version, revisions) = _xref.ReadChain();
        HeaderOffset = header;
        HeaderVersion = version;
        Revisions = revisions;
        for (int i = 0; i < revisions.Count; i++) _views.Add(new PdfRevisionView(this, i));
        var root = Trailer["Root"];
        if (root is not PdfReference)
            throw new PdfException(PdfErrorKind.MissingObject, "The trailer has no /Root reference");
    }

    // ---------------------------------------------------------------- objects (Internal/ObjectLoader.cs)

    /// <summary>Parses "num gen obj ... endobj" at <paramref name="offset"/>; a wrong header means a broken xref.</summary>
    internal PdfObject ParseIndirectAt(long offset, int expectNum, int expectGen, PdfRevisionView? view, out int objectNumber, bool allowAnyObject = false) =>
        _objects.ParseIndirectAt(offset, expectNum, expectGen, view, out objectNumber, allowAnyObject);

    internal PdfObject LoadEntry(PdfXrefEntry e, PdfRevisionView view) => _objects.LoadEntry(e, view);
}
