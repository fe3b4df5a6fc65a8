namespace DocSign.Core.Problems;

/// <summary>What kind of refusal a use case gives; the web layer maps each to one HTTP status.</summary>
public enum ProblemKind
{
    /// <summary>Not signed in, or the account is gone (401).</summary>
    Unauthenticated,
    /// <summary>Bad input the caller can fix (400).</summary>
    Invalid,
    /// <summary>Upload larger than allowed (413).</summary>
    TooLarge,
    /// <summary>Not allowed for this person though they may see the thing (403).</summary>
    Forbidden,
    /// <summary>Missing, or hidden from this person (404).</summary>
    NotFound,
    /// <summary>Conflicts with concurrent work (409).</summary>
    Conflict,
    /// <summary>A dependency (database, object storage) is down; retrying later will pass (503).</summary>
    Unavailable,
    /// <summary>
    /// Too many attempts (wrong passphrases) or over a count limit (a daily cap): later it will pass (429, with
    /// Retry-After when <see cref="DocSignProblem.RetryAfter"/> is known).
    /// </summary>
    Throttled,
}

/// <summary>
/// A refusal with a message a clerk can act on, in Bahasa Indonesia. Thrown by use cases before
/// anything is changed (or after undoing what was started), so a refusal never leaves half-made state.
/// </summary>
public class DocSignProblem : Exception
{
    public DocSignProblem(ProblemKind kind, string userMessage, Exception? inner = null)
        : base(userMessage, inner)
    {
        Kind = kind;
        UserMessage = userMessage;
    }

    public ProblemKind Kind { get; }

    /// <summary>For <see cref="ProblemKind.Throttled"/>: how long the caller must wait before the next attempt, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Shown to the user as is (Bahasa Indonesia).</summary>
    public string UserMessage { get; }

    /// <summary>
    /// The existing thing the refusal is about (set with <see cref="About"/>), so that the refusal is audited. A 404
    /// for something that does not exist carries none and is not audited: guessed ids cannot flood the trail.
    /// </summary>
    public RefusedObject? Subject { get; private set; }

    /// <summary>Names the existing object this refusal protects (an office, a document, a letter); returns this problem.</summary>
    public DocSignProblem About(string? officeId, Guid? documentId = null, string? name = null)
    {
        Subject = new RefusedObject(officeId, documentId, name);
        return this;
    }

    public static DocSignProblem Invalid(string message) => new(ProblemKind.Invalid, message);
    public static DocSignProblem NotFound(string message = "Dokumen tidak ditemukan.") => new(ProblemKind.NotFound, message);
    public static DocSignProblem Forbidden(string message) => new(ProblemKind.Forbidden, message);
    public static DocSignProblem Throttled(TimeSpan retryAfter, string message) => new(ProblemKind.Throttled, message) { RetryAfter = retryAfter };
    public static DocSignProblem Unavailable(Exception inner) =>
        new(ProblemKind.Unavailable, "Penyimpanan sedang tidak dapat dihubungi. Tidak ada yang tersimpan; silakan coba lagi beberapa saat lagi.", inner);
}

/// <summary>What a refusal protected: the office, the document (if any), and a short name (a letter number).</summary>
public sealed record RefusedObject(string? OfficeId, Guid? DocumentId, string? Name);
