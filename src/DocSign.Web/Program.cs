using DocSign.Infrastructure;
using DocSign.Web;
using DocSign.Web.Api;
using DocSign.Web.Auth;
using DocSign.Web.Ui;
using DocSign.Web.Security;

Umask.MakeFilesPrivate();   // before anything writes a file
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDocSignInfrastructure(builder.Configuration);
builder.Services.AddDocSignWeb(builder.Configuration);     // problem details, bearer + cookie sign-in, limits
builder.Services.AddDocSignPages();                        // Razor Pages (the screens)

var app = builder.Build();
if (!await HostCommands.SafeToStartAsync(app)) return 1;   // outside Demo/Development: no demo data, sample PKI or unencrypted keys
if (HostCommands.IsCommand(args)) return await HostCommands.RunAsync(app, args);   // --remove-demo-data, --verify-audit
await app.Services.InitializeDocSignAsync();   // migrations in place, demo data when enabled (demo accounts disabled when not)

app.UseDocSignForwardedHeaders();   // behind a reverse proxy: client address from configured proxies only
app.UseDocSignPages();   // security headers, static files and pdf.js (public, before sign-in)
app.UseDocSignWeb();     // errors, authentication, antiforgery for cookie API calls
app.MapDocSignHealth();
app.MapDocSignAuth();
app.MapDocSignAdmin();
app.MapDocSignDocuments();
app.MapDocSignVerify();
app.MapDocSignWorkflow();
app.MapDocSignCalendar();
app.MapDocSignYear();
app.MapDocSignSigning();
app.MapDocSignBatchSigning();
app.MapDocSignPages();
app.MapDocSignAudit();
app.MapDocSignLetters();
app.MapDocSignIntake();
app.MapDocSignCoverLetters();
app.MapDocSignSearch();
app.MapDocSignJobsDashboard();   // Hangfire's dashboard, admin only

app.Run();
return 0;

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
