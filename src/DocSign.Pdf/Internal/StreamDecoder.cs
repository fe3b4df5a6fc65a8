using System.IO.Compression;

namespace DocSign.Pdf.Internal;

/// <summary>Builds a lazy chain of decoding streams for a /Filter list. Nothing is decoded until read.</summary>
internal static class StreamDecoder
{
    public static List<(string Name, PdfDictionary? Parms)> GetFilters(PdfDictionary dict, PdfRevisionView? view, PdfLimits limits)
    {
        PdfObject R(PdfObject? o)
        {
            if (o is PdfReference)
            {
                if (view is null) throw new PdfException(PdfErrorKind.Malformed, "Indirect /Filter or /DecodeParms where it cannot be resolved");
                return view.Resolve(o);
            }
            return o ?? PdfNull.Instance;
        }
        var result = new List<(string, PdfDictionary?)>();
        var f = R(dict["Filter"]);
        var p = R(dict["DecodeParms"]);
        if (f is PdfName n)
        {
            result.Add((n.Value, R(p is PdfArray pa && pa.Count > 0 ? pa[0] : p) as PdfDictionary));
        }
        else if (f is PdfArray fa)
        {
            if (fa.Count > limits.MaxFilters)
                throw new PdfLimitExceededException(nameof(PdfLimits.MaxFilters), limits.MaxFilters, "Too many chained filters");
            for (int i = 0; i < fa.Count; i++)
            {
                if (R(fa[i]) is not PdfName fn) throw new PdfException(PdfErrorKind.Malformed, "/Filter array holds a non-name");
                PdfDictionary? parms = p is PdfArray parr ? (i < parr.Count ? R(parr[i]) as PdfDictionary : null) : (i == 0 ? p as PdfDictionary : null);
                result.Add((fn.Value, parms));
            }
        }
        else if (f is not PdfNull) throw new PdfException(PdfErrorKind.Malformed, "/Filter is neither a name nor an array");
        return result;
    }

    public static Stream Open(Stream raw, List<(string Name, PdfDictionary? Parms)> filters, bool strict)
    {
        var s = raw;
        foreach (var (name, parms) in filters)
        {
            switch (name)
            {
                case "FlateDecode" or "Fl":
                    s = Predictor(new FlateStream(s), parms);
                    break;
                case "ASCIIHexDecode" or "AHx":
                    s = new AsciiHexStream(s);
                    break;
                case "ASCII85Decode" or "A85":
                    s = new Ascii85Stream(s);
                    break;
                case "Crypt":
                    if (parms?.GetName("Name") is { } cn && cn != "Identity")
                        throw new PdfException(PdfErrorKind.Unsupported, "Encrypted stream (Crypt filter) cannot be decoded");
                    break;
                default:
                    if (strict) throw new PdfException(PdfErrorKind.Unsupported, $"Stream filter /{name} is not supported here");
                    return s; // image codecs: hand the data on still encoded
            }
        }
        return s;
    }

    private static Stream Predictor(Stream s, PdfDictionary? parms)
    {
        if (parms is null) return s;
        long predictor = parms.GetInteger("Predictor") ?? 1;
        if (predictor <= 1) return s;
        long colors = parms.GetInteger("Colors") ?? 1;
        long bpc = parms.GetInteger("BitsPerComponent") ?? 8;
        long columns = parms.GetInteger("Columns") ?? 1;
        if (colors is < 1 or > 32 || bpc is not (1 or 2 or 4 or 8 or 16) || columns is < 1 or > 1 << 24)
            throw new PdfException(PdfErrorKind.Malformed, "Bad predictor parameters");
        long rowBytes = (colors * bpc * columns + 7) / 8;
        if (rowBytes > 1 << 24) throw new PdfException(PdfErrorKind.Malformed, "Predictor rows too long");
        int bpp = (int)Math.Max(1, colors * bpc / 8);
        if (predictor == 2)
        {
            if (bpc != 8) throw new PdfException(PdfErrorKind.Unsupported, "TIFF predictor with other than 8 bits per component");
            return new PredictorStream(s, (int)rowBytes, bpp, png: false);
        }
        if (predictor >= 10) return new PredictorStream(s, (int)rowBytes, bpp, png: true);
        throw new PdfException(PdfErrorKind.Malformed, $"Unknown predictor {predictor}");
    }
}

