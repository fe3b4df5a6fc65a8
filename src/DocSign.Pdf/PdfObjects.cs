using DocSign.Pdf.Internal;
using System.Collections;
using System.Globalization;
using System.Text;

namespace DocSign.Pdf;

/// <summary>The kinds of PDF object (ISO 32000-2 §7.3), plus the writer-only placeholder.</summary>
public enum PdfObjectKind
{
    Null, Boolean, Integer, Real, String, Name, Array, Dictionary, Stream, Reference,
    /// <summary>A fixed-size slot the writer fills with zeros and the signer patches later.</summary>
    Placeholder,
}

/// <summary>
/// Base of every PDF object. Objects returned by <see cref="PdfFile"/> are frozen (shared by a cache,
/// so a caller must not be able to change what another caller sees); call <see cref="Clone"/> to get
/// an editable deep copy of the direct parts.
/// </summary>
public abstract class PdfObject
{
    /// <summary>Which kind of object this is.</summary>
    public abstract PdfObjectKind Kind { get; }

    /// <summary>True when the object came from a parsed file and may not be changed.</summary>
    public bool IsFrozen { get; private protected set; }

    internal virtual void Freeze() => IsFrozen = true;

    /// <summary>An editable deep copy of this object's direct content; indirect references stay references.</summary>
    public abstract PdfObject Clone();

    private protected void ThrowIfFrozen()
    {
        if (IsFrozen)
            throw new InvalidOperationException("This PDF object belongs to a parsed file and is read-only; call Clone() to edit a copy.");
    }

    /// <summary>
    /// Structural equality of two objects without resolving references: references compare by
    /// number and generation, streams by dictionary and by where their raw data lies. Use
    /// <see cref="PdfFile.ObjectsEqual"/> to compare stream data by content.
    /// </summary>
    public static bool ValueEquals(PdfObject? a, PdfObject? b) => PdfObjectComparer.Equal(a, b, null, 0);

    /// <summary>The object in PDF syntax (streams without data), for diagnostics.</summary>
    public override string ToString() => PdfSerializer.ToDisplayString(this);
}

/// <summary>The PDF null object.</summary>
public sealed class PdfNull : PdfObject
{
    /// <summary>The single null instance.</summary>
    public static readonly PdfNull Instance = new();
    private PdfNull() => IsFrozen = true;
    public override PdfObjectKind Kind => PdfObjectKind.Null;
    public override PdfObject Clone() => this;
}

/// <summary>A PDF boolean.</summary>
public sealed class PdfBoolean : PdfObject
{
    public static readonly PdfBoolean True = new(true);
    public static readonly PdfBoolean False = new(false);
    private PdfBoolean(bool value) { Value = value; IsFrozen = true; }
    public bool Value { get; }
    public static PdfBoolean Of(bool value) => value ? True : False;
    public override PdfObjectKind Kind => PdfObjectKind.Boolean;
    public override PdfObject Clone() => this;
}

/// <summary>A PDF integer (64-bit here; the spec's own limit is far lower).</summary>
public sealed class PdfInteger : PdfObject
{
    public PdfInteger(long value) { Value = value; IsFrozen = true; }
    public long Value { get; }
    public override PdfObjectKind Kind => PdfObjectKind.Integer;
    public override PdfObject Clone() => this;
}

/// <summary>A PDF real number.</summary>
public sealed class PdfReal : PdfObject
{
    public PdfReal(double value) { Value = value; IsFrozen = true; }
    public double Value { get; }
    /// <summary>Written with several signs (e.g. <c>--40</c>): read as the first sign says, as the common viewers
    /// do, but a form some readers take otherwise.</summary>
    public bool IsAmbiguous { get; init; }
    public override PdfObjectKind Kind => PdfObjectKind.Real;
    public override PdfObject Clone() => this;
}

/// <summary>
/// A PDF string: its decoded bytes, whether it was written in hex, and — when parsed from a file —
/// the absolute offsets of its first byte (<c>(</c> or <c>&lt;</c>) and last byte (<c>)</c> or
/// <c>&gt;</c>), which the verifier needs to match a /ByteRange gap against /Contents exactly.
/// </summary>
public sealed class PdfString : PdfObject
{
    private readonly byte[] _value;

    /// <summary>A new string (not from a file) holding <paramref name="value"/>.</summary>
    public PdfString(byte[] value, bool isHex = false) : this(value, isHex, -1, -1) { }

    internal PdfString(byte[] value, bool isHex, long start, long end)
    {
        _value = value;
        IsHex = isHex;
        StartOffset = start;
        EndOffset = end;
        IsFrozen = true;
    }

    /// <summary>The string's bytes after escapes / hex are decoded.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>A copy of <see cref="Value"/>.</summary>
    public byte[] ToArray() => (byte[])_value.Clone();

