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
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(max);
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

    public static UploadedFile? FileOf(IFormCollection form, out Stream? stream)
    {
        var file = form.Files.GetFile("file");
        stream = file?.OpenReadStream();
        return file is null ? null : new UploadedFile(stream!, file.Length, file.FileName);
    }

    private static DocSignProblem TooLarge(long max) =>
        new(ProblemKind.TooLarge, $"Berkas terlalu besar. Ukuran maksimum adalah {max / (1024.0 * 1024.0):0.#} MB.");
}
