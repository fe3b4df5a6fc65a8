using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocSign.Core.Signing;

namespace DocSign.Infrastructure.Signing.Providers;

/// <summary>Where and how BSrE draws one visible signature (page from 1, PDF points from the page's bottom-left), or null for invisible.</summary>
internal sealed record BsrePlacement(int Page, double X, double Y, double Width, double Height, double PageHeight);

/// <summary>One document for BSrE: its bytes, its placement, the texts and DocSign's verification address for the QR code.</summary>
internal sealed record BsreDocument(byte[] Pdf, BsrePlacement? Visible, string? Reason, string? Location, Uri? LinkQr);

/// <summary>
/// The HTTP client of BSrE's Esign Client Service: API v2 (JSON, bulk, top-left origin), API v1 (multipart, bottom-left
/// origin, one file) and the seal endpoint. Every refusal, fault and timeout becomes a <see cref="RemoteSignerException"/>
/// carrying BSrE's own message verbatim and a plain Indonesian line; secrets go only into the request body.
/// </summary>
internal sealed class BsreClient(HttpClient http, BsreOptions settings)
{
    public const string HttpClientName = "DocSign.Signing.Bsre";

    public async Task<IReadOnlyList<byte[]>> SignAsync(BsreCredential who, IReadOnlyList<BsreDocument> documents, CancellationToken ct)
    {
        if (who.UseApiV1 || settings.UseApiV1)
        {
            var results = new List<byte[]>();
            foreach (var d in documents) results.Add(await SignV1Async(who, d, ct));
            return results;
        }
        var body = new JsonObject
        {
            ["nik"] = who.Nik,
            ["signatureProperties"] = new JsonArray(documents.Select(PropertiesV2).ToArray<JsonNode?>()),
            ["file"] = null, // streamed by FilesContent
        };
        if (!string.IsNullOrEmpty(who.Totp)) body["totp"] = who.Totp;
        else body["passphrase"] = who.Passphrase;
        return await PostFilesAsync("api/v2/sign/pdf", body, documents, ct);
    }

    public Task<IReadOnlyList<byte[]>> SealAsync(BsreSealCredential seal, IReadOnlyList<BsreDocument> documents, CancellationToken ct) =>
        PostFilesAsync("api/v2/seal/pdf", new JsonObject
        {
            ["idSubscriber"] = seal.IdSubscriber,
            ["totp"] = seal.SealCode,
            ["signatureProperties"] = new JsonArray(documents.Select(PropertiesV2).ToArray<JsonNode?>()),
            ["file"] = null, // streamed by FilesContent
        }, documents, ct);

    /// <summary>
    /// <c>seal/get/totp</c>: exchanges the seal's activation TOTP (the office's authenticator code) for a one-time sealing
    /// code good for <paramref name="files"/> files.
    /// </summary>
    public async Task<string> SealCodeAsync(string idSubscriber, string activationTotp, int files, CancellationToken ct)
    {
        var json = await PostJsonAsync("api/v2/seal/get/totp", new JsonObject { ["idSubscriber"] = idSubscriber, ["data"] = files, ["totp"] = activationTotp }, ct);
        return json["totp"]?.GetValue<string>()
            ?? throw new RemoteSignerException(SignatureFailure.Other, null, "BSrE tidak memberikan kode segel. Tidak ada yang disegel.");
    }

    /// <summary><c>user/check/status</c>: ISSUE, EXPIRED, ... (enrolment asks it before a NIK is accepted).</summary>
    public async Task<string> StatusAsync(string nik, CancellationToken ct)
    {
        var json = await PostJsonAsync("api/v2/user/check/status", new JsonObject { ["nik"] = nik }, ct);
        return json["status"]?.GetValue<string>() ?? "NOT_REGISTERED";
    }

