using DocSign.Core.Documents;
using DocSign.Core.Problems;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

internal static class Uploads
{
    /// <summary>Room for the other form fields and multipart framing on top of the file itself.</summary>
    public const long FormOverhead = 1024 * 1024;

    /// <summary>
    /// Reads a multipart form; the file part is spooled (to disk past 64 KB) by ASP.NET Core, which gives the
    /// seekable stream the PDF check needs. Oversized bodies are refused before or while reading.
    /// </summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, IOptions<UploadOptions> options)
    {
        if (!request.HasFormContentType)
            throw DocSignProblem.Invalid("Kirim data sebagai multipart/form-data dengan berkas pada isian 'file'.");
        var max = options.Value.MaxBytes;
        if (request.ContentLength > max + FormOverhead)
            throw TooLarge(max);
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException e) when (FormLimit(e.Message) is { } which)
        {
            // Say which limit was hit, so the clerk (or the script author) knows what to change.
            throw which.Length == 0 ? TooLarge(max) : DocSignProblem.Invalid(which);
        }
        catch (InvalidDataException)
        {
            // A malformed or empty multipart body is the caller's mistake, not a size problem.
            throw DocSignProblem.Invalid("Formulir unggahan tidak dapat dibaca. Kirim berkas PDF pada isian 'file'.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(max);
        }
    }

    public static UploadedFile? FileOf(IFormCollection form, out Stream? stream, string field = "file")
    {
        var file = form.Files.GetFile(field);
        stream = file?.OpenReadStream();
        return file is null ? null : new UploadedFile(stream!, file.Length, file.FileName);
    }

    /// <summary>The form limit named in the reader's message: "" for the body size, a clerk's message for the others, null when none.</summary>
    private static string? FormLimit(string message)
    {
        if (!message.Contains("limit", StringComparison.OrdinalIgnoreCase)) return null;
        if (message.Contains("value count", StringComparison.OrdinalIgnoreCase))
            return "Formulir memuat terlalu banyak isian (paling banyak 64). Kirim hanya isian yang diminta.";
        if (message.Contains("key length", StringComparison.OrdinalIgnoreCase))
            return "Nama isian formulir terlalu panjang (paling banyak 2048 karakter).";
        if (message.Contains("value length", StringComparison.OrdinalIgnoreCase))
            return "Isi salah satu isian formulir terlalu panjang (paling banyak 4 MB per isian teks).";
        if (message.Contains("headers", StringComparison.OrdinalIgnoreCase))
            return "Kepala bagian multipart formulir terlalu panjang (paling banyak 16 KB).";
        if (message.Contains("boundary", StringComparison.OrdinalIgnoreCase))
            return "Pembatas (boundary) multipart formulir terlalu panjang.";
        return "";
    }

    private static DocSignProblem TooLarge(long max) =>
        new(ProblemKind.TooLarge, $"Berkas terlalu besar. Ukuran maksimum adalah {max / (1024.0 * 1024.0):0.#} MB.");
}
