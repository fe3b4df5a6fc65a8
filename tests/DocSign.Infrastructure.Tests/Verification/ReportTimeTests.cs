using DocSign.Core.Calendar;
using DocSign.Core.Verification;
using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Verification;

/// <summary>
/// A verification report made for an office at 17:45 UTC on 7 December is dated 8 December 00:45 WIB, in its text and
/// in its file name; the report without an office (the command line's) stays in UTC.
/// </summary>
public sealed class ReportTimeTests
{
    private static readonly FakeClock Clock = new(new DateTimeOffset(2026, 12, 7, 17, 45, 0, TimeSpan.Zero));

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = TestEnvironment.NewTempDirectory("report-time"),
            ["DocSign:Verification:AllowOnlineRevocation"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddDocSignInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_report_for_an_office_is_written_and_named_in_its_zone_and_the_plain_one_in_UTC()
    {
        await using var provider = Services();
        var verifier = provider.GetRequiredService<IPdfVerifier>();
        var signed = await TestSigner.SignAsync(SamplePdfs.OnePage("Laporan jam tengah malam"));

        var (_, html) = await verifier.ReportAsync(new MemoryStream(signed), "lkjip.pdf", VerificationReportFormat.Html, OfficeTime.Wib);
        html.FileName.ShouldBe("laporan-verifikasi-20261208-004500.html");
        var text = System.Text.Encoding.UTF8.GetString(html.Content);
        text.ShouldContain("2026-12-08 00:45:00 WIB");
        text.ShouldNotContain(" UTC");

        var wit = new OfficeTime(OfficeZones.Find(OfficeZones.Wit)!);
        var (_, pdf) = await verifier.ReportAsync(new MemoryStream(signed), "lkjip.pdf", VerificationReportFormat.Pdf, wit);
        pdf.FileName.ShouldBe("laporan-verifikasi-20261208-024500.pdf");

        var (_, plain) = await verifier.ReportAsync(new MemoryStream(signed), "lkjip.pdf", VerificationReportFormat.Html);
        plain.FileName.ShouldBe("laporan-verifikasi-20261207-174500.html");
        System.Text.Encoding.UTF8.GetString(plain.Content).ShouldContain("2026-12-07 17:45:00 UTC");
    }
}
