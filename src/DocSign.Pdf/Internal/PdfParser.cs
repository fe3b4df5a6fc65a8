using System.Text;

namespace DocSign.Pdf.Internal;

/// <summary>
/// Recursive-descent object parser over <see cref="PdfLexer"/>'s tokens with an explicit depth counter: recursion never
/// goes deeper than <see cref="PdfLimits.MaxNestingDepth"/>, so a 200,000-level array is a typed error after a few
/// hundred bytes, not a stack overflow.
/// </summary>
internal sealed class PdfParser(PdfInput input, PdfLimits limits, WorkGuard guard) : PdfLexer(input, limits, guard)
{
    /// <summary>Parses one object starting with the next token.</summary>
    public PdfObject ParseObject()
    {
        NextToken();
        return ParseFromCurrent(0);
    }

    /// <summary>Parses an object whose first token has just been read.</summary>
    public PdfObject ParseFromCurrent(int depth)
    {
        switch (Type)
        {
            case TokenType.Integer:
            {
                long v = IntValue;
                long start = TokenStart;
                if (v >= 0 && v <= int.MaxValue)
                {
                    long save = _in.Position;
                    NextToken();
                    if (Type == TokenType.Integer && IntValue >= 0 && IntValue <= 65535)
                    {
                        long gen = IntValue;
                        NextToken();
                        if (IsKeyword("R")) return new PdfReference((int)v, (int)gen);
                    }
                    _in.Seek(save);
                    Type = TokenType.Integer;
                    IntValue = v;
                    TokenStart = start;
                }
                return new PdfInteger(v);
            }
            case TokenType.Real: return new PdfReal(RealValue) { IsAmbiguous = NumberAmbiguous };
            case TokenType.String:
            {
                var bytes = TokenBytes.ToArray();
                return _in.IsFileBacked ? new PdfString(bytes, StringIsHex, TokenStart, TokenEnd) : new PdfString(bytes, StringIsHex);
            }
            case TokenType.Name: return new PdfName(Encoding.Latin1.GetString(TokenBytes));
            case TokenType.ArrayStart:
            {
                if (depth + 1 > _limits.MaxNestingDepth)
                    throw new PdfLimitExceededException(nameof(PdfLimits.MaxNestingDepth), _limits.MaxNestingDepth, "Arrays and dictionaries nested too deeply", TokenStart);
                var items = new List<PdfObject>();
                while (true)
                {
                    NextToken();
                    if (Type == TokenType.ArrayEnd) break;
                    if (Type == TokenType.Eof) throw new PdfException(PdfErrorKind.Truncated, "Array not closed", _in.Position);
                    if (items.Count >= _limits.MaxCollectionSize)
                        throw new PdfLimitExceededException(nameof(PdfLimits.MaxCollectionSize), _limits.MaxCollectionSize, "Array too large", TokenStart);
                    items.Add(ParseFromCurrent(depth + 1));
                }
                return new PdfArray(items, true);
            }
            case TokenType.DictStart:
            {
                if (depth + 1 > _limits.MaxNestingDepth)
                    throw new PdfLimitExceededException(nameof(PdfLimits.MaxNestingDepth), _limits.MaxNestingDepth, "Arrays and dictionaries nested too deeply", TokenStart);
                var dict = new PdfDictionary();
                while (true)
                {
                    NextToken();
                    if (Type == TokenType.DictEnd) break;
                    if (Type == TokenType.Eof) throw new PdfException(PdfErrorKind.Truncated, "Dictionary not closed", _in.Position);
                    if (Type != TokenType.Name) throw new PdfException(PdfErrorKind.Malformed, "Dictionary key is not a name", TokenStart);
                    var key = Encoding.Latin1.GetString(TokenBytes);
                    long keyAt = TokenStart;
                    NextToken();
                    if (Type == TokenType.DictEnd) throw new PdfException(PdfErrorKind.Malformed, $"Dictionary key /{key} has no value", keyAt);
                    if (Type == TokenType.Eof) throw new PdfException(PdfErrorKind.Truncated, "Dictionary not closed", _in.Position);
                    var value = ParseFromCurrent(depth + 1);
                    if (dict.Count >= _limits.MaxCollectionSize)
                        throw new PdfLimitExceededException(nameof(PdfLimits.MaxCollectionSize), _limits.MaxCollectionSize, "Dictionary too large", keyAt);
                    // A duplicated key is ambiguous (readers disagree on which wins): refuse rather than guess.
                    if (dict.ContainsKey(key))
                        throw new PdfException(PdfErrorKind.Malformed, $"Dictionary key /{key} appears twice", keyAt);
                    dict.SetInternal(key, value);
                }
                return dict;
            }
            case TokenType.Keyword:
                if (IsKeyword("true")) return PdfBoolean.True;
                if (IsKeyword("false")) return PdfBoolean.False;
                if (IsKeyword("null")) return PdfNull.Instance;
                throw new PdfException(PdfErrorKind.Malformed, $"Unexpected keyword '{Truncate(KeywordText)}'", TokenStart);
            case TokenType.Eof:
                throw new PdfException(PdfErrorKind.Truncated, "Unexpected end of data", TokenStart);
            default:
                throw new PdfException(PdfErrorKind.Malformed, $"Unexpected token {Type}", TokenStart);
        }
    }

    private static string Truncate(string s) => s.Length > 32 ? s[..32] + "…" : s;
}
