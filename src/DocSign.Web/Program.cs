using DocSign.Infrastructure;
using DocSign.Web;
using DocSign.Web.Api;
using DocSign.Web.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDocSignInfrastructure(builder.Configuration);
builder.Services.AddDocSignWeb(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeDocSignAsync();   // migrations in place, demo data when enabled

app.UseDocSignWeb();
app.MapDocSignHealth();
app.MapDocSignAuth();
app.MapDocSignDocuments();
app.MapDocSignVerify();
app.MapDocSignLetters();

app.Run();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
