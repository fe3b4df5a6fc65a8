using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DocSign.Pdf.Internal;

internal enum TokenType
{
    Eof, Integer, Real, String, Name, ArrayStart, ArrayEnd, DictStart, DictEnd, Keyword, BraceOpen, BraceClose,
}

/// <summary>
/// The lexer: one token at a time (numbers, names, literal and hex strings, delimiters, keywords), every quantity
/// bounded by <see cref="PdfLimits"/> and every token ticking the work guard. Objects are built by
/// <see cref="PdfParser"/> on top of it.
/// </summary>
internal class PdfLexer
{
    private protected readonly PdfInput _in;
    private protected readonly PdfLimits _limits;
    private readonly WorkGuard _guard;
    private byte[] _scratch = new byte[256];
    private int _scratchLen;

    public TokenType Type;
    public long IntValue;
    public double RealValue;
    /// <summary>The last number token was written with more than one sign (viewers differ on such numbers).</summary>
    public bool NumberAmbiguous;
    public long TokenStart;
    public long TokenEnd; // inclusive
    public bool StringIsHex;

    public PdfLexer(PdfInput input, PdfLimits limits, WorkGuard guard)
    {
        _in = input;
        _limits = limits;
        _guard = guard;
    }

    public PdfInput Input => _in;

    public static bool IsWhite(int c) => c is 0 or 9 or 10 or 12 or 13 or 32;
    public static bool IsDelimiter(int c) => c is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsRegular(int c) => c >= 0 && !IsWhite(c) && !IsDelimiter(c);

    /// <summary>Current keyword / name / string token bytes.</summary>
    public ReadOnlySpan<byte> TokenBytes => _scratch.AsSpan(0, _scratchLen);

    public bool IsKeyword(string kw)
    {
        if (Type != TokenType.Keyword || _scratchLen != kw.Length) return false;
        for (int i = 0; i < kw.Length; i++)
            if (_scratch[i] != kw[i]) return false;
        return true;
    }

    public string KeywordText => Encoding.Latin1.GetString(_scratch, 0, _scratchLen);

    public void SkipWhitespaceAndComments()
    {
        while (true)
        {
            int c = _in.Peek();
            if (c < 0) return;
            if (IsWhite(c)) { _in.Read(); continue; }
            if (c == '%')
            {
                // A comment runs to the end of its line. Searched a buffer at a time: files padded with megabytes of
                // comment lines were read here byte by byte on every open.
                while (true)
                {
                    _guard.Check();
                    var span = _in.Available();
                    if (span.IsEmpty) break;
                    var end = span.IndexOfAny((byte)'\n', (byte)'\r');
                    if (end >= 0) { _in.Advance(end + 1); break; }
                    _in.Advance(span.Length);
                }
                continue;
            }
            return;
        }
    }

    private static readonly System.Buffers.SearchValues<byte> LiteralSpecials = System.Buffers.SearchValues.Create("()\\\r"u8);

    private void ScratchAddRange(ReadOnlySpan<byte> bytes, int max, string limitName)
    {
        if ((long)_scratchLen + bytes.Length > max)
            throw new PdfLimitExceededException(limitName, max, "A string or name in this PDF is too long", TokenStart);
        if (_scratchLen + bytes.Length > _scratch.Length)
            Array.Resize(ref _scratch, (int)Math.Min(Math.Max((long)_scratch.Length * 2, _scratchLen + bytes.Length), Math.Max(max, 16)));
        bytes.CopyTo(_scratch.AsSpan(_scratchLen));
        _scratchLen += bytes.Length;
    }

    private void ScratchAdd(byte b, int max, string limitName)
    {
        if (_scratchLen >= max)
            throw new PdfLimitExceededException(limitName, max, "A string or name in this PDF is too long", TokenStart);
        if (_scratchLen == _scratch.Length)
            Array.Resize(ref _scratch, (int)Math.Min((long)_scratch.Length * 2, Math.Max(max, 16)));
        _scratch[_scratchLen++] = b;
    }

