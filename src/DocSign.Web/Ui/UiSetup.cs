using DocSign.Web.Auth;
using Microsoft.Extensions.FileProviders;

namespace DocSign.Web.Ui;

/// <summary>
/// The browser side of DocSign: server-rendered Razor Pages (Bahasa Indonesia), their static files, the
/// pdf.js build DocSign serves itself under <c>/lib/pdfjs</c>, and the security headers of every answer.
/// </summary>
internal static class UiSetup
{
    public const string PdfJsPath = "/lib/pdfjs";

    public static IServiceCollection AddDocSignPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            // Everything needs a signed-in person except the sign-in page and the public verification page the QR code opens.
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Masuk");
            o.Conventions.AllowAnonymousToFolder("/Publik");
            // Forms that carry a PDF get the upload body limit (for signed-in people only), like the API's upload endpoints.
            foreach (var page in new[] { "/Dokumen/Baru", "/Dokumen/Index", "/Verifikasi", "/Surat/Index", "/PenandaTangan" })
                o.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new Security.UploadBodyMetadata()));
            // The public page's copy comparison: anonymous, up to the compare limit only.
            o.Conventions.AddPageApplicationModelConvention("/Publik/Verifikasi", m => m.EndpointMetadata.Add(new Security.AnonymousCompareBodyMetadata()));
            // The same budgets as the API: the copy comparison per address, the Verifikasi page as POST /api/verify.
            o.Conventions.AddPageApplicationModelConvention("/Publik/Verifikasi", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(Security.PublicUploadLimits.ComparePolicy)));
            o.Conventions.AddPageApplicationModelConvention("/Verifikasi", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(Security.SecuritySetup.VerifyPolicy)));
        });
        services.AddScoped<PasswordSignIn>();
        return services;
    }

    /// <summary>Security headers first, then static files (before authentication: they are public and need no database call).</summary>
    public static WebApplication UseDocSignPages(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles();
        var pdfjs = FindPdfJs(app.Configuration);
        if (pdfjs is null)
            app.Logger.LogWarning("pdf.js not found (tools/node: npm ci); documents can be downloaded but not viewed in the browser");
        else
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(pdfjs),
                RequestPath = PdfJsPath,
                // Module scripts must be served as JavaScript or the browser refuses them (nosniff).
                ContentTypeProvider = PdfJsContentTypes,
            });
        return app;
    }

    public static WebApplication MapDocSignPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// The build copies pdfjs-dist (tools/node/node_modules) next to the assemblies under <c>pdfjs/</c>;
    /// <c>DocSign:PdfJsDirectory</c> points elsewhere when an operator installs it separately.
    /// </summary>
    private static string? FindPdfJs(IConfiguration configuration)
    {
        var configured = configuration["DocSign:PdfJsDirectory"];
        foreach (var candidate in new[] { configured, Path.Combine(AppContext.BaseDirectory, "pdfjs") })
        {
            if (!string.IsNullOrWhiteSpace(candidate) && File.Exists(Path.Combine(candidate, "build", "pdf.min.mjs")))
                return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider PdfJsContentTypes = CreatePdfJsContentTypes();

    private static Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider CreatePdfJsContentTypes()
    {
        var provider = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".bcmap"] = "application/octet-stream";
        provider.Mappings[".pfb"] = "application/octet-stream";
        provider.Mappings[".ttf"] = "font/ttf";
        provider.Mappings[".wasm"] = "application/wasm";
        return provider;
    }
}