    private static JsonObject PropertiesV2(BsreDocument d)
    {
        var p = new JsonObject { ["tampilan"] = d.Visible is null ? "INVISIBLE" : "VISIBLE", ["reason"] = d.Reason, ["location"] = d.Location };
        if (d.Visible is { } v)
        {
            // API v2 measures from the page's top-left corner.
            p["page"] = v.Page;
            p["originX"] = Math.Round(v.X, 2);
            p["originY"] = Math.Round(v.PageHeight - v.Y - v.Height, 2);
            p["width"] = Math.Round(v.Width, 2);
            p["height"] = Math.Round(v.Height, 2);
            if (d.LinkQr is not null) p["linkQR"] = d.LinkQr.ToString();
        }
        return p;
    }

    private async Task<byte[]> SignV1Async(BsreCredential who, BsreDocument d, CancellationToken ct)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(d.Pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "dokumen.pdf" },
            { new StringContent(who.Nik), "nik" },
            { new StringContent(who.Passphrase ?? ""), "passphrase" },
            { new StringContent(d.Visible is null ? "invisible" : "visible"), "tampilan" },
            { new StringContent(d.Reason ?? ""), "reason" },
            { new StringContent(d.Location ?? ""), "location" },
        };
        if (d.Visible is { } v)
        {
            // API v1 measures from the page's bottom-left corner, like PDF itself.
            var inv = CultureInfo.InvariantCulture;
            form.Add(new StringContent(v.Page.ToString(inv)), "page");
            form.Add(new StringContent("false"), "image");
            form.Add(new StringContent(v.X.ToString("0.##", inv)), "xAxis");
            form.Add(new StringContent(v.Y.ToString("0.##", inv)), "yAxis");
            form.Add(new StringContent(v.Width.ToString("0.##", inv)), "width");
            form.Add(new StringContent(v.Height.ToString("0.##", inv)), "height");
            if (d.LinkQr is not null) form.Add(new StringContent(d.LinkQr.ToString()), "linkQR");
        }
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/sign/pdf") { Content = form }, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode) throw Refusal(response.StatusCode, bytes);
        if (!bytes.AsSpan().StartsWith("%PDF"u8))
            throw new RemoteSignerException(SignatureFailure.Other, null, "BSrE menjawab tanpa berkas PDF yang ditandatangani. Tidak ada yang disimpan.");
        return bytes;
    }

    private async Task<IReadOnlyList<byte[]>> PostFilesAsync(string path, JsonObject body, IReadOnlyList<BsreDocument> documents, CancellationToken ct)
    {
        // A batch is tens of MB: the request is written to the wire as it goes and the answer's files are decoded from
        // the parsed UTF-8 without ever becoming strings.
        using var json = await PostAsync(path, new FilesContent(body, documents), ct);
        var files = json.RootElement.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.Array ? f : default;
        var count = files.ValueKind == JsonValueKind.Array ? files.GetArrayLength() : 0;
        if (count != documents.Count)
            throw new RemoteSignerException(SignatureFailure.Other, null,
                $"BSrE mengembalikan {count} berkas untuk {documents.Count} dokumen yang dikirim. Tidak ada yang disimpan.");
        try { return files.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? [] : e.GetBytesFromBase64()).ToList(); }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new RemoteSignerException(SignatureFailure.Other, null, "BSrE mengembalikan berkas yang tidak dapat dibaca. Tidak ada yang disimpan.", e);
        }
    }

    private async Task<JsonObject> PostJsonAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var json = await PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        return JsonObject.Create(json.RootElement.Clone())!;
    }

    /// <summary>Posts <paramref name="content"/> and parses the answer, which must be a JSON object, from its stream.</summary>
    private async Task<JsonDocument> PostAsync(string path, HttpContent content, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);
        if (!response.IsSuccessStatusCode) throw Refusal(response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
        JsonDocument? json = null;
        try
        {
            json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (json.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            return json;
        }
        catch (JsonException e)
        {
            json?.Dispose();
            throw new RemoteSignerException(SignatureFailure.Other, null, "Jawaban BSrE tidak dapat dibaca. Tidak ada yang disimpan.", e);
        }
    }

    /// <summary>
    /// A v2 body written with <see cref="Utf8JsonWriter"/> straight to the request stream, its properties in
    /// <c>body</c>'s order; the <c>file</c> property becomes the documents' PDFs, each base64-encoded block by block.
    /// </summary>
    private sealed class FilesContent : HttpContent
    {
        private const int Block = 48 * 1024; // a multiple of 3: each block encodes on its own
        private readonly JsonObject _body;
        private readonly IReadOnlyList<BsreDocument> _documents;

        public FilesContent(JsonObject body, IReadOnlyList<BsreDocument> documents)
        {
            (_body, _documents) = (body, documents);
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct)
        {
            await using var w = new Utf8JsonWriter(stream);
            w.WriteStartObject();
            foreach (var (name, value) in _body)
            {
                w.WritePropertyName(name);
                if (name != "file") { if (value is null) w.WriteNullValue(); else value.WriteTo(w); continue; }
                w.WriteStartArray();
                foreach (var pdf in _documents.Select(d => d.Pdf))
                {
                    var at = 0;
                    do
                    {
                        var n = Math.Min(Block, pdf.Length - at);
                        w.WriteBase64StringSegment(pdf.AsSpan(at, n), isFinalSegment: (at += n) == pdf.Length);
                        await w.FlushAsync(ct);
                    } while (at < pdf.Length);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }

        protected override bool TryComputeLength(out long length) { length = 0; return false; } // sent chunked
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(settings.BaseUrl))
            throw new RemoteSignerException(SignatureFailure.NotConfigured, null, "Layanan BSrE (DocSign:Signing:Bsre:BaseUrl) belum dikonfigurasi di server. Hubungi admin.");
        using var request = make();
        request.RequestUri = new Uri(new Uri(settings.BaseUrl.TrimEnd('/') + "/"), request.RequestUri!.ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}")));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            return response;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new RemoteSignerException(SignatureFailure.ServiceUnavailable, null,
                $"BSrE tidak menjawab dalam {settings.Timeout.TotalSeconds:0} detik. Tidak ada yang ditandatangani atau disimpan; silakan coba lagi nanti.", e);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteSignerException(SignatureFailure.ServiceUnavailable, null,
                "Layanan BSrE tidak dapat dihubungi. Tidak ada yang ditandatangani atau disimpan; silakan coba lagi nanti.", e);
        }
    }

    /// <summary>BSrE's refusal: its own message verbatim (the "error" field, else the Spring "error"), with a plain line under it.</summary>
    internal static RemoteSignerException Refusal(HttpStatusCode status, byte[] body)
    {
        string? message = null;
        int? code = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o)
            {
                message = o["error"] is JsonValue e && e.TryGetValue<string>(out var m) ? m : o["message"]?.ToString();
                code = o["status_code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : null;
            }
        }
        catch (JsonException) { }
        message ??= $"HTTP {(int)status}";
        var (failure, line) = (code, (int)status) switch
        {
            (2031, _) => (SignatureFailure.WrongPassphrase, "Passphrase yang Anda masukkan tidak cocok dengan yang terdaftar di BSrE. Tidak ada yang ditandatangani atau disimpan."),
            (2032, _) => (SignatureFailure.WrongPassphrase, "Kode TOTP tidak diterima BSrE (salah atau sudah kedaluwarsa). Minta kode baru lalu coba lagi; tidak ada yang disimpan."),
            (2011, _) => (SignatureFailure.KeyUnusable, "NIK Anda belum terdaftar sebagai pengguna tanda tangan elektronik BSrE. Hubungi admin TTE instansi; tidak ada yang disimpan."),
            (2021, _) => (SignatureFailure.CertificateNotValid, "Sertifikat elektronik Anda di BSrE belum aktif atau tidak dapat dipakai. Hubungi admin TTE instansi; tidak ada yang disimpan."),
            (_, 401 or 403) => (SignatureFailure.NotConfigured, "Akun aplikasi DocSign ditolak oleh BSrE. Hubungi admin; tidak ada yang disimpan."),
            (_, >= 500) => (SignatureFailure.ServiceUnavailable, "Layanan BSrE sedang mengalami gangguan. Tidak ada yang ditandatangani atau disimpan; silakan coba lagi nanti."),
            _ => (SignatureFailure.Other, "BSrE menolak permintaan tanda tangan. Tidak ada yang disimpan."),
        };
        return new RemoteSignerException(failure, message, line);
    }
}