    public TokenType NextToken()
    {
        _guard.Tick();
        SkipWhitespaceAndComments();
        TokenStart = _in.Position;
        _scratchLen = 0;
        int c = _in.Read();
        switch (c)
        {
            case -1: Type = TokenType.Eof; break;
            case '[': Type = TokenType.ArrayStart; break;
            case ']': Type = TokenType.ArrayEnd; break;
            case '{': Type = TokenType.BraceOpen; break;
            case '}': Type = TokenType.BraceClose; break;
            case '<':
                if (_in.Peek() == '<') { _in.Read(); Type = TokenType.DictStart; }
                else ReadHexString();
                break;
            case '>':
                if (_in.Peek() == '>') { _in.Read(); Type = TokenType.DictEnd; }
                else throw new PdfException(PdfErrorKind.Malformed, "Unexpected '>'", TokenStart);
                break;
            case '(':
                ReadLiteralString();
                break;
            case ')':
                throw new PdfException(PdfErrorKind.Malformed, "Unexpected ')'", TokenStart);
            case '/':
                ReadName();
                break;
            default:
                if (c is >= '0' and <= '9' or '+' or '-' or '.') ReadNumber(c);
                else ReadKeyword(c);
                break;
        }
        TokenEnd = _in.Position - 1;
        return Type;
    }

    private void ReadKeyword(int first)
    {
        ScratchAdd((byte)first, 256, "KeywordLength");
        while (IsRegular(_in.Peek()))
            ScratchAdd((byte)_in.Read(), 256, "KeywordLength");
        Type = TokenType.Keyword;
    }

