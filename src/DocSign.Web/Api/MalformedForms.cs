using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

/// <summary>
/// A form body that could not be read because it is malformed or cut short (a multipart section without its end,
/// a broken boundary, a connection that closed mid-body): the caller's fault, answered 400 with a clear message.
/// </summary>
internal sealed class MalformedFormException(Exception inner)
    : BadHttpRequestException("The form body is malformed or truncated: " + inner.Message, StatusCodes.Status400BadRequest, inner)
{
    public const string UserMessage = "Formulir unggahan tidak lengkap atau rusak (kiriman terputus atau format multipart tidak sah). Tidak ada yang disimpan; kirim ulang berkasnya.";
}

/// <summary>
/// The one place where reading a form body fails the same way on every endpoint (API, pages, anonymous compare):
/// each request's form feature is wrapped so that whoever reads the form first (an endpoint, model binding, the
/// antiforgery check) gets a <see cref="MalformedFormException"/> instead of the reader's IOException or
/// InvalidDataException, which would otherwise surface as a 500. Size limits keep their own answers (413 and the
/// named form limits), so they pass through unchanged. The refusal is logged here, once, as a warning without a
/// stack trace; and it is remembered on the request, because the pages' antiforgery check swallows the exception
/// and ends the request with a bare 400, which the status-code page then explains with the same message.
/// </summary>
internal static class MalformedForms
{
    private static readonly object Marker = new();

    /// <summary>Whether reading this request's form failed because the body was malformed or cut short.</summary>
    public static bool WasMalformed(HttpContext context) => context.Items.ContainsKey(Marker);

    public static IApplicationBuilder UseMalformedFormGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.HasFormContentType)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
            var inner = context.Features.Get<IFormFeature>() ?? new FormFeature(context.Request, options);
            context.Features.Set<IFormFeature>(new GuardedFormFeature(inner, context));
        }
        return next(context);
    });

    /// <summary>Whether <paramref name="e"/>, thrown while reading a form, means the body itself is broken (not too large).</summary>
    internal static bool IsMalformed(Exception e) => e switch
    {
        MalformedFormException => false,
        BadHttpRequestException b => b.StatusCode != StatusCodes.Status413PayloadTooLarge,
        // The form reader names its limits ("... limit of N exceeded"); those are answered by Uploads with the limit named.
        InvalidDataException d => !d.Message.Contains("limit", StringComparison.OrdinalIgnoreCase),
        OperationCanceledException => false,
        IOException => true,
        _ => false,
    };

    private sealed class GuardedFormFeature(IFormFeature inner, HttpContext context) : IFormFeature
    {
        private MalformedFormException Refuse(Exception e)
        {
            if (context.Items.TryAdd(Marker, true))
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MalformedForms))
                    .LogWarning("Request {Method} {Path} refused with 400: malformed or truncated form body ({Reason})", context.Request.Method, context.Request.Path, e.Message);
            return new MalformedFormException(e);
        }

        public bool HasFormContentType => inner.HasFormContentType;

        public IFormCollection? Form
        {
            get => inner.Form;
            set => inner.Form = value;
        }

        public IFormCollection ReadForm()
        {
            try { return inner.ReadForm(); }
            catch (Exception e) when (IsMalformed(e)) { throw Refuse(e); }
        }

        public async Task<IFormCollection> ReadFormAsync(CancellationToken cancellationToken)
        {
            try { return await inner.ReadFormAsync(cancellationToken); }
            catch (Exception e) when (IsMalformed(e)) { throw Refuse(e); }
        }
    }
}