    /// <summary>True when the string was (or will be) written as &lt;hex&gt;.</summary>
    public bool IsHex { get; }

    /// <summary>Absolute file offset of the opening delimiter, or -1 when not parsed from the file itself (new, or inside an object stream).</summary>
    public long StartOffset { get; }

    /// <summary>Absolute file offset of the closing delimiter (inclusive), or -1.</summary>
    public long EndOffset { get; }

    /// <summary>True when the offsets refer to the file.</summary>
    public bool HasFileOffsets => StartOffset >= 0;

    /// <summary>A text string encoded as PDFDocEncoding when possible, else UTF-16BE with BOM.</summary>
    public static PdfString FromText(string text) => new(PdfTextEncoding.Encode(text));

    /// <summary>The string read as a PDF text string (UTF-16BE/UTF-8 BOM or PDFDocEncoding).</summary>
    public string ToText() => PdfTextEncoding.Decode(_value);

    public override PdfObjectKind Kind => PdfObjectKind.String;
    public override PdfObject Clone() => this;
}

/// <summary>
/// A PDF name. <see cref="Value"/> holds the decoded bytes of the name (after #xx escapes) mapped one
/// byte to one char (Latin-1), so any name survives a round trip byte for byte.
/// </summary>
public sealed class PdfName : PdfObject, IEquatable<PdfName>
{
    public PdfName(string value) { Value = value; IsFrozen = true; }
    /// <summary>Name without the leading slash.</summary>
    public string Value { get; }
    public override PdfObjectKind Kind => PdfObjectKind.Name;
    public override PdfObject Clone() => this;
    public bool Equals(PdfName? other) => other is not null && other.Value == Value;
    public override bool Equals(object? obj) => obj is PdfName n && Equals(n);
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    public static implicit operator PdfName(string value) => new(value);
}

/// <summary>A PDF array.</summary>
public sealed class PdfArray : PdfObject, IReadOnlyList<PdfObject>
{
    private readonly List<PdfObject> _items;
    public PdfArray() => _items = new();
    public PdfArray(IEnumerable<PdfObject> items) => _items = new(items);
    public PdfArray(params PdfObject[] items) => _items = new(items);
    internal PdfArray(List<PdfObject> items, bool _) => _items = items;

    public override PdfObjectKind Kind => PdfObjectKind.Array;
    public int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>, unresolved.</summary>
    public PdfObject this[int index]
    {
        get => _items[index];
        set { ThrowIfFrozen(); _items[index] = value ?? PdfNull.Instance; }
    }

    /// <summary>Appends an item (null becomes PdfNull). Throws when the array is frozen.</summary>
    public void Add(PdfObject item) { ThrowIfFrozen(); _items.Add(item ?? PdfNull.Instance); }
    /// <summary>Inserts an item. Throws when the array is frozen.</summary>
    public void Insert(int index, PdfObject item) { ThrowIfFrozen(); _items.Insert(index, item ?? PdfNull.Instance); }
    /// <summary>Removes an item. Throws when the array is frozen.</summary>
    public void RemoveAt(int index) { ThrowIfFrozen(); _items.RemoveAt(index); }

    /// <summary>An array of integers (or reals when not integral), e.g. a /Rect.</summary>
    public static PdfArray OfNumbers(params double[] values)
    {
        var a = new PdfArray();
        foreach (var v in values)
            a.Add(v == Math.Floor(v) && Math.Abs(v) < 1e15 ? new PdfInteger((long)v) : new PdfReal(v));
        return a;
    }

    public IEnumerator<PdfObject> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override void Freeze()
    {
        if (IsFrozen) return;
        base.Freeze();
        foreach (var i in _items) i.Freeze();
    }

    public override PdfObject Clone() => new PdfArray(_items.Select(i => i.Clone()));
}

/// <summary>A PDF dictionary. Keys are name values without the slash; insertion order is kept for output.</summary>
public sealed class PdfDictionary : PdfObject, IEnumerable<KeyValuePair<string, PdfObject>>
{
    private readonly Dictionary<string, PdfObject> _map = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    public override PdfObjectKind Kind => PdfObjectKind.Dictionary;
    public int Count => _map.Count;
    /// <summary>Keys in insertion (file) order.</summary>
    public IEnumerable<string> Keys => _order;

