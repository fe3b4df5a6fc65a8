using DocSign.Core.Signing;
using DocSign.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal static class SigningColumns
{
    public static SignatureKind Kind(string s) => SigningTerms.TryParseKind(s, out var k) ? k : throw new InvalidOperationException($"Unknown signature kind '{s}' in database.");
    public static SigningAuthorityKind Authority(string s) => SigningTerms.TryParseAuthority(s, out var k) ? k : throw new InvalidOperationException($"Unknown authority '{s}' in database.");
    public static SignatureLevel Level(string s) => SigningTerms.TryParseLevel(s, out var l) ? l : throw new InvalidOperationException($"Unknown level '{s}' in database.");

    /// <summary>The enrolment's signing method as stored: pkcs12, bsre, pkcs11, bsre-seal.</summary>
    public static string MethodWire(SigningMethod m) => m switch
    {
        SigningMethod.Bsre => "bsre",
        SigningMethod.Pkcs11 => "pkcs11",
        SigningMethod.BsreSeal => "bsre-seal",
        _ => "pkcs12",
    };

    public static SigningMethod Method(string s) => s switch
    {
        "pkcs12" => SigningMethod.Pkcs12,
        "bsre" => SigningMethod.Bsre,
        "pkcs11" => SigningMethod.Pkcs11,
        "bsre-seal" => SigningMethod.BsreSeal,
        _ => throw new InvalidOperationException($"Unknown signing method '{s}' in database."),
    };
}
