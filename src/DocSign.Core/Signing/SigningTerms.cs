namespace DocSign.Core.Signing;

/// <summary>PAdES baseline levels as the service offers them (ETSI EN 319 142-1).</summary>
public enum SignatureLevel
{
    BB = 0,
    BT = 1,
    BLT = 2,
    BLTA = 3,
}

/// <summary>What a signature means in the SOP: the head's signature, or a reviewer's approval (paraf) before it.</summary>
public enum SignatureKind
{
    Sign = 0,
    Paraf = 1,
}

/// <summary>
/// How a signer holds the head's signing power (Tata Naskah Dinas): as the head himself (definitif), as
/// pelaksana tugas (Plt., a vacant post), pelaksana harian (Plh., the head temporarily away), or atas nama
/// (a.n., on behalf of the head). Plt., Plh. and a.n. rest on a decree with a period.
/// </summary>
public enum SigningAuthorityKind
{
    Definitive = 0,
    Plt = 1,
    Plh = 2,
    AtasNama = 3,
}

/// <summary>Stable spellings on the wire and in the database (never renamed).</summary>
public static class SigningTerms
{
    public static string ToWire(this SignatureLevel level) => level switch
    {
        SignatureLevel.BB => "B-B",
        SignatureLevel.BT => "B-T",
        SignatureLevel.BLT => "B-LT",
        SignatureLevel.BLTA => "B-LTA",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParseLevel(string? text, out SignatureLevel level)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "B-B": level = SignatureLevel.BB; return true;
            case "B-T": level = SignatureLevel.BT; return true;
            case "B-LT": level = SignatureLevel.BLT; return true;
            case "B-LTA": level = SignatureLevel.BLTA; return true;
            default: level = default; return false;
        }
    }

    /// <summary>Levels past B-B need a time-stamping authority.</summary>
    public static bool NeedsTimestamp(this SignatureLevel level) => level != SignatureLevel.BB;

    public static string ToWire(this SignatureKind kind) => kind == SignatureKind.Paraf ? "paraf" : "sign";

    public static bool TryParseKind(string? text, out SignatureKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "sign": kind = SignatureKind.Sign; return true;
            case "paraf": kind = SignatureKind.Paraf; return true;
            default: kind = default; return false;
        }
    }

    public static string ToWire(this SigningAuthorityKind kind) => kind switch
    {
        SigningAuthorityKind.Definitive => "definitive",
        SigningAuthorityKind.Plt => "plt",
        SigningAuthorityKind.Plh => "plh",
        SigningAuthorityKind.AtasNama => "an",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseAuthority(string? text, out SigningAuthorityKind kind)
    {
        switch (text?.Trim().ToLowerInvariant().TrimEnd('.'))
        {
            case null or "" or "definitive" or "definitif": kind = SigningAuthorityKind.Definitive; return true;
            case "plt": kind = SigningAuthorityKind.Plt; return true;
            case "plh": kind = SigningAuthorityKind.Plh; return true;
            case "an" or "a.n" or "atas-nama" or "atas nama": kind = SigningAuthorityKind.AtasNama; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>The prefix written before the head's jabatan: "Plt.", "Plh.", "a.n." or nothing.</summary>
    public static string? Prefix(this SigningAuthorityKind kind) => kind switch
    {
        SigningAuthorityKind.Plt => "Plt.",
        SigningAuthorityKind.Plh => "Plh.",
        SigningAuthorityKind.AtasNama => "a.n.",
        _ => null,
    };
}
