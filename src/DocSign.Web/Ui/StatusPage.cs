using System.Net;

namespace DocSign.Web.Ui;

/// <summary>
/// A short HTML answer for a browser that reached a status without a body (an unknown address, a refused
/// page): the API keeps its problem+json, people get a sentence and a way back.
/// </summary>
internal static class StatusPage
{
    /// <summary>Writes the page for <paramref name="status"/>; <paramref name="detail"/> replaces the usual sentence when the cause is known.</summary>
    public static async Task<bool> TryWriteAsync(HttpContext context, int status, string? detail = null)
    {
        var (title, text) = status switch
        {
            400 => ("Permintaan ditolak", "Permintaan tidak dapat diproses. Muat ulang halaman, lalu coba lagi."),
            403 => ("Tidak berhak", "Anda tidak berhak membuka halaman ini."),
            404 => ("Tidak ditemukan", "Halaman atau dokumen yang diminta tidak ditemukan."),
            405 => ("Metode tidak didukung", "Alamat ini tidak menerima permintaan seperti itu."),
            429 => ("Terlalu banyak permintaan", "Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi."),
            _ => (null, null),
        };
        if (title is null) return false;
        text = detail ?? text;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(title) + " — DocSign</title>" +
            "<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"isi\"><h1>" + WebUtility.HtmlEncode(title) + "</h1><p>" +
            WebUtility.HtmlEncode(text) + "</p><p><a href=\"/\">Kembali ke dasbor</a></p></main></body></html>");
        return true;
    }
}