    /// <summary>The value for <paramref name="key"/> (unresolved), or null when absent.</summary>
    public PdfObject? this[string key]
    {
        get => _map.TryGetValue(key, out var v) ? v : null;
        set
        {
            if (value is null) Remove(key);
            else Set(key, value);
        }
    }

    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, out PdfObject value) => _map.TryGetValue(key, out value!);

    /// <summary>Sets a key (name without slash); returns this dictionary so calls chain. Throws when frozen.</summary>
    public PdfDictionary Set(string key, PdfObject value)
    {
        ThrowIfFrozen();
        SetInternal(key, value);
        return this;
    }

    internal void SetInternal(string key, PdfObject value)
    {
        if (!_map.ContainsKey(key)) _order.Add(key);
        _map[key] = value;
    }

    /// <summary>Removes a key; false when absent. Throws when frozen.</summary>
    public bool Remove(string key)
    {
        ThrowIfFrozen();
        if (!_map.Remove(key)) return false;
        _order.Remove(key);
        return true;
    }

    /// <summary>The value as a name (direct only), or null.</summary>
    public string? GetName(string key) => this[key] is PdfName n ? n.Value : null;

    /// <summary>The value as an integer (direct only), or null.</summary>
    public long? GetInteger(string key) => this[key] is PdfInteger i ? i.Value : null;

    public IEnumerator<KeyValuePair<string, PdfObject>> GetEnumerator()
    {
        foreach (var k in _order) yield return new(k, _map[k]);
    }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override void Freeze()
    {
        if (IsFrozen) return;
        base.Freeze();
        foreach (var v in _map.Values) v.Freeze();
    }

    public override PdfObject Clone() => CloneDictionary();

    /// <summary>Typed <see cref="Clone"/>.</summary>
    public PdfDictionary CloneDictionary()
    {
        var d = new PdfDictionary();
        foreach (var k in _order) d.SetInternal(k, _map[k].Clone());
        return d;
    }
}

/// <summary>
/// A PDF stream: its dictionary and either the location of its raw (still encoded) data in the file
/// (read lazily through <see cref="PdfFile.ReadRawStreamData"/> / <see cref="PdfFile.OpenDecodedStream"/>)
/// or, for a stream built in memory, its raw bytes.
/// </summary>
public sealed class PdfStream : PdfObject
{
    /// <summary>A new in-memory stream; <paramref name="encodedData"/> must already be encoded as /Filter says. /Length is set on output.</summary>
    public PdfStream(PdfDictionary dictionary, byte[] encodedData)
    {
        Dictionary = dictionary;
        Data = encodedData;
        DataOffset = -1;
        DataLength = encodedData.LongLength;
    }

    internal PdfStream(PdfDictionary dictionary, long dataOffset, long dataLength, PdfFile? source)
    {
        Dictionary = dictionary;
        DataOffset = dataOffset;
        DataLength = dataLength;
        Source = source;
    }

    /// <summary>The stream dictionary (frozen when parsed; /Length is rewritten on output).</summary>
    public PdfDictionary Dictionary { get; }

    /// <summary>In-memory encoded data, or null when the data lies in a file.</summary>
    public byte[]? Data { get; }

    /// <summary>Absolute offset of the first data byte in the file (after "stream" and its EOL), or -1.</summary>
    public long DataOffset { get; }

    /// <summary>Length of the raw data in bytes.</summary>
    public long DataLength { get; }

    internal PdfFile? Source { get; }

    /// <summary>The object number and generation whose key decrypts this stream's data in an encrypted file, or
    /// null when the data is stored in the clear (unencrypted file, cross-reference stream, Identity crypt filter).</summary>
    internal (int Num, int Gen)? CryptKey { get; init; }

    public override PdfObjectKind Kind => PdfObjectKind.Stream;

    internal override void Freeze()
    {
        if (IsFrozen) return;
        base.Freeze();
        Dictionary.Freeze();
    }

    /// <summary>A copy with an editable dictionary and the same data (still read from the same file when file-backed).</summary>
    public override PdfObject Clone() =>
        Data is not null ? new PdfStream(Dictionary.CloneDictionary(), Data) : new PdfStream(Dictionary.CloneDictionary(), DataOffset, DataLength, Source) { CryptKey = CryptKey };
}

/// <summary>An indirect reference <c>n g R</c>.</summary>
public sealed class PdfReference : PdfObject, IEquatable<PdfReference>
{
    public PdfReference(int objectNumber, int generation = 0)
    {
        ObjectNumber = objectNumber;
        Generation = generation;
        IsFrozen = true;
    }
    /// <summary>The object number (≥ 1 for real objects).</summary>
    public int ObjectNumber { get; }
    /// <summary>The generation number (0 for almost every object).</summary>
    public int Generation { get; }
    public override PdfObjectKind Kind => PdfObjectKind.Reference;
    public override PdfObject Clone() => this;
    public bool Equals(PdfReference? other) => other is not null && other.ObjectNumber == ObjectNumber && other.Generation == Generation;
    public override bool Equals(object? obj) => obj is PdfReference r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(ObjectNumber, Generation);
    public override string ToString() => $"{ObjectNumber} {Generation} R";
}