/// <summary>Base for the read-only decoding streams.</summary>
internal abstract class ReadOnlyDecodeStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public abstract override int Read(Span<byte> buffer);
}

/// <summary>zlib (or, when the header is missing, raw deflate) decoding.</summary>
internal sealed class FlateStream : ReadOnlyDecodeStream
{
    private readonly Stream _inner;
    private Stream? _inflater;

    public FlateStream(Stream inner) => _inner = inner;

    public override int Read(Span<byte> buffer)
    {
        if (_inflater is null)
        {
            Span<byte> head = stackalloc byte[2];
            int n = 0;
            while (n < 2)
            {
                int r = _inner.Read(head[n..]);
                if (r <= 0) break;
                n += r;
            }
            var prefix = head[..n].ToArray();
            bool zlib = n == 2 && (prefix[0] & 0x0F) == 8 && ((prefix[0] << 8) | prefix[1]) % 31 == 0;
            var joined = new PrefixStream(prefix, _inner);
            _inflater = zlib ? new ZLibStream(joined, CompressionMode.Decompress) : new DeflateStream(joined, CompressionMode.Decompress);
        }
        return _inflater.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { _inflater?.Dispose(); _inner.Dispose(); }
        base.Dispose(disposing);
    }
}

internal sealed class PrefixStream(byte[] prefix, Stream inner) : ReadOnlyDecodeStream
{
    private int _pos;
    public override int Read(Span<byte> buffer)
    {
        if (_pos < prefix.Length)
        {
            int n = Math.Min(buffer.Length, prefix.Length - _pos);
            prefix.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }
        return inner.Read(buffer);
    }
}

/// <summary>PNG (per-row tag) and TIFF 2 predictors, one row in memory at a time.</summary>
internal sealed class PredictorStream : ReadOnlyDecodeStream
{
    private readonly Stream _inner;
    private readonly int _rowBytes, _bpp;
    private readonly bool _png;
    private byte[] _prev, _cur;
    private int _avail, _pos;
    private bool _eof;

    public PredictorStream(Stream inner, int rowBytes, int bpp, bool png)
    {
        _inner = inner;
        _rowBytes = rowBytes;
        _bpp = bpp;
        _png = png;
        _prev = new byte[rowBytes];
        _cur = new byte[rowBytes];
    }