    private void ReadNumber(int first)
    {
        NumberAmbiguous = false;
        ScratchAdd((byte)first, 64, "NumberLength");
        while (true)
        {
            int c = _in.Peek();
            if (c is >= '0' and <= '9' or '.' or '-' or '+') ScratchAdd((byte)_in.Read(), 64, "NumberLength");
            else break;
        }
        if (IsRegular(_in.Peek()))
        {
            // Not a number after all (e.g. "1a"): treat as a keyword so the caller rejects it.
            while (IsRegular(_in.Peek())) ScratchAdd((byte)_in.Read(), 256, "KeywordLength");
            Type = TokenType.Keyword;
            return;
        }
        var s = _scratch.AsSpan(0, _scratchLen);
        if (s.IndexOf((byte)'.') < 0 && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            IntValue = l;
            Type = TokenType.Integer;
            return;
        }
        // Tolerate the common "--5" / "-.5" / "5." forms; anything else is malformed. Several signs are read as
        // Acrobat, pdf.js and poppler read them: the first one decides ("--40" is -40, not +40); the number is
        // marked ambiguous so the verifier can treat a rectangle or flag written so as one viewers may disagree on.
        int i = 0;
        bool neg = s.Length > 0 && s[0] == '-';
        while (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
        NumberAmbiguous = i > 1;
        var rest = s[i..];
        if (rest.Length == 0 || rest.IndexOfAny((byte)'-', (byte)'+') >= 0 ||
            !double.TryParse(rest, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            if (rest.Length == 0 || rest.SequenceEqual("."u8)) { RealValue = 0; Type = TokenType.Real; return; }
            throw new PdfException(PdfErrorKind.Malformed, $"Bad number '{Encoding.Latin1.GetString(s)}'", TokenStart);
        }
        RealValue = neg ? -d : d;
        Type = TokenType.Real;
    }

    private void ReadName()
    {
        int max = _limits.MaxNameLength;
        while (true)
        {
            int c = _in.Peek();
            if (!IsRegular(c)) break;
            _in.Read();
            if (c == '#')
            {
                int h1 = HexVal(_in.Peek());
                if (h1 >= 0)
                {
                    _in.Read();
                    int h2 = HexVal(_in.Peek());
                    if (h2 >= 0) { _in.Read(); ScratchAdd((byte)(h1 * 16 + h2), max, nameof(PdfLimits.MaxNameLength)); continue; }
                    throw new PdfException(PdfErrorKind.Malformed, "Bad #xx escape in name", _in.Position);
                }
            }
            ScratchAdd((byte)c, max, nameof(PdfLimits.MaxNameLength));
        }
        Type = TokenType.Name;
    }

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    private static int HexVal(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private void ReadHexString()
    {
        int max = _limits.MaxStringLength;
        int hi = -1;
        Span<byte> chunk = stackalloc byte[512];
        while (true)
        {
            if (hi < 0)
            {
                // Runs of hex digits decoded straight from the buffer: signature /Contents are tens of kilobytes of
                // hex, read on every open of a signed file.
                var span = _in.Available();
                var run = span.IndexOfAnyExcept(HexDigits);
                run = (run < 0 ? span.Length : run) & ~1;
                if (run >= 2)
                {
                    run = Math.Min(run, chunk.Length * 2);
                    var n = run / 2;
                    for (int i = 0, j = 0; i < n; i++, j += 2) chunk[i] = (byte)(HexVal(span[j]) * 16 + HexVal(span[j + 1]));
                    ScratchAddRange(chunk[..n], max, nameof(PdfLimits.MaxStringLength));
                    _in.Advance(run);
                    _guard.Tick();
                    continue;
                }
            }
            int c = _in.Read();
            if (c < 0) throw new PdfException(PdfErrorKind.Truncated, "Hex string not closed", TokenStart);
            if (c == '>') break;
            if (IsWhite(c)) continue;
            int v = HexVal(c);
            if (v < 0) throw new PdfException(PdfErrorKind.Malformed, "Non-hex character in hex string", _in.Position - 1);
            if (hi < 0) hi = v;
            else { ScratchAdd((byte)(hi * 16 + v), max, nameof(PdfLimits.MaxStringLength)); hi = -1; }
            if ((_scratchLen & 0xFFF) == 0) _guard.Tick();
        }
        if (hi >= 0) ScratchAdd((byte)(hi * 16), max, nameof(PdfLimits.MaxStringLength));
        Type = TokenType.String;
        StringIsHex = true;
    }

    private void ReadLiteralString()
    {
        int max = _limits.MaxStringLength;
        int nesting = 1;
        while (true)
        {
            // Runs of ordinary bytes are copied in bulk; only delimiters, escapes and CR go byte by byte.
            var avail = _in.Available();
            int run = avail.IndexOfAny(LiteralSpecials);
            if (run < 0) run = avail.Length;
            if (run > 0)
            {
                ScratchAddRange(avail[..run], max, nameof(PdfLimits.MaxStringLength));
                _in.Advance(run);
                _guard.Tick();
                continue;
            }
            int c = _in.Read();
            if (c < 0) throw new PdfException(PdfErrorKind.Truncated, "Literal string not closed", TokenStart);
            switch (c)
            {
                case '(':
                    nesting++;
                    ScratchAdd((byte)c, max, nameof(PdfLimits.MaxStringLength));
                    break;
                case ')':
                    if (--nesting == 0) { Type = TokenType.String; StringIsHex = false; return; }
                    ScratchAdd((byte)c, max, nameof(PdfLimits.MaxStringLength));
                    break;
                case '\r':
                    if (_in.Peek() == '\n') _in.Read();
                    ScratchAdd((byte)'\n', max, nameof(PdfLimits.MaxStringLength));
                    break;
                case '\\':
                {
                    int e = _in.Read();
                    switch (e)
                    {
                        case -1: throw new PdfException(PdfErrorKind.Truncated, "Literal string not closed", TokenStart);
                        case 'n': ScratchAdd((byte)'\n', max, nameof(PdfLimits.MaxStringLength)); break;
                        case 'r': ScratchAdd((byte)'\r', max, nameof(PdfLimits.MaxStringLength)); break;
                        case 't': ScratchAdd((byte)'\t', max, nameof(PdfLimits.MaxStringLength)); break;
                        case 'b': ScratchAdd((byte)'\b', max, nameof(PdfLimits.MaxStringLength)); break;
                        case 'f': ScratchAdd((byte)'\f', max, nameof(PdfLimits.MaxStringLength)); break;
                        case '\r': if (_in.Peek() == '\n') _in.Read(); break; // line continuation
                        case '\n': break;
                        case >= '0' and <= '7':
                        {
                            int v = e - '0';
                            for (int k = 0; k < 2 && _in.Peek() is >= '0' and <= '7'; k++) v = v * 8 + (_in.Read() - '0');
                            ScratchAdd((byte)(v & 0xFF), max, nameof(PdfLimits.MaxStringLength));
                            break;
                        }
                        default: ScratchAdd((byte)e, max, nameof(PdfLimits.MaxStringLength)); break; // \( \) \\ and unknown escapes
                    }
                    break;
                }
                default:
                    ScratchAdd((byte)c, max, nameof(PdfLimits.MaxStringLength));
                    break;
            }
        }
    }
}
