using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocSign.Signing;
using DocSign.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.BsreEmulator;

/// <summary>
/// The ECS API as the public sources describe it (issue 20): API v2 JSON, API v1 multipart, the seal endpoints,
/// verification, and the error bodies seen in the field. Status codes other than 2011 (unregistered) and 2031
/// (wrong passphrase) are the emulator's own choice and say so in the README.
/// </summary>
public static class Endpoints
{
    public const int Unregistered = 2011, NotIssued = 2021, WrongPassphrase = 2031, WrongTotp = 2032, BadRequest = 2001, SealRefused = 2041;

    internal static void Map(WebApplication app, EmulatorState s)
    {
        // The PKI's own services (the addresses in the certificates).
        app.MapPost("/ocsp", async ctx => await Service(ctx, s));
        app.MapPost("/tsa", async ctx => await Service(ctx, s));
        app.MapGet("/ca/{name}", async ctx => await Service(ctx, s));

        app.MapPost("/api/v2/user/check/status", ctx => Guarded(ctx, s, faultable: false, async () =>
        {
            var body = await Json(ctx);
            var person = s.Registry.ByNik(Text(body, "nik"));
            var status = person?.Status ?? UserStatus.NOT_REGISTERED;
            return Results.Json(new { status_code = 1111, message = StatusMessage(status), status = status.ToString() });
        }));

        app.MapPost("/api/v2/sign/get/totp", ctx => Guarded(ctx, s, faultable: false, async () =>
        {
            var body = await Json(ctx);
            var person = Text(body, "nik") is { } nik ? s.Registry.ByNik(nik) : s.Registry.ByEmail(Text(body, "email"));
            if (person is null) return Error(Unregistered, "Pengguna tidak terdaftar");
            if (person.Status != UserStatus.ISSUE) return Error(NotIssued, StatusMessage(person.Status));
            // The code comes from the person's authenticator (RFC 6238); the emulator only acknowledges, as ECS does after sending.
            return Results.Json(new { status_code = 1111, message = $"TOTP untuk {Int(body, "data") ?? 1} dokumen telah dikirim ke {Mask(person.Email)}", expired = 30 });
        }));

        app.MapPost("/api/v2/sign/pdf", ctx => Guarded(ctx, s, faultable: true, async () =>
        {
            var body = await Json(ctx);
            var person = Text(body, "nik") is { } nik ? s.Registry.ByNik(nik) : s.Registry.ByEmail(Text(body, "email"));
            if (Refuse(s, person, Text(body, "passphrase"), Text(body, "totp")) is { } refusal) return refusal;
            var files = (body["file"] as JsonArray)?.Select(f => f?.GetValue<string>()).ToList() ?? [];
            var props = (body["signatureProperties"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            if (files.Count == 0) return Error(BadRequest, "File wajib diisi");
            if (props.Count != 1 && props.Count != files.Count) return Error(BadRequest, "Jumlah signatureProperties tidak sesuai jumlah file");
            if (s.Hold is { } hold) await hold();
            var watch = Stopwatch.StartNew();
            var jobs = new List<SignJob>();
            for (int i = 0; i < files.Count; i++)
            {
                if (!TryBase64(files[i], out var pdf)) return Error(BadRequest, $"File ke-{i + 1} bukan base64 yang sah");
                var p = props.Count == 1 ? props[0] : props[i];
                if (JobV2(pdf, p, out var job) is { } bad) return bad;
                jobs.Add(job!);
            }
            var signed = new List<string>();
            for (int i = 0; i < jobs.Count; i++)
                signed.Add(Convert.ToBase64String(await s.Signer.SignAsync(jobs[i], Certificate(s, person!, s.FaultFor(i)), s.FaultFor(i), ctx.RequestAborted)));
            s.CountSigned(signed.Count);
            return Results.Json(new { time = watch.ElapsedMilliseconds, file = signed });
        }));

        app.MapPost("/api/v2/seal/get/activation", ctx => Guarded(ctx, s, faultable: false, async () =>
        {
            var seal = s.Registry.SealOf(Text(await Json(ctx), "idSubscriber"));
            if (seal is null) return Error(SealRefused, "idSubscriber tidak terdaftar");
            var secret = Totp.Base32(seal.ActivationSecret);
            return Results.Json(new { status_code = 1111, message = "Aktivasi segel elektronik", secret,
                uri = $"otpauth://totp/CONTOH-BSrE:{seal.IdSubscriber}?secret={secret}&issuer=CONTOH-BSrE" });
        }));

        app.MapPost("/api/v2/seal/get/totp", ctx => Guarded(ctx, s, faultable: false, async () =>
        {
            var body = await Json(ctx);
            var seal = s.Registry.SealOf(Text(body, "idSubscriber"));
            if (seal is null) return Error(SealRefused, "idSubscriber tidak terdaftar");
            if (!Totp.Verify(seal.ActivationSecret, Text(body, "totp"), s.Clock.GetUtcNow())) return Error(WrongTotp, "TOTP aktivasi tidak valid");
            var code = s.Registry.IssueSealCode(seal, Int(body, "data") ?? 1, s.Clock.GetUtcNow());
            return Results.Json(new { status_code = 1111, message = "TOTP segel elektronik", totp = code, expired = 300 });
        }));

        app.MapPost("/api/v2/seal/pdf", ctx => Guarded(ctx, s, faultable: true, async () =>
        {
            var body = await Json(ctx);
            var seal = s.Registry.SealOf(Text(body, "idSubscriber"));
            if (seal is null) return Error(SealRefused, "idSubscriber tidak terdaftar");
            var files = (body["file"] as JsonArray)?.Select(f => f?.GetValue<string>()).ToList() ?? [];
            var props = (body["signatureProperties"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            if (files.Count == 0 || (props.Count != 1 && props.Count != files.Count)) return Error(BadRequest, "File atau signatureProperties tidak lengkap");
            if (!s.Registry.UseSealCode(seal, Text(body, "totp"), files.Count, s.Clock.GetUtcNow())) return Error(WrongTotp, "TOTP segel tidak valid atau kedaluwarsa");
            var watch = Stopwatch.StartNew();
            var signed = new List<string>();
            for (int i = 0; i < files.Count; i++)
            {
                if (!TryBase64(files[i], out var pdf)) return Error(BadRequest, $"File ke-{i + 1} bukan base64 yang sah");
                if (JobV2(pdf, props.Count == 1 ? props[0] : props[i], out var job) is { } bad) return bad;
                var cert = s.FaultFor(i) == Fault.OtherCertificate ? s.Pki.Leaf("bambang-setiadi") : s.Pki.Leaf(seal.CertificateStem);
                signed.Add(Convert.ToBase64String(await s.Signer.SignAsync(job!, cert, s.FaultFor(i), ctx.RequestAborted)));
            }
            s.CountSigned(signed.Count);
            return Results.Json(new { time = watch.ElapsedMilliseconds, file = signed });
        }));

        app.MapPost("/api/v2/verify/pdf", ctx => Guarded(ctx, s, faultable: true, async () =>
        {
            var body = await Json(ctx);
            if (!TryBase64(Text(body, "file"), out var pdf)) return Error(BadRequest, "File wajib diisi (base64)");
            return Results.Json(await VerifyReport(s, pdf, ctx.RequestAborted));
        }));

        // --- API v1 (multipart; origin bottom-left; answers the PDF itself) ---
        app.MapPost("/api/sign/pdf", ctx => Guarded(ctx, s, faultable: true, async () =>
        {
            if (!ctx.Request.HasFormContentType) return Error(BadRequest, "Permintaan harus multipart/form-data");
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var person = s.Registry.ByNik(form["nik"]);
            if (Refuse(s, person, form["passphrase"], null) is { } refusal) return refusal;
            if (form.Files.GetFile("file") is not { } file) return Error(BadRequest, "File wajib diisi");
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ctx.RequestAborted);
            var pdf = ms.ToArray();
            Placement? place = null;
            if (string.Equals(form["tampilan"], "visible", StringComparison.OrdinalIgnoreCase))
            {
                if (!string.IsNullOrEmpty(form["tag_koordinat"])) return Error(BadRequest, "tag_koordinat tidak didukung oleh emulator ini");
                if (!Num(form["page"], out var page) || !Num(form["xAxis"], out var x) || !Num(form["yAxis"], out var y)
                    || !Num(form["width"], out var w) || !Num(form["height"], out var h))
                    return Error(BadRequest, "page, xAxis, yAxis, width dan height wajib diisi untuk tampilan visible");
                place = new Placement((int)page, x, y, w, h);
            }
            Uri? qr = Uri.TryCreate(form["linkQR"], UriKind.Absolute, out var q) ? q : null;
            var signed = await s.Signer.SignAsync(new SignJob(pdf, place, form["reason"], form["location"], qr), Certificate(s, person!, s.FaultFor(0)), s.FaultFor(0), ctx.RequestAborted);
            s.CountSigned(1);
            ctx.Response.Headers["id_dokumen"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
            return Results.File(signed, "application/pdf", "signed.pdf");
        }));

        app.MapPost("/api/sign/verify", ctx => Guarded(ctx, s, faultable: true, async () =>
        {
            if (!ctx.Request.HasFormContentType) return Error(BadRequest, "Permintaan harus multipart/form-data");
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            if (form.Files.GetFile("signed_file") is not { } file) return Error(BadRequest, "signed_file wajib diisi");
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ctx.RequestAborted);
            return Results.Json(await VerifyReport(s, ms.ToArray(), ctx.RequestAborted));
        }));

        // --- loopback administration: the fault switch and the "authenticator app" of the demo ---
        app.MapPost("/admin/fault", async ctx =>
        {
            if (!IsLoopback(ctx)) { ctx.Response.StatusCode = 403; return; }
            var body = await Json(ctx);
            if (!Enum.TryParse<Fault>(Text(body, "fault"), ignoreCase: true, out var f)) { ctx.Response.StatusCode = 400; return; }
            s.Fault = f;
            // "file": N limits the fault to the N-th file of a bulk call (absent or 0: every file).
            s.FaultFile = Int(body, "file") is > 0 and var n ? n : null;
            await ctx.Response.WriteAsJsonAsync(new { fault = f.ToString(), file = s.FaultFile });
        });
        app.MapGet("/admin/totp/{nik}", async ctx =>
        {
            if (!IsLoopback(ctx)) { ctx.Response.StatusCode = 403; return; }
            var person = s.Registry.ByNik((string?)ctx.Request.RouteValues["nik"]);
            if (person is null) { ctx.Response.StatusCode = 404; return; }
            await ctx.Response.WriteAsJsonAsync(new { nik = person.Nik, totp = Totp.Code(person.TotpSecret, s.Clock.GetUtcNow()) });
        });
    }

    /// <summary>Basic auth, then the fault switch (timeout or 500) for the calls that sign or verify, then the handler; a crash is a Spring 500.</summary>
    private static async Task Guarded(HttpContext ctx, EmulatorState s, bool faultable, Func<Task<IResult>> handler)
    {
        IResult result;
        if (!Authorized(ctx, s.Registry))
        {
            ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"ECS\"";
            result = Spring(ctx, 401, "Unauthorized");
        }
        else if (faultable && s.Fault == Fault.Timeout)
        {
            try { await Task.Delay(Timeout.InfiniteTimeSpan, ctx.RequestAborted); } catch (OperationCanceledException) { }
            return;
        }
        else if (faultable && s.Fault == Fault.Error500) result = Spring(ctx, 500, "Internal Server Error");
        else
        {
            try { result = await handler(); }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or SigningException or PdfSigningFailure)
            {
                result = Error(BadRequest, "Dokumen tidak dapat diproses: " + e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DocSign.BsreEmulator").LogError(e, "Request {Path} failed", ctx.Request.Path);
                result = Spring(ctx, 500, "Internal Server Error");
            }
        }
        await result.ExecuteAsync(ctx);
    }

    private static IResult? Refuse(EmulatorState s, Person? person, string? passphrase, string? totp)
    {
        if (person is null || person.Status == UserStatus.NOT_REGISTERED) return Error(Unregistered, "Pengguna tidak terdaftar");
        if (person.Status != UserStatus.ISSUE) return Error(NotIssued, StatusMessage(person.Status));
        if (!string.IsNullOrEmpty(totp))
            return Totp.Verify(person.TotpSecret, totp, s.Clock.GetUtcNow()) ? null : Error(WrongTotp, "TOTP tidak valid atau kedaluwarsa");
        if (passphrase is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(passphrase), Encoding.UTF8.GetBytes(person.Passphrase)))
            return Error(WrongPassphrase, "Passphrase anda salah");
        return null;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate(EmulatorState s, Person person, Fault fault)
    {
        if (fault != Fault.OtherCertificate) return s.Pki.Leaf(person.CertificateStem!);
        var other = s.Registry.People.First(p => p.Status == UserStatus.ISSUE && p.Nik != person.Nik && p.CertificateStem is not null);
        return s.Pki.Leaf(other.CertificateStem!);
    }

    /// <summary>API v2 placement: origin top-left of the page, converted to PDF's bottom-left.</summary>
    private static IResult? JobV2(byte[] pdf, JsonObject p, out SignJob? job)
    {
        job = null;
        Placement? place = null;
        if (string.Equals(Text(p, "tampilan"), "VISIBLE", StringComparison.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrEmpty(Text(p, "tag_koordinat"))) return Error(BadRequest, "tag_koordinat tidak didukung oleh emulator ini");
            int page = Int(p, "page") ?? 1;
            double x = Dbl(p, "originX"), yTop = Dbl(p, "originY"), w = Dbl(p, "width"), h = Dbl(p, "height");
            if (w <= 0 || h <= 0) return Error(BadRequest, "width dan height wajib diisi untuk tampilan VISIBLE");
            var (_, pageHeight) = EmulatorSigner.PageSize(pdf, page);
            place = new Placement(page, x, pageHeight - yTop - h, w, h);
        }
        job = new SignJob(pdf, place, Text(p, "reason"), Text(p, "location"), Uri.TryCreate(Text(p, "linkQR"), UriKind.Absolute, out var q) ? q : null);
        return null;
    }

    /// <summary>The DSS-like report of verify/pdf, field names as BSrE spells them (timestampInfomation, signatureAlgoritm).</summary>
    private static async Task<JsonObject> VerifyReport(EmulatorState s, byte[] pdf, CancellationToken ct)
    {
        VerificationReport report;
        try
        {
            report = await new PdfSignatureVerifier(s.Signer.ServicesClient(), s.Clock).VerifyAsync(new MemoryStream(pdf),
                new VerificationOptions { TrustAnchors = [s.Pki.Root], ComputeFileSha256 = false }, ct);
        }
        catch (VerificationInputException e)
        {
            return new JsonObject { ["conclusion"] = "NO_SIGNATURE", ["description"] = e.Message, ["signatureInformations"] = new JsonArray() };
        }
        var list = new JsonArray();
        int n = 0;
        foreach (var sig in report.Signatures)
        {
            list.Add(new JsonObject
            {
                ["id"] = $"SIG-{++n}",
                ["signatureFormat"] = sig.Level is { } l ? "PAdES-BASELINE-" + l switch { PadesLevelReached.BB => "B", PadesLevelReached.BT => "T", PadesLevelReached.BLT => "LT", _ => "LTA" } : "PAdES-NOT-ETSI",
                ["signerName"] = sig.Signer?.Name,
                ["signatureDate"] = sig.ClaimedSigningTime?.ToString("o", CultureInfo.InvariantCulture),
                ["fieldName"] = sig.Field,
                ["reason"] = sig.Reason,
                ["location"] = sig.Location,
                ["signatureAlgoritm"] = sig.SignatureAlgorithm,
                ["indication"] = sig.Indication.ToString(),
                ["subIndication"] = sig.SubIndication.ToString(),
                ["integrityValid"] = sig.Indication != Indication.TotalFailed,
                ["certificateTrusted"] = sig.Indication == Indication.TotalPassed,
                ["timestampInfomation"] = sig.TimestampTime is { } t ? new JsonObject { ["timestamp"] = t.ToString("o", CultureInfo.InvariantCulture), ["signerName"] = "CONTOH Timestamp Authority BSrE" } : null,
                ["certificateDetails"] = new JsonArray(new JsonObject
                {
                    ["commonName"] = sig.Signer?.Name, ["subjectName"] = sig.Signer?.Subject, ["issuerName"] = sig.Signer?.Issuer, ["serialNumber"] = sig.Signer?.SerialNumber,
                }),
            });
        }
        return new JsonObject
        {
            ["conclusion"] = report.Verdict switch { Verdict.Valid => "VALID", Verdict.Invalid => "INVALID", _ => "INDETERMINATE" },
            ["description"] = report.Verdict == Verdict.Valid ? "Dokumen valid dan tidak diubah sejak ditandatangani" : string.Join(" ", report.Messages),
            ["signatureInformations"] = list,
            ["jumlah_signature"] = report.Signatures.Count,
        };
    }

    private static async Task Service(HttpContext ctx, EmulatorState s)
    {
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
        if (s.Signer.Service(ctx.Request.Path.Value ?? "", ms.ToArray()) is not { } answer) { ctx.Response.StatusCode = 404; return; }
        ctx.Response.ContentType = answer.ContentType;
        await ctx.Response.Body.WriteAsync(answer.Body, ctx.RequestAborted);
    }

    public static string StatusMessage(UserStatus status) => status switch
    {
        UserStatus.ISSUE => "Sertifikat aktif",
        UserStatus.EXPIRED => "Sertifikat pengguna sudah kedaluwarsa",
        UserStatus.RENEW => "Sertifikat pengguna sedang dalam proses pembaruan",
        UserStatus.WAITING_FOR_VERIFICATION => "Pendaftaran pengguna menunggu verifikasi",
        UserStatus.NEW => "Pengguna baru terdaftar, sertifikat belum diterbitkan",
        UserStatus.NO_CERTIFICATE => "Pengguna tidak memiliki sertifikat",
        UserStatus.NOT_REGISTERED => "Pengguna tidak terdaftar",
        UserStatus.SUSPEND => "Sertifikat pengguna sedang ditangguhkan",
        _ => "Sertifikat pengguna telah dicabut",
    };

    private static IResult Error(int code, string message) => Results.Json(new { error = message, status_code = code }, statusCode: 400);

    private static IResult Spring(HttpContext ctx, int status, string error) => Results.Json(new
    {
        timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+00:00", CultureInfo.InvariantCulture),
        status,
        error,
        path = ctx.Request.Path.Value,
    }, statusCode: status);

    private static bool Authorized(HttpContext ctx, Registry registry)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
        catch (FormatException) { return false; }
        int colon = decoded.IndexOf(':');
        return colon > 0 && registry.Accounts.TryGetValue(decoded[..colon], out var pw)
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pw), Encoding.UTF8.GetBytes(decoded[(colon + 1)..]));
    }

    private static bool IsLoopback(HttpContext ctx) => ctx.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    private static async Task<JsonObject> Json(HttpContext ctx) =>
        await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject ?? throw new JsonException("Badan permintaan bukan objek JSON");

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var t) ? t : o[name]?.ToJsonString();
    private static int? Int(JsonObject o, string name) => o[name] is JsonValue v ? (v.TryGetValue<int>(out var i) ? i : int.TryParse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var j) ? j : null) : null;
    private static double Dbl(JsonObject o, string name) => o[name] is JsonValue v ? (v.TryGetValue<double>(out var d) ? d : double.TryParse(v.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var e) ? e : 0) : 0;
    private static bool Num(string? s, out double v) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);

    private static bool TryBase64(string? s, out byte[] data)
    {
        data = [];
        if (string.IsNullOrEmpty(s)) return false;
        try { data = Convert.FromBase64String(s); return true; }
        catch (FormatException) { return false; }
    }

    private static string Mask(string email) => email.Length < 4 ? "***" : email[..2] + "***" + email[email.IndexOf('@')..];
}

/// <summary>A signing step the emulator could not finish for a reason in the document.</summary>
internal sealed class PdfSigningFailure(string message) : Exception(message);
