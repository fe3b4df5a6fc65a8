using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DocSign.Pdf.Internal;

/// <summary>
/// Buffered random access over a seekable stream (or a byte array). Sealed and non-virtual so the
/// lexer's per-byte reads are a bounds check and an index, not a virtual call per byte.
/// </summary>
internal sealed class PdfInput
{
    private readonly Stream? _stream;
    private readonly byte[] _buffer;
    private long _bufferStart;   // file offset of _buffer[0]
    private int _bufferCount;    // valid bytes in _buffer
    private int _index;          // read position inside _buffer
    private bool _randomFill;    // the next fill follows a jump: read a small block, most jumps read one object

    public PdfInput(Stream stream, int bufferSize = 16 * 1024)
    {
        if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("The PDF stream must be readable and seekable.", nameof(stream));
        _stream = stream;
        _buffer = new byte[bufferSize];
        Length = stream.Length;
        IsFileBacked = true;
    }

    /// <summary>In-memory input (decoded object streams); offsets are not file offsets.</summary>
    public PdfInput(byte[] data)
    {
        _buffer = data;
        _bufferCount = data.Length;
        Length = data.Length;
    }

    public long Length { get; }
    public bool IsFileBacked { get; }

    public long Position
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _bufferStart + _index;
    }

    public void Seek(long position)
    {
        if (position < 0) position = 0;
        if (position > Length) position = Length;
        if (position >= _bufferStart && position <= _bufferStart + _bufferCount)
        {
            _index = (int)(position - _bufferStart);
            return;
        }
        _bufferStart = position;
        _bufferCount = 0;
        _index = 0;
        _randomFill = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek()
    {
        if (_index < _bufferCount) return _buffer[_index];
        return Fill() ? _buffer[_index] : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read()
    {
        if (_index < _bufferCount) return _buffer[_index++];
        return Fill() ? _buffer[_index++] : -1;
    }

    /// <summary>The buffered bytes from the current position (refilling when empty); empty at end of input.</summary>
    public ReadOnlySpan<byte> Available()
    {
        if (_index >= _bufferCount && !Fill()) return default;
        return _buffer.AsSpan(_index, _bufferCount - _index);
    }

    /// <summary>Consumes <paramref name="count"/> bytes of <see cref="Available"/>.</summary>
    public void Advance(int count) => _index += count;

    private bool Fill()
    {
        if (_stream is null) return false;
        long pos = _bufferStart + _index;
        if (pos >= Length) return false;
        _bufferStart = pos;
        _index = 0;
        _stream.Position = pos;
        int total = 0;
        int want = (int)Math.Min(_randomFill ? Math.Min(2048, _buffer.Length) : _buffer.Length, Length - pos);
        _randomFill = false;
        while (total < want)
        {
            int n = _stream.Read(_buffer, total, want - total);
            if (n <= 0) break;
            total += n;
        }
        _bufferCount = total;
        return total > 0;
    }

    /// <summary>Reads into <paramref name="dest"/> from <paramref name="offset"/> (fewer bytes at end of input). Does not move <see cref="Position"/>.</summary>
    public int ReadAt(long offset, Span<byte> dest)
    {
        if (offset >= Length || offset < 0) return 0;
        int want = (int)Math.Min(dest.Length, Length - offset);
        if (offset >= _bufferStart && offset + want <= _bufferStart + _bufferCount)
        {
            _buffer.AsSpan((int)(offset - _bufferStart), want).CopyTo(dest);
            return want;
        }
        Debug.Assert(_stream is not null);
        _stream!.Position = offset;
        int total = 0;
        while (total < want)
        {
            int n = _stream.Read(dest[total..want]);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>The last index of <paramref name="pattern"/> in [start, end), or -1.</summary>
    public long LastIndexOf(ReadOnlySpan<byte> pattern, long start, long end)
    {
        if (end - start < pattern.Length) return -1;
        var chunk = new byte[(int)Math.Min(end - start, 64 * 1024)];
        long pos = end;
        while (pos > start)
        {
            long from = Math.Max(start, pos - chunk.Length);
            int len = (int)(pos - from);
            int n = ReadAt(from, chunk.AsSpan(0, len));
            int i = chunk.AsSpan(0, n).LastIndexOf(pattern);
            if (i >= 0) return from + i;
            if (from == start) break;
            pos = from + pattern.Length - 1;
        }
        return -1;
    }

    /// <summary>The first index of <paramref name="pattern"/> in [start, end), or -1.</summary>
    public long IndexOf(ReadOnlySpan<byte> pattern, long start, long end, WorkGuard? guard = null)
    {
        if (end - start < pattern.Length) return -1;
        var chunk = new byte[(int)Math.Max(pattern.Length, Math.Min(end - start, 64 * 1024))];
        long pos = start;
        while (pos < end)
        {
            guard?.Check();
            int len = (int)Math.Min(chunk.Length, end - pos);
            int n = ReadAt(pos, chunk.AsSpan(0, len));
            if (n < pattern.Length) return -1;
            int i = chunk.AsSpan(0, n).IndexOf(pattern);
            if (i >= 0) return pos + i;
            if (pos + n >= end) break;
            pos += n - pattern.Length + 1;
        }
        return -1;
    }
}

/// <summary>
/// Bounds the total work of one public call: the caller's token plus <see cref="PdfLimits.MaxCallDuration"/>.
/// Checked every few thousand steps so that the check itself costs nothing measurable.
/// </summary>
internal sealed class WorkGuard
{
    private readonly TimeSpan _max;
    private CancellationToken _token;
    private long _deadline;
    private int _ticks;
    private int _depth;

    public WorkGuard(TimeSpan max) => _max = max;

    /// <summary>Starts (or joins, when nested) a public call.</summary>
    public Scope Enter(CancellationToken token)
    {
        if (_depth++ == 0)
        {
            _token = token;
            _deadline = Stopwatch.GetTimestamp() + (long)(_max.TotalSeconds * Stopwatch.Frequency);
            _ticks = 0;
        }
        return new Scope(this);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick()
    {
        if ((++_ticks & 0x3FF) == 0) Check();
    }

    public void Check()
    {
        _token.ThrowIfCancellationRequested();
        if (_deadline != 0 && Stopwatch.GetTimestamp() > _deadline)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxCallDuration), (long)_max.TotalMilliseconds, "Reading this PDF took longer than allowed (ms)");
    }

    public readonly struct Scope(WorkGuard guard) : IDisposable
    {
        public void Dispose()
        {
            if (--guard._depth == 0) { guard._deadline = 0; guard._token = default; }
        }
    }
}
