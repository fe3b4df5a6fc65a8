namespace DocSign.Pdf;

/// <summary>Why a PDF could not be read or written. Every failure of the reader is one of these, never a crash.</summary>
public enum PdfErrorKind
{
    /// <summary>Not a PDF at all (no %PDF- header), or empty.</summary>
    NotPdf,
    /// <summary>Syntax the reader cannot accept (bad token, object, stream).</summary>
    Malformed,
    /// <summary>The file ends before a structure it announces.</summary>
    Truncated,
    /// <summary>The cross-reference data (startxref, xref table or stream, /Prev chain) is missing or points to the wrong place. Reported, never repaired.</summary>
    BrokenXref,
    /// <summary>A loop: /Prev chain, reference chain, page tree or object stream that contains itself.</summary>
    Cycle,
    /// <summary>A configured <see cref="PdfLimits"/> bound was reached (see <see cref="PdfLimitExceededException.Limit"/>).</summary>
    LimitExceeded,
    /// <summary>An object that should exist does not, or has the wrong type.</summary>
    MissingObject,
    /// <summary>A feature DocSign refuses (unknown security handlers, unknown stream filters where decoding is required).</summary>
    Unsupported,
    /// <summary>An encrypted file that opens only with a (user) password that was not given, or a wrong one.</summary>
    PasswordRequired,
}

/// <summary>A typed, explained failure to read or write a PDF.</summary>
public class PdfException : Exception
{
    /// <summary>A failure of <paramref name="kind"/>; <paramref name="offset"/> (or -1) is appended to the message.</summary>
    public PdfException(PdfErrorKind kind, string message, long offset = -1, Exception? inner = null)
        : base(offset >= 0 ? $"{message} (at byte {offset})" : message, inner)
    {
        ErrorKind = kind;
        Offset = offset;
    }

    /// <summary>What went wrong, for callers that react by kind.</summary>
    public PdfErrorKind ErrorKind { get; }

    /// <summary>File offset where it was noticed, or -1.</summary>
    public long Offset { get; }
}

/// <summary>A <see cref="PdfLimits"/> bound was reached; <see cref="Limit"/> names the property.</summary>
public sealed class PdfLimitExceededException : PdfException
{
    /// <summary>The <see cref="PdfLimits"/> property <paramref name="limit"/>, configured to <paramref name="value"/>, was exceeded.</summary>
    public PdfLimitExceededException(string limit, long value, string message, long offset = -1)
        : base(PdfErrorKind.LimitExceeded, $"{message} (limit {limit} = {value})", offset)
    {
        Limit = limit;
        LimitValue = value;
    }

    /// <summary>Name of the <see cref="PdfLimits"/> property that was exceeded.</summary>
    public string Limit { get; }

    /// <summary>The configured value of that limit.</summary>
    public long LimitValue { get; }
}
