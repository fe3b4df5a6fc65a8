using System.Net;
using System.Net.Http.Json;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using DocSign.Web.Tests.Hosting;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// The real service binary as an operator starts it (its own process, Kestrel on a free port): Production refuses
/// the demo and the sample PKI, the demo is off by default, and turning it off leaves no demo account usable.
/// </summary>
public sealed class ProductionModeTests
{
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string?> With(string dataDirectory, Dictionary<string, string> settings) =>
        new(settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
        {
            ["DocSign__DataDirectory"] = dataDirectory,
            ["DocSign__Jobs__SchedulerName"] = $"prod-{Guid.NewGuid():N}",
        };

    private static Task<WebProcess> StartAsync(string environment, string dataDirectory, Dictionary<string, string> settings) =>
        WebProcess.ServeAsync(environment, With(dataDirectory, settings));

    private static Task<(int Exit, string Output)> RunAsync(string environment, string dataDirectory, Dictionary<string, string> settings, params string[] arguments) =>
        WebProcess.RunAsync(environment, With(dataDirectory, settings), arguments);

    [Theory]
    [InlineData("DocSign__Demo__Enabled", "true", "DocSign:Demo:Enabled")]
    [InlineData("DocSign__Verification__TrustSamplePki", "true", "TrustSamplePki")]
    [InlineData("DocSign__Verification__TrustAnchors__0", "SAMPLE_ROOT", "holds a certificate or key of the sample PKI")]
    [InlineData("DocSign__SamplePkiDirectory", "SAMPLE_DIR", "DocSign:SamplePkiDirectory")]
    public async Task Production_refuses_to_start_with_demo_data_or_the_sample_PKI(string key, string value, string said)
    {
        var settings = new Dictionary<string, string> { ["DocSign__DataProtection__Key"] = Key, [key] = value switch { "SAMPLE_ROOT" => SamplePki.PathOf("root-ca.pem"), "SAMPLE_DIR" => SamplePki.Dir, _ => value } };
        var (exit, output) = await RunAsync("Production", TestEnvironment.NewTempDirectory("prod"), settings, "--urls", $"http://127.0.0.1:{TestEnvironment.FreePort()}");
        exit.ShouldNotBe(0, output);
        output.ShouldContain("Refusing to start in Production");
        output.ShouldContain(said);
    }

    /// <summary>
    /// Not only Production: every environment but Demo and Development refuses the sample PKI, recognised by fingerprint
    /// in a copy whose name says nothing (the sample chain as a verification anchor, the sample seal as a letter key).
    /// </summary>
    [Theory]
    [InlineData("Staging", "DocSign__Verification__TrustAnchors__0", "chain.pem", "a verification anchor")]
    [InlineData("Test", "DocSign__Signing__TrustAnchors__0", "signing-ca.pem", "a signing anchor")]
    [InlineData("Staging", "DocSign__Letters__Signing__Keys__kanigaran__Pkcs12Path", "seal-kanigaran.p12", "a letter signing key")]
    public async Task Every_environment_but_the_demo_ones_refuses_a_sample_certificate_or_key_under_any_name(string environment, string key, string sample, string said)
    {
        var disguised = Path.Combine(TestEnvironment.NewTempDirectory("prod-anchor"), "kantor" + Path.GetExtension(sample));
        File.Copy(SamplePki.PathOf(sample), disguised);
        var settings = new Dictionary<string, string>
        {
            ["DocSign__DataProtection__Key"] = Key, [key] = disguised, ["DocSign__Letters__Signing__Keys__kanigaran__Passphrase"] = SamplePki.Passphrase,
        };
        var (exit, output) = await RunAsync(environment, TestEnvironment.NewTempDirectory("prod"), settings, "--urls", $"http://127.0.0.1:{TestEnvironment.FreePort()}");
        exit.ShouldNotBe(0, output);
        output.ShouldContain($"Refusing to start in {environment}");
        output.ShouldContain(said);
        output.ShouldContain("holds a certificate or key of the sample PKI");
    }

    [Fact]
    public async Task A_database_that_ran_the_demo_with_its_sample_signer_keys_is_refused_outside_the_demo()
    {
        var data = TestEnvironment.NewTempDirectory("prod");
        var secure = new Dictionary<string, string> { ["DocSign__DataProtection__Key"] = Key };
        var demo = new Dictionary<string, string>(secure) { ["DocSign__Demo__Enabled"] = "true", ["DocSign__SamplePkiDirectory"] = SamplePki.Dir };
        using (await StartAsync("Development", data, demo)) { }   // the demo Camats get their sample keys

        var (exit, output) = await RunAsync("Staging", data, secure, "--urls", $"http://127.0.0.1:{TestEnvironment.FreePort()}");
        exit.ShouldNotBe(0, output);
        output.ShouldContain("Refusing to start in Staging");
        output.ShouldContain("An enrolled signer key of Hendra Wijaya Kusuma in office kanigaran is a key of the sample PKI");
    }

    [Fact]
    public async Task Staging_refuses_the_demo_and_an_unencrypted_sign_in_key_ring()
    {
        var (exit, output) = await RunAsync("Staging", TestEnvironment.NewTempDirectory("prod"), new() { ["DocSign__Demo__Enabled"] = "true" }, "--urls", $"http://127.0.0.1:{TestEnvironment.FreePort()}");
        exit.ShouldNotBe(0, output);
        output.ShouldContain("Refusing to start in Staging");
        output.ShouldContain("DocSign:Demo:Enabled");
        output.ShouldContain("DocSign:DataProtection");
    }

    [Fact]
    public async Task Production_refuses_to_start_without_encryption_for_the_sign_in_keys()
    {
        var (exit, output) = await RunAsync("Production", TestEnvironment.NewTempDirectory("prod"), [], "--urls", $"http://127.0.0.1:{TestEnvironment.FreePort()}");
        exit.ShouldNotBe(0, output);
        output.ShouldContain("DocSign:DataProtection");
    }

    [Fact]
    public async Task Demo_is_off_by_default_turning_it_off_disables_demo_accounts_and_a_command_removes_them()
    {
        var data = TestEnvironment.NewTempDirectory("prod");
        var secure = new Dictionary<string, string> { ["DocSign__DataProtection__Key"] = Key };

        // 1. Production with nothing asked for: no demo accounts at all; real Kestrel limits and headers.
        using (var production = await StartAsync("Production", data, secure))
        {
            using var client = production.Client();
            var refused = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "docsign-demo" });
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            refused.Headers.Contains("Server").ShouldBeFalse();
            refused.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            // A 1 MB body sent without announcing its length: Kestrel's own 64 KB limit. The body is the start of a
            // well-formed JSON string that never ends, so the JSON reader asks for more until the limit stops it;
            // a body the reader could reject early (zeros) would race the limit and sometimes be a 400.
            var big = new StreamContent(new MemoryStream([.. "{\"username\":\""u8, .. Enumerable.Repeat((byte)'a', 1024 * 1024)]));
            big.Headers.ContentType = new("application/json");
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = big };
            request.Headers.TransferEncodingChunked = true;
            (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        }

