using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Identity;

namespace DocSign.Infrastructure.Tests.Identity;

/// <summary>The password rules: long enough, not a pattern, not a common password, not the user name.</summary>
public sealed class PasswordPolicyTests
{
    private static IReadOnlyList<string> Codes(string userName, string password) =>
        PasswordPolicy.Check(userName, password).Select(e => e.Code).ToList();

    [Theory]
    [InlineData("camat.kanigaran", "sebelas-hrf")]                // 11 characters
    [InlineData("camat.kanigaran", "pendek")]
    public void Fewer_than_twelve_characters_are_refused(string user, string password) =>
        Codes(user, password).ShouldContain(PasswordPolicy.TooShortCode);

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaa")]                                     // the 10 repeated letters
    [InlineData("abababababababab")]
    public void One_repeated_letter_or_a_short_pattern_is_refused(string password) =>
        Codes("staf.kanigaran", password).ShouldContain(PasswordPolicy.TooSimpleCode);

    [Theory]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopas")]
    [InlineData("Password1234")]                                   // on the list with digits added, any case
    [InlineData("bismillah123!")]
    [InlineData("ALHAMDULILLAH")]
    [InlineData("indonesia2026")]
    public void A_common_password_is_refused_also_with_digits_added(string password) =>
        Codes("staf.kanigaran", password).ShouldContain(PasswordPolicy.CommonCode);

    [Theory]
    [InlineData("camat.kanigaran", "camat.kanigaran-2026")]
    [InlineData("camat.kanigaran", "Kanigaran-jaya-7")]
    [InlineData("kasubag-umum.lumajang", "pak-umum-hebat-9")]
    public void A_password_containing_the_user_name_or_a_part_of_it_is_refused(string user, string password) =>
        Codes(user, password).ShouldContain(PasswordPolicy.ContainsUserNameCode);

    [Theory]
    [InlineData("camat.kanigaran", "jembatan-merah-putih-7")]
    [InlineData("uji.budi", "kopi tubruk di pagi hari")]          // "uji" is too short a part to look for
    public void A_long_uncommon_password_without_the_name_is_accepted(string user, string password) =>
        Codes(user, password).ShouldBeEmpty();

    [Fact]
    public void Every_refusal_says_in_Bahasa_Indonesia_what_to_change()
    {
        var errors = PasswordPolicy.Check("camat.kanigaran", "kanigaran");
        errors.Select(e => e.Code).ShouldBe([PasswordPolicy.TooShortCode, PasswordPolicy.ContainsUserNameCode], ignoreOrder: true);
        errors.Single(e => e.Code == PasswordPolicy.TooShortCode).Description.ShouldContain("paling sedikit 12 karakter");
        errors.Single(e => e.Code == PasswordPolicy.ContainsUserNameCode).Description.ShouldContain("nama pengguna");
        PasswordPolicy.Check("staf.kanigaran", "password1234").Single().Description.ShouldContain("sering dipakai");
    }

    [Fact]
    public void The_demo_password_meets_the_policy_for_every_demo_account()
    {
        DemoOptions.Password.Length.ShouldBeGreaterThanOrEqualTo(PasswordPolicy.MinLength);
        string[] roles = ["camat", "sekcam", "kasubag-umum", "kasubbag-program", "kasi", "staf", "auditor"];
        string[] offices = ["kanigaran", "candipuro", "lumajang", "pronojiwo"];
        foreach (var name in roles.SelectMany(r => offices.Select(o => $"{r}.{o}")).Append("admin"))
            Codes(name, DemoOptions.Password).ShouldBeEmpty(name);
    }
}
