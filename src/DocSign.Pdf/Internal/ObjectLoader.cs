namespace DocSign.Pdf.Internal;

/// <summary>
/// Loads a file's indirect objects where its cross-reference puts them: "num gen obj … endobj" at an offset (a stream's
/// data bounded by its /Length, decrypted strings when the file is opened with its password) and objects inside object
/// streams; each object parsed once and cached, a self-dependent object (e.g. through its /Length) refused.
/// One loader per <see cref="PdfFile"/>.
/// </summary>
internal sealed class ObjectLoader(PdfFile file)
{
    private readonly PdfFile _file = file;
    private readonly Dictionary<long, PdfObject> _direct = new();
    private readonly Dictionary<(long, int), PdfObject> _compressed = new();
    private readonly Dictionary<long, ObjectStreamIndex> _objectStreams = new();
    private readonly HashSet<long> _resolving = new();

    private PdfInput Input => _file.Input;
    private PdfLimits Limits => _file.Limits;
    private WorkGuard Guard => _file.Guard;
    private long Length => _file.Length;
    private PdfStandardSecurity? Security => _file.Security;

    /// <summary>
    /// Forgets what was read before the security handler was opened (not decrypted then), except the objects
    /// <paramref name="keep"/> names (the /Encrypt dictionary, which is never encrypted).
    /// </summary>
    public void ForgetUndecrypted(Func<PdfObject, bool> keep)
    {
        foreach (var key in _direct.Where(kv => !keep(kv.Value)).Select(kv => kv.Key).ToList()) _direct.Remove(key);
        _compressed.Clear();
        _objectStreams.Clear();
    }