    public override int Read(Span<byte> buffer)
    {
        if (_pos >= _avail)
        {
            if (_eof || !NextRow()) { _eof = true; return 0; }
        }
        int n = Math.Min(buffer.Length, _avail - _pos);
        _cur.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    private bool NextRow()
    {
        (_prev, _cur) = (_cur, _prev);
        int tag = 0;
        if (_png)
        {
            tag = _inner.ReadByte();
            if (tag < 0) return false;
        }
        int got = 0;
        while (got < _rowBytes)
        {
            int r = _inner.Read(_cur, got, _rowBytes - got);
            if (r <= 0) break;
            got += r;
        }
        if (got == 0) return false;
        var cur = _cur;
        var prev = _prev;
        int bpp = _bpp;
        if (!_png)
        {
            for (int i = bpp; i < got; i++) cur[i] = (byte)(cur[i] + cur[i - bpp]);
        }
        else
        {
            switch (tag)
            {
                case 0: break;
                case 1: for (int i = bpp; i < got; i++) cur[i] = (byte)(cur[i] + cur[i - bpp]); break;
                case 2: for (int i = 0; i < got; i++) cur[i] = (byte)(cur[i] + prev[i]); break;
                case 3:
                    for (int i = 0; i < got; i++)
                        cur[i] = (byte)(cur[i] + (((i >= bpp ? cur[i - bpp] : 0) + prev[i]) >> 1));
                    break;
                case 4:
                    for (int i = 0; i < got; i++)
                    {
                        int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                        cur[i] = (byte)(cur[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c));
                    }
                    break;
                default: throw new PdfException(PdfErrorKind.Malformed, $"Bad PNG predictor tag {tag}");
            }
        }
        _avail = got;
        _pos = 0;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}

internal sealed class AsciiHexStream(Stream inner) : ReadOnlyDecodeStream
{
    private readonly BufferedStream _in = new(inner, 8192);
    private bool _eof;

    public override int Read(Span<byte> buffer)
    {
        int n = 0;
        int hi = -1;
        while (n < buffer.Length && !_eof)
        {
            int c = _in.ReadByte();
            if (c < 0 || c == '>') { _eof = true; break; }
            if (Internal.PdfParser.IsWhite(c)) continue;
            int v = c switch { >= '0' and <= '9' => c - '0', >= 'a' and <= 'f' => c - 'a' + 10, >= 'A' and <= 'F' => c - 'A' + 10, _ => -1 };
            if (v < 0) throw new PdfException(PdfErrorKind.Malformed, "Bad character in ASCIIHex data");
            if (hi < 0) hi = v;
            else { buffer[n++] = (byte)(hi * 16 + v); hi = -1; }
        }
        if (hi >= 0) buffer[n++] = (byte)(hi * 16);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _in.Dispose();
        base.Dispose(disposing);
    }
}

internal sealed class Ascii85Stream(Stream inner) : ReadOnlyDecodeStream
{
    private readonly BufferedStream _in = new(inner, 8192);
    private readonly byte[] _out = new byte[4];
    private int _outLen, _outPos;
    private bool _eof, _ended;

    public override int Read(Span<byte> buffer)
    {
        int n = 0;
        while (n < buffer.Length)
        {
            if (_outPos < _outLen) { buffer[n++] = _out[_outPos++]; continue; }
            if (_eof || !NextGroup()) { _eof = true; break; }
        }
        return n;
    }

    private bool NextGroup()
    {
        uint v = 0;
        int count = 0;
        while (count < 5 && !_ended)
        {
            int c = _in.ReadByte();
            if (c < 0 || c == '~') { _ended = true; break; }
            if (Internal.PdfParser.IsWhite(c)) continue;
            if (c == 'z' && count == 0) { _out.AsSpan().Clear(); _outLen = 4; _outPos = 0; return true; }
            if (c < '!' || c > 'u') throw new PdfException(PdfErrorKind.Malformed, "Bad character in ASCII85 data");
            v = unchecked(v * 85 + (uint)(c - '!'));
            count++;
        }
        if (count == 0) return false;
        if (count == 1) throw new PdfException(PdfErrorKind.Malformed, "Bad final group in ASCII85 data");
        for (int i = count; i < 5; i++) v = unchecked(v * 85 + 84);
        _out[0] = (byte)(v >> 24); _out[1] = (byte)(v >> 16); _out[2] = (byte)(v >> 8); _out[3] = (byte)v;
        _outLen = count - 1;
        _outPos = 0;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _in.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// The outermost decode stream: counts what it hands out against the per-stream and per-file
/// limits before handing it out, checks the work guard, and turns codec failures into PdfException.
/// </summary>
internal sealed class BoundedDecodeStream(Stream inner, PdfFile file, WorkGuard guard, CancellationToken ct) : ReadOnlyDecodeStream
{
    private long _count;

    public override int Read(Span<byte> buffer)
    {
        ct.ThrowIfCancellationRequested();
        guard.Check();
        var limits = file.Limits;
        // Never produce more than one byte past the limit: the bomb stops where the limit is.
        long room = limits.MaxDecodedStreamBytes - _count + 1;
        if (buffer.Length > room) buffer = buffer[..(int)room];
        int n;
        try { n = inner.Read(buffer); }
        catch (InvalidDataException e) { throw new PdfException(PdfErrorKind.Malformed, "Compressed stream data is corrupt", -1, e); }
        catch (EndOfStreamException e) { throw new PdfException(PdfErrorKind.Truncated, "Compressed stream data ends early", -1, e); }
        _count += n;
        if (_count > limits.MaxDecodedStreamBytes)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxDecodedStreamBytes), limits.MaxDecodedStreamBytes, "A stream decodes to more data than allowed");
        file.CountDecoded(n);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A read-only window onto a seekable stream with its own position.</summary>
internal sealed class SubReadStream(Stream baseStream, long start, long length) : Stream
{
    private long _pos;
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _pos; set => _pos = Math.Clamp(value, 0, length); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override int Read(Span<byte> buffer)
    {
        long left = length - _pos;
        if (left <= 0) return 0;
        if (buffer.Length > left) buffer = buffer[..(int)left];
        baseStream.Position = start + _pos;
        int n = baseStream.Read(buffer);
        _pos += n;
        return n;
    }
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _pos + offset, _ => length + offset };
        return _pos;
    }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