        // 2. The demo (what scripts/run.sh starts): demo accounts usable.
        var demo = new Dictionary<string, string>(secure) { ["DocSign__Demo__Enabled"] = "true" };
        string oldToken;
        using (var service = await StartAsync("Demo", data, demo))
        {
            using var client = service.Client();
            var ok = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "docsign-demo" });
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            oldToken = (await ok.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
        }

        // 3. The flag turned off again: the demo accounts and their tokens no longer work.
        using (var production = await StartAsync("Production", data, secure))
        {
            using var client = production.Client();
            (await client.PostAsJsonAsync("/api/auth/token", new { username = "camat.kanigaran", password = "docsign-demo" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            client.DefaultRequestHeaders.Authorization = new("Bearer", oldToken);
            (await client.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // 4. The documented commands: remove the demo data, then re-check the audit chain.
        var (removed, removeOutput) = await RunAsync("Production", data, secure, "--remove-demo-data");
        removed.ShouldBe(0, removeOutput);
        removeOutput.ShouldContain("Removed 34 demo account(s) and 4 demo office(s)");
        var (verified, verifyOutput) = await RunAsync("Production", data, secure, "--verify-audit");
        verified.ShouldBe(0, verifyOutput);
        verifyOutput.ShouldContain("Audit chain intact");
    }
}