    /// <summary>Parses "num gen obj ... endobj" at <paramref name="offset"/>; a wrong header means a broken xref.</summary>
    public PdfObject ParseIndirectAt(long offset, int expectNum, int expectGen, PdfRevisionView? view, out int objectNumber, bool allowAnyObject = false)
    {
        var p = new PdfParser(Input, Limits, Guard);
        Input.Seek(offset);
        if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || p.IntValue > int.MaxValue)
            throw new PdfException(PdfErrorKind.BrokenXref, expectNum >= 0 ? $"Object {expectNum} is not where the cross-reference says" : allowAnyObject ? "No object here" : "No object where a cross-reference stream is expected", offset);
        objectNumber = (int)p.IntValue;
        long num = p.IntValue;
        if (p.NextToken() != TokenType.Integer)
            throw new PdfException(PdfErrorKind.BrokenXref, expectNum >= 0 ? $"Object {expectNum} is not where the cross-reference says" : "No object where a cross-reference stream is expected", offset);
        long gen = p.IntValue;
        p.NextToken();
        if (!p.IsKeyword("obj") || (expectNum >= 0 && (num != expectNum || gen != expectGen)))
            throw new PdfException(PdfErrorKind.BrokenXref, expectNum >= 0
                ? $"Object {expectNum} {expectGen} is not where the cross-reference says (found {num} {gen})"
                : $"No object header where a cross-reference stream is expected (found {num} {gen})", offset);
        var value = p.ParseObject();
        long afterValue = Input.Position;
        p.NextToken();
        if (p.IsKeyword("stream"))
        {
            if (value is not PdfDictionary dict) throw new PdfException(PdfErrorKind.Malformed, "stream keyword after a non-dictionary", p.TokenStart);
            // The EOL after "stream" is CRLF or LF (a lone CR is tolerated: some producers write it).
            int c = Input.Read();
            if (c == '\r') { if (Input.Peek() == '\n') Input.Read(); }
            else if (c != '\n') throw new PdfException(PdfErrorKind.Malformed, "stream keyword not followed by an end-of-line", p.TokenEnd);
            long dataOffset = Input.Position;
            long length = StreamLength(dict, view, offset);
            if (length < 0 || length > Length - dataOffset)
                throw new PdfException(PdfErrorKind.Malformed, $"Stream /Length {length} runs past the end of the file", dataOffset);
            Input.Seek(dataOffset + length);
            p.NextToken();
            if (!p.IsKeyword("endstream"))
                throw new PdfException(PdfErrorKind.Malformed, "Stream /Length does not end at endstream", dataOffset + length);
            bool encrypted = Security is not null && num != _file.EncryptObjectNumber && dict.GetName("Type") != "XRef";
            if (encrypted) Security!.DecryptStrings(dict, (int)num, (int)gen);
            var stream = new PdfStream(dict, dataOffset, length, _file)
            {
                CryptKey = encrypted && StreamIsEncrypted(dict) ? ((int)num, (int)gen) : null,
            };
            stream.Freeze();
            return stream;
        }
        Input.Seek(afterValue);
        if (Security is not null && num != _file.EncryptObjectNumber) value = Security.DecryptStrings(value, (int)num, (int)gen);
        value.Freeze();
        return value;
    }

    // Streams stored in the clear in an encrypted file: none when streams use the Identity filter, XMP metadata
    // when /EncryptMetadata is false, and a stream whose own /Crypt filter names Identity (the default name).
    private bool StreamIsEncrypted(PdfDictionary dict)
    {
        if (!Security!.EncryptsStreams) return false;
        if (!Security.EncryptMetadata && dict.GetName("Type") == "Metadata") return false;
        var filter = dict["Filter"];
        bool crypt = filter is PdfName { Value: "Crypt" } || (filter is PdfArray fa && fa.Count > 0 && fa[0] is PdfName { Value: "Crypt" });
        if (!crypt) return true;
        var parms = dict["DecodeParms"] is PdfArray pa ? (pa.Count > 0 ? pa[0] : null) : dict["DecodeParms"];
        return parms is PdfDictionary pd && pd.GetName("Name") is { } n && n != "Identity";
    }

    private long StreamLength(PdfDictionary dict, PdfRevisionView? view, long at)
    {
        var l = dict["Length"];
        if (l is PdfReference r)
        {
            if (view is null) throw new PdfException(PdfErrorKind.Malformed, "Indirect /Length where it cannot be resolved", at);
            long save = Input.Position;
            l = view.Resolve(r);
            Input.Seek(save);
        }
        return l is PdfInteger i ? i.Value : throw new PdfException(PdfErrorKind.Malformed, "Stream has no integer /Length", at);
    }

    public PdfObject LoadEntry(PdfXrefEntry e, PdfRevisionView view)
    {
        if (e.Type == PdfXrefEntryType.InUse)
        {
            if (_direct.TryGetValue(e.Offset, out var cached)) return cached;
            if (!_resolving.Add(e.Offset))
                throw new PdfException(PdfErrorKind.Cycle, $"Object {e.ObjectNumber} depends on itself (e.g. its /Length)", e.Offset);
            try
            {
                var obj = ParseIndirectAt(e.Offset, e.ObjectNumber, e.Generation, view, out _);
                _direct[e.Offset] = obj;
                return obj;
            }
            finally { _resolving.Remove(e.Offset); }
        }
        // Compressed: the object stream must itself be an uncompressed stream in this view.
        var container = view.GetEntry(e.ObjectStreamNumber);
        if (container is not { Type: PdfXrefEntryType.InUse } ce)
            throw new PdfException(PdfErrorKind.BrokenXref,
                container is { Type: PdfXrefEntryType.Compressed } ? $"Object stream {e.ObjectStreamNumber} is itself compressed (or contains itself)" : $"Object stream {e.ObjectStreamNumber} of object {e.ObjectNumber} does not exist");
        if (_compressed.TryGetValue((ce.Offset, e.IndexInStream), out var c)) return c;
        var index = LoadObjectStream(ce, view);
        if (e.IndexInStream >= index.Numbers.Length)
            throw new PdfException(PdfErrorKind.BrokenXref, $"Object {e.ObjectNumber} is past the end of object stream {e.ObjectStreamNumber}");
        if (index.Numbers[e.IndexInStream] != e.ObjectNumber)
            throw new PdfException(PdfErrorKind.BrokenXref, $"Object stream {e.ObjectStreamNumber} holds object {index.Numbers[e.IndexInStream]}, not {e.ObjectNumber}, at index {e.IndexInStream}");
        var input = new PdfInput(index.Data);
        var p = new PdfParser(input, Limits, Guard);
        long start = index.First + index.Offsets[e.IndexInStream];
        if (start > index.Data.Length) throw new PdfException(PdfErrorKind.Malformed, $"Object {e.ObjectNumber} lies outside its object stream");
        input.Seek(start);
        var value = p.ParseObject();
        if (value is PdfReference) { } // allowed
        value.Freeze();
        _compressed[(ce.Offset, e.IndexInStream)] = value;
        return value;
    }

    private sealed record ObjectStreamIndex(byte[] Data, int First, int[] Numbers, long[] Offsets);

    private ObjectStreamIndex LoadObjectStream(PdfXrefEntry ce, PdfRevisionView view)
    {
        if (_objectStreams.TryGetValue(ce.Offset, out var idx)) return idx;
        var obj = LoadEntry(ce, view);
        if (obj is not PdfStream s || s.Dictionary.GetName("Type") != "ObjStm")
            throw new PdfException(PdfErrorKind.BrokenXref, $"Object {ce.ObjectNumber} is not an object stream", ce.Offset);
        long n = s.Dictionary.GetInteger("N") ?? -1, first = s.Dictionary.GetInteger("First") ?? -1;
        if (n < 0 || first < 0) throw new PdfException(PdfErrorKind.Malformed, "Object stream without valid /N and /First", ce.Offset);
        if (n > Limits.MaxObjectsPerObjectStream)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxObjectsPerObjectStream), Limits.MaxObjectsPerObjectStream, "Object stream holds too many objects", ce.Offset);
        var data = _file.ReadDecodedStreamData(s, strict: true);
        if (first > data.Length) throw new PdfException(PdfErrorKind.Malformed, "Object stream /First is past its data", ce.Offset);
        var input = new PdfInput(data);
        var p = new PdfParser(input, Limits, Guard);
        var nums = new int[n];
        var offs = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || p.IntValue > int.MaxValue || input.Position > first)
                throw new PdfException(PdfErrorKind.Malformed, "Bad object stream header", ce.Offset);
            nums[i] = (int)p.IntValue;
            if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || input.Position > first)
                throw new PdfException(PdfErrorKind.Malformed, "Bad object stream header", ce.Offset);
            offs[i] = p.IntValue;
        }
        idx = new ObjectStreamIndex(data, (int)first, nums, offs);
        _objectStreams[ce.Offset] = idx;
        return idx;
    }
}
