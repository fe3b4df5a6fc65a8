using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Api;

/// <summary>
/// Every refusal leaves as RFC 7807 problem+json with a message in Bahasa Indonesia a clerk can act on;
/// a dependency that is down is a 503 with Retry-After, never a hang or a bare 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, IDatabaseFaults databaseFaults, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody is there to read an answer, and it is not a server fault.
            logger.LogInformation("Request {Method} {Path} aborted by the client", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = 499;
            return true;
        }
        var (status, detail) = exception switch
        {
            DocSignProblem p => (StatusOf(p.Kind), p.UserMessage),
            StorageUnavailableException => (503, "Penyimpanan sedang tidak dapat dihubungi. Tidak ada yang tersimpan; silakan coba lagi beberapa saat lagi."),
            DatabaseUnavailableException => (503, "Basis data sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi."),
            // A read that no adapter guards (EF's "transient failure" wrapper around a refused connection or a database
            // shutting down): the database is down, not DocSign broken (two such 500s in the 15-minute soak).
            _ when databaseFaults.IsUnavailable(exception) =>
                (503, "Basis data sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi."),
            MalformedFormException => (400, MalformedFormException.UserMessage),
            BadHttpRequestException b when b.StatusCode == 413 => (413, "Berkas terlalu besar untuk diunggah."),
            BadHttpRequestException b => (b.StatusCode, "Permintaan tidak dapat dibaca. Periksa isian formulir, lalu coba lagi."),
            _ => (500, "Terjadi kesalahan pada server. Tidak ada yang diubah; laporkan ke admin bila terulang."),
        };
        if (status == 503)
            logger.LogWarning("Request {Method} {Path} answered 503, a dependency is down: {Reason}", context.Request.Method, context.Request.Path,
                (exception.InnerException ?? exception).Message);
        else if (exception is MalformedFormException) { /* logged as a warning where the form was read (MalformedForms) */ }
        else if (status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", context.Request.Method, context.Request.Path, status);
        else
            logger.LogInformation("Request {Method} {Path} refused with {Status}: {Reason}", context.Request.Method, context.Request.Path, status, exception.Message);
        if (exception is DocSignProblem refused) await Security.RefusalAuditing.RecordAsync(context, refused);
        if (status == 503) context.Response.Headers.RetryAfter = "10";
        if (exception is DocSignProblem { RetryAfter: { } wait }) context.Response.Headers.RetryAfter = RetryAfterHeader(wait);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail },
        });
    }

    internal static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Unauthenticated => 401,
        ProblemKind.Invalid => 400,
        ProblemKind.TooLarge => 413,
        ProblemKind.Forbidden => 403,
        ProblemKind.NotFound => 404,
        ProblemKind.Conflict => 409,
        ProblemKind.Unavailable => 503,
        ProblemKind.Throttled => 429,
        _ => 500,
    };

    /// <summary>Whole seconds, rounded up (a wait of 0.2 s is "1").</summary>
    internal static string RetryAfterHeader(TimeSpan wait) =>
        ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string TitleOf(int status) => status switch
    {
        400 => "Data tidak valid",
        401 => "Belum masuk",
        403 => "Tidak berhak",
        404 => "Tidak ditemukan",
        405 => "Metode tidak didukung",
        409 => "Bentrok dengan perubahan lain",
        413 => "Berkas terlalu besar",
        415 => "Format permintaan tidak didukung",
        429 => "Terlalu banyak permintaan",
        501 => "Belum tersedia",
        503 => "Layanan sementara tidak tersedia",
        _ => status >= 500 ? "Kesalahan server" : "Permintaan ditolak",
    };

    /// <summary>Bodies for responses that the framework ends without one (401 challenge, 403, 404 of unknown routes).</summary>
    internal static string? DefaultDetail(int status) => status switch
    {
        401 => "Silakan masuk terlebih dahulu (kirim token melalui header Authorization: Bearer ...).",
        403 => "Anda tidak berhak melakukan tindakan ini.",
        404 => "Alamat yang diminta tidak ditemukan.",
        405 => "Metode HTTP ini tidak didukung untuk alamat ini.",
        415 => "Kirim data sebagai multipart/form-data atau JSON sesuai petunjuk API.",
        _ => null,
    };
}
