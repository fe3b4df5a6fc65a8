using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocSign.Infrastructure.Outbound;
using DocSign.Testing.Attacks;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Web.Tests.Security;

/// <summary>Which addresses /api/verify calls on an uploader's behalf, and which roots it trusts.</summary>
public sealed class OutboundAndTrustTests(OutboundFixture app) : IClassFixture<OutboundFixture>
{
    private async Task<JsonElement> VerifyAsync(byte[] pdf)
    {
        using var client = await app.As("auditor.kanigaran");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "uji.pdf");
        var response = await client.PostAsync("/api/verify", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task No_request_goes_to_addresses_named_by_an_untrusted_or_a_broken_chain()
    {
        var address = $"http://127.0.0.1:{app.Untrusted.Port}";
        var untrusted = await VerifyAsync(await app.SignedPdfAsync(OutboundFixture.Chain.UntrustedRoot, address));
        var broken = await VerifyAsync(await app.SignedPdfAsync(OutboundFixture.Chain.Broken, address));
        untrusted.GetProperty("verdict").GetString().ShouldNotBe("VALID");
        broken.GetProperty("verdict").GetString().ShouldNotBe("VALID");
        app.Untrusted.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_trusted_chain_reaches_an_allow_listed_address_but_no_redirect_is_followed()
    {
        var report = await VerifyAsync(await app.SignedPdfAsync(OutboundFixture.Chain.Trusted, $"http://127.0.0.1:{app.Redirector.Port}"));
        app.Redirector.Connections.ShouldBeGreaterThan(0); // the positive control: this setup does make calls
        app.Target.Connections.ShouldBe(0);
        report.GetRawText().ShouldContain("tidak dapat diperiksa");
    }

    [Fact]
    public async Task A_trusted_chain_gets_no_request_to_a_loopback_private_or_metadata_address_not_on_the_allow_list()
    {
        var report = await VerifyAsync(await app.SignedPdfAsync(OutboundFixture.Chain.Trusted, $"http://127.0.0.1:{app.NotListed.Port}"));
        app.NotListed.Connections.ShouldBe(0);
        var text = report.GetRawText();
        text.ShouldContain("tidak dapat diperiksa");
        // The same words whatever was at the address: a closed port reads like an open one.
        text.ShouldNotContain("menjawab");
        var metadata = await VerifyAsync(await app.SignedPdfAsync(OutboundFixture.Chain.Trusted, "http://169.254.169.254"));
        metadata.GetRawText().ShouldContain("tidak dapat diperiksa");
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void The_destination_filter_refuses_non_public_addresses(string address, bool allowed)
    {
        var filter = new DestinationFilter([]);
        filter.IsAllowed(IPAddress.Parse(address), 80).ShouldBe(allowed);
        new DestinationFilter(["127.0.0.1:18780-18782"]).IsAllowed(IPAddress.Loopback, 18781).ShouldBeTrue();
        new DestinationFilter(["127.0.0.1:18780-18782"]).IsAllowed(IPAddress.Loopback, 18783).ShouldBeFalse();
    }

    [Fact]
    public async Task A_certificate_from_the_sample_root_is_not_trusted_without_the_opt_in()
    {
        // This host trusts only its own root: the sample root is not an anchor just because the repository has it.
        var report = await VerifyAsync(await TestSigner.SignAsync(SamplePdfs.OnePage("contoh")));
        report.GetProperty("verdict").GetString().ShouldBe("INDETERMINATE");
        report.GetProperty("signatures")[0].GetProperty("subIndication").GetString().ShouldBe("NO_CERTIFICATE_CHAIN_FOUND");
        report.GetRawText().ShouldNotContain("PKI CONTOH");
    }
}

/// <summary>The demo's opt-in: the sample root trusted, and every report says so.</summary>
public sealed class SampleTrustTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    [Fact]
    public async Task Every_report_made_under_the_sample_root_says_it_is_a_sample()
    {
        using var client = await app.As("auditor.kanigaran");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(await TestSigner.SignAsync(SamplePdfs.OnePage("contoh"))), "file", "uji.pdf");
        var body = JsonDocument.Parse(await (await client.PostAsync("/api/verify", form)).Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("messages")[0].GetString()!.ShouldStartWith("PKI CONTOH — bukan untuk produksi");
    }
}
