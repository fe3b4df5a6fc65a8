namespace DocSign.Core.Offices;

/// <summary>
/// An office id in its one spelling: trimmed and lower case, as offices are stored (<c>kanigaran</c>). Every id that
/// comes from outside (a URL, a form, a setting, a request) becomes an <see cref="OfficeId"/> through <see cref="From"/>
/// before it is compared or handed to a port, so "Kanigaran ", "KANIGARAN" and "kanigaran" are one office. It reads as
/// its text wherever a string is expected (ports and records still carry office ids as text).
/// </summary>
public readonly struct OfficeId : IEquatable<OfficeId>
{
    /// <summary>The longest id the tables hold.</summary>
    public const int MaxLength = 64;

    private readonly string? _value;

    private OfficeId(string value) => _value = value;

    /// <summary>The normalised id; empty when none was given.</summary>
    public string Value => _value ?? "";

    /// <summary>Whether no id was given (null, empty or blank).</summary>
    public bool IsEmpty => Value.Length == 0;

    /// <summary>Whether it could name an office at all: given, and no longer than <see cref="MaxLength"/>.</summary>
    public bool IsWellFormed => !IsEmpty && Value.Length <= MaxLength;

    /// <summary>The id as DocSign spells it, whatever spelling <paramref name="officeId"/> came in.</summary>
    public static OfficeId From(string? officeId) => new((officeId ?? "").Trim().ToLowerInvariant());

    /// <summary>The id, or null when none was given (an optional office filter).</summary>
    public static OfficeId? FromOptional(string? officeId) => string.IsNullOrWhiteSpace(officeId) ? null : From(officeId);

    public static implicit operator string(OfficeId id) => id.Value;

    public bool Equals(OfficeId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is OfficeId other && Equals(other);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
    public static bool operator ==(OfficeId a, OfficeId b) => a.Equals(b);
    public static bool operator !=(OfficeId a, OfficeId b) => !a.Equals(b);
    public override string ToString() => Value;
}
