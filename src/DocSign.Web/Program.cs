using DocSign.Infrastructure;
using DocSign.Web;
using DocSign.Web.Api;
using DocSign.Web.Auth;
using DocSign.Web.Ui;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDocSignInfrastructure(builder.Configuration);
builder.Services.AddDocSignWeb(builder.Configuration);     // problem details, bearer + cookie sign-in, limits
builder.Services.AddDocSignPages();                        // Razor Pages (the screens)

var app = builder.Build();
await app.Services.InitializeDocSignAsync();   // migrations in place, demo data when enabled

app.UseDocSignPages();   // security headers, static files and pdf.js (public, before sign-in)
app.UseDocSignWeb();     // errors, authentication, antiforgery for cookie API calls
app.MapDocSignHealth();
app.MapDocSignAuth();
app.MapDocSignDocuments();
app.MapDocSignVerify();
app.MapDocSignWorkflow();
app.MapDocSignSigning();
app.MapDocSignPages();

app.Run();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
