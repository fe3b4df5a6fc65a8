using System.Text;
using System.Text.Json.Nodes;
using DocSign.BsreEmulator;
using DocSign.Core.Signing;
using DocSign.Testing.SamplePdfs;
using DocSign.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Bsre.Tests;

/// <summary>
/// BSrE's refusals as the emulator gives them and as DocSign passes them on: every user status, a wrong passphrase
/// (2031, shown verbatim), an unregistered NIK (2011), TOTP, a refused app account. Nothing is written on a refusal.
/// </summary>
public sealed class EmulatorRefusalTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator E => fixture.Emulator;

    public static TheoryData<string> Statuses() => [.. Enum.GetNames<UserStatus>()];

    private static string NikOf(RunningEmulator e, UserStatus status) =>
        status == UserStatus.NOT_REGISTERED ? "9901019999999999" : e.Registry.People.First(p => p.Status == status).Nik;

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_user_status_is_reported_and_only_ISSUE_signs(string name)
    {
        var status = Enum.Parse<UserStatus>(name);
        var nik = NikOf(E, status);
        var (code, body) = await EmulatorCalls.PostAsync(E, "api/v2/user/check/status", new { nik });
        code.ShouldBe(200);
        body["status"]!.GetValue<string>().ShouldBe(name);

        var passphrase = E.Registry.ByNik(nik)?.Passphrase ?? "apa saja";
        using var output = new MemoryStream();
        await using var services = Providers.Build(E.BaseUrl);
        var providers = services.GetRequiredService<ISigningProviders>();
        var sign = providers.SignAsync(new MemoryStream(SamplePdfs.ClassicXref()), output, Providers.Request(), new BsreCredential(nik, passphrase, null),
            new ExpectedSigner(E.Registry.ByNik(nik)?.Name ?? "Siapa Saja"));
        if (status == UserStatus.ISSUE)
        {
            (await sign).Level.ShouldBe(SignatureLevel.BLT);
            output.Length.ShouldBeGreaterThan(0);
            return;
        }
        var refused = await Should.ThrowAsync<RemoteSignerException>(sign);
        refused.ProviderMessage.ShouldBe(status == UserStatus.NOT_REGISTERED ? "Pengguna tidak terdaftar" : Endpoints.StatusMessage(status));
        refused.Message.ShouldStartWith(refused.ProviderMessage + "\n");
        refused.Explanation.ShouldContain("tidak ada yang disimpan", Case.Insensitive);
        output.Length.ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_passphrase_is_2031_and_shown_verbatim_with_a_plain_line_under_it()
    {
        var (code, body) = await EmulatorCalls.PostAsync(E, "api/v2/sign/pdf", new
        {
            nik = Providers.BambangNik, passphrase = "salah",
            signatureProperties = new[] { new { tampilan = "INVISIBLE" } },
            file = new[] { Convert.ToBase64String(SamplePdfs.ClassicXref()) },
        });
        code.ShouldBe(400);
        body.ToJsonString().ShouldBe("""{"error":"Passphrase anda salah","status_code":2031}""");

        await using var services = Providers.Build(E.BaseUrl);
        using var output = new MemoryStream();
        var refused = await Should.ThrowAsync<RemoteSignerException>(services.GetRequiredService<ISigningProviders>().SignAsync(
            new MemoryStream(SamplePdfs.ClassicXref()), output, Providers.Request(), new BsreCredential(Providers.BambangNik, "salah", null), new ExpectedSigner("Bambang Setiadi")));
        refused.Failure.ShouldBe(SignatureFailure.WrongPassphrase);
        refused.ProviderMessage.ShouldBe("Passphrase anda salah");
        refused.Message.ShouldBe("Passphrase anda salah\n" + refused.Explanation);
        refused.Explanation.ShouldContain("Passphrase yang Anda masukkan tidak cocok");
        output.Length.ShouldBe(0);
    }

    [Fact]
    public async Task Unregistered_nik_is_2011_in_v2_and_v1()
    {
        var (code, body) = await EmulatorCalls.PostAsync(E, "api/v2/sign/pdf", new
        {
            nik = "9901019999999999", passphrase = "x", signatureProperties = new[] { new { tampilan = "INVISIBLE" } },
            file = new[] { Convert.ToBase64String(SamplePdfs.ClassicXref()) },
        });
        code.ShouldBe(400);
        body["status_code"]!.GetValue<int>().ShouldBe(2011);

        await using var services = Providers.Build(E.BaseUrl, apiV1: true);
        using var output = new MemoryStream();
        var refused = await Should.ThrowAsync<RemoteSignerException>(services.GetRequiredService<ISigningProviders>().SignAsync(
            new MemoryStream(SamplePdfs.ClassicXref()), output, Providers.Request(), new BsreCredential("9901019999999999", "x", null, useApiV1: true), new ExpectedSigner("Siapa")));
        refused.ProviderMessage.ShouldBe("Pengguna tidak terdaftar");
        refused.Explanation.ShouldContain("NIK Anda belum terdaftar");
        output.Length.ShouldBe(0);
    }

    [Fact]
    public async Task Totp_signs_after_get_totp_and_a_wrong_code_is_refused()
    {
        var (code, body) = await EmulatorCalls.PostAsync(E, "api/v2/sign/get/totp", new { nik = Providers.BambangNik, data = 1 });
        code.ShouldBe(200, body.ToJsonString());
        var person = E.Registry.ByNik(Providers.BambangNik)!;
        var totp = Totp.Code(person.TotpSecret, E.State.Clock.GetUtcNow()); // the Camat's authenticator app

        await using var services = Providers.Build(E.BaseUrl);
        var providers = services.GetRequiredService<ISigningProviders>();
        using var output = new MemoryStream();
        var outcome = await providers.SignAsync(new MemoryStream(SamplePdfs.ClassicXref()), output, Providers.Request(),
            new BsreCredential(Providers.BambangNik, null, totp), new ExpectedSigner("Bambang Setiadi"));
        outcome.Level.ShouldBe(SignatureLevel.BLT);
        (await Providers.VerifyAsync(output.ToArray())).Verdict.ShouldBe(Verdict.Valid);

        var wrong = ((int.Parse(totp, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        using var none = new MemoryStream();
        var refused = await Should.ThrowAsync<RemoteSignerException>(providers.SignAsync(new MemoryStream(SamplePdfs.ClassicXref()), none, Providers.Request(),
            new BsreCredential(Providers.BambangNik, null, wrong), new ExpectedSigner("Bambang Setiadi")));
        refused.ProviderMessage.ShouldBe("TOTP tidak valid atau kedaluwarsa");
        none.Length.ShouldBe(0);
    }

    [Fact]
    public void Totp_codes_follow_rfc_6238()
    {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890": 94287082 at T=59 s (8 digits), so 287082 with 6.
        Totp.Code(Encoding.ASCII.GetBytes("12345678901234567890"), DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe("287082");
        Totp.Code(Encoding.ASCII.GetBytes("12345678901234567890"), DateTimeOffset.FromUnixTimeSeconds(1111111109)).ShouldBe("081804");
    }

    [Fact]
    public async Task A_wrong_app_account_gets_a_spring_401_and_the_office_is_told_to_call_the_admin()
    {
        var (code, body) = await EmulatorCalls.PostAsync(E, "api/v2/user/check/status", new { nik = Providers.BambangNik }, password: "salah");
        code.ShouldBe(401);
        body["error"]!.GetValue<string>().ShouldBe("Unauthorized");
        body["path"]!.GetValue<string>().ShouldBe("/api/v2/user/check/status");
        body.ContainsKey("timestamp").ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_pdf_answers_with_bsre_field_names_including_its_misspellings()
    {
        var (_, signed) = await EmulatorCalls.PostAsync(E, "api/v2/sign/pdf", new
        {
            nik = Providers.BambangNik, passphrase = Providers.BambangPassphrase,
            signatureProperties = new[] { new { tampilan = "INVISIBLE" } },
            file = new[] { Convert.ToBase64String(SamplePdfs.ClassicXref()) },
        });
        var file = signed["file"]!.AsArray()[0]!.GetValue<string>();
        var (code, report) = await EmulatorCalls.PostAsync(E, "api/v2/verify/pdf", new { file });
        code.ShouldBe(200);
        report["conclusion"]!.GetValue<string>().ShouldBe("VALID");
        var info = report["signatureInformations"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        info["signerName"]!.GetValue<string>().ShouldBe("Bambang Setiadi");
        info["signatureFormat"]!.GetValue<string>().ShouldBe("PAdES-BASELINE-LT");
        info.ContainsKey("timestampInfomation").ShouldBeTrue();
        info.ContainsKey("signatureAlgoritm").ShouldBeTrue();
    }

    [Fact]
    public async Task Bulk_v2_answers_every_file_in_order_each_the_sent_bytes_plus_a_signature()
    {
        var inputs = new[] { SamplePdfs.MultiPageText(1), SamplePdfs.MultiPageText(2), SamplePdfs.MultiPageText(3) };
        var (code, body) = await EmulatorCalls.PostAsync(E, "api/v2/sign/pdf", new
        {
            nik = Providers.BambangNik, passphrase = Providers.BambangPassphrase,
            signatureProperties = inputs.Select((_, i) => new { tampilan = "VISIBLE", page = 1, originX = 300, originY = 650, width = 200, height = 80 + i }).ToArray(),
            file = inputs.Select(Convert.ToBase64String).ToArray(),
        });
        code.ShouldBe(200, body.ToJsonString());
        var files = body["file"]!.AsArray().Select(f => Convert.FromBase64String(f!.GetValue<string>())).ToList();
        files.Count.ShouldBe(3);
        for (int i = 0; i < 3; i++)
        {
            files[i].AsSpan(0, inputs[i].Length).SequenceEqual(inputs[i]).ShouldBeTrue();
            (await Providers.VerifyAsync(files[i])).Verdict.ShouldBe(Verdict.Valid);
        }
    }
}
