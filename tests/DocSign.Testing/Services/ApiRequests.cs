using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DocSign.Testing.Services;

/// <summary>Requests the API tests of several projects make the same way.</summary>
public static class ApiRequests
{
    /// <summary>A multipart form with the PDF as its "file" part (dokumen.pdf) and the given text fields.</summary>
    public static MultipartFormDataContent PdfForm(byte[] file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "dokumen.pdf");
        return form;
    }

    /// <summary>A demo user's bearer token (password docsign-demo) from <c>POST /api/auth/token</c>.</summary>
    public static async Task<string> DemoTokenAsync(HttpClient anonymous, string userName)
    {
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = userName, password = "docsign-demo" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Makes <paramref name="client"/> act as the holder of <paramref name="token"/>, with room for slow signing calls.</summary>
    public static HttpClient Bearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }
}
