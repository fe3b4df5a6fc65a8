namespace DocSign.Validation;

/// <summary>
/// The input could not be verified at all: not a PDF, damaged beyond reading, no signature, over a limit or out of
/// time. The message (Bahasa Indonesia) says why; the CLI exits 3 and the API answers 4xx.
/// </summary>
public sealed class VerificationInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VerificationInputException(string message, Exception? inner = null) : base(message, inner) { }
}
