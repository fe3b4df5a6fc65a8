using Microsoft.AspNetCore.Identity;

namespace DocSign.Infrastructure.Identity;

/// <summary>
/// DocSign's password rules, for every password Identity sets (account creation, change, reset): at least
/// <see cref="MinLength"/> characters, more than a few different characters, not a common password (the list in
/// <c>common-passwords.txt</c>, shipped with DocSign, also with digits or punctuation added at the end), and not
/// containing the user name or a part of it. Each refusal says in Bahasa Indonesia what to change.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<DocSignUser>
{
    public const int MinLength = 12;

    /// <summary>Fewer different characters than this is a pattern, not a password ("aaaaaaaaaaaa", "abababababab").</summary>
    public const int MinDistinctCharacters = 5;

    /// <summary>Parts of a user name shorter than this are not looked for ("uji" in "uji.budi" would refuse too much).</summary>
    public const int MinNamePart = 4;

    public const string TooShortCode = "PasswordTooShort";
    public const string TooSimpleCode = "PasswordTooSimple";
    public const string CommonCode = "PasswordCommon";
    public const string ContainsUserNameCode = "PasswordContainsUserName";

    public static readonly string TooShort = $"Kata sandi terlalu pendek: paling sedikit {MinLength} karakter.";
    public static readonly string TooSimple = $"Kata sandi terlalu mudah ditebak: pakai paling sedikit {MinDistinctCharacters} karakter yang berbeda.";
    public const string Common = "Kata sandi ini termasuk yang paling sering dipakai orang dan mudah ditebak. Pilih kata sandi lain, misalnya beberapa kata yang tidak berhubungan.";
    public const string ContainsUserName = "Kata sandi tidak boleh memuat nama pengguna (atau bagiannya).";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    /// <summary>Every rule the password breaks (empty when it is acceptable), as Identity errors with Bahasa descriptions.</summary>
    public static IReadOnlyList<IdentityError> Check(string? userName, string password)
    {
        var errors = new List<IdentityError>();
        if (password.Length < MinLength) errors.Add(new() { Code = TooShortCode, Description = TooShort });
        if (password.Distinct().Count() < MinDistinctCharacters) errors.Add(new() { Code = TooSimpleCode, Description = TooSimple });
        if (IsCommon(password)) errors.Add(new() { Code = CommonCode, Description = Common });
        if (ContainsName(userName, password)) errors.Add(new() { Code = ContainsUserNameCode, Description = ContainsUserName });
        return errors;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<DocSignUser> manager, DocSignUser user, string? password)
    {
        var errors = Check(user.UserName, password ?? "");
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>On the list as it is, or with only digits and punctuation added at the end.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (CommonPasswords.Value.Contains(lower)) return true;
        var end = lower.Length;
        while (end > 0 && (char.IsDigit(lower[end - 1]) || char.IsPunctuation(lower[end - 1]) || char.IsSymbol(lower[end - 1]) || char.IsWhiteSpace(lower[end - 1]))) end--;
        var stem = lower[..end];
        return stem.Length > 0 && stem.Length < lower.Length && CommonPasswords.Value.Contains(stem);
    }

    private static bool ContainsName(string? userName, string password)
    {
        if (string.IsNullOrWhiteSpace(userName)) return false;
        var lower = password.ToLowerInvariant();
        var name = userName.Trim().ToLowerInvariant();
        if (lower.Contains(name, StringComparison.Ordinal)) return true;
        return name.Split(['.', '-', '_', '@', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Any(part => part.Length >= MinNamePart && lower.Contains(part, StringComparison.Ordinal));
    }

    private static HashSet<string> Load()
    {
        var assembly = typeof(PasswordPolicy).Assembly;
        using var stream = assembly.GetManifestResourceStream("DocSign.Infrastructure.Identity.common-passwords.txt")
                           ?? throw new InvalidOperationException("common-passwords.txt is not embedded in DocSign.Infrastructure");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.ToLowerInvariant());
        }
        return set;
    }
}
