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
}
