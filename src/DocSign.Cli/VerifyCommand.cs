using DocSign.Validation.Reports;
using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation;

namespace DocSign.Cli;

/// <summary>
/// `docsign verify FILE.pdf [--trust CERT.pem]... [--json] [--report OUT.html|OUT.pdf]` (CONTRACT.md).
/// Exit 0 VALID, 1 INVALID, 2 INDETERMINATE, 3 unreadable input or wrong call; it always says why.
/// Several files, a <c>--dir</c>, a <c>--summary</c> or <c>--reports</c> make it a batch (<see cref="VerifyBatch"/>).
/// </summary>
internal static class VerifyCommand
{
    public const int ExitValid = 0, ExitInvalid = 1, ExitIndeterminate = 2, ExitUnusable = 3;

    public static Command Create()
    {
        var file = new Argument<FileInfo[]>("file") { Description = "PDF yang akan diverifikasi (satu atau lebih)", Arity = ArgumentArity.ZeroOrMore };
        var trust = new Option<FileInfo[]>("--trust") { Description = "sertifikat jangkar kepercayaan (PEM atau DER); boleh berulang", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "cetak hasil sebagai JSON" };
        var report = new Option<FileInfo?>("--report") { Description = "tulis laporan untuk auditor (.html atau .pdf)" };
        var offline = new Option<bool>("--offline") { Description = "jangan mengambil OCSP/CRL secara daring" };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "verifikasi setiap *.pdf dalam folder ini" };
        var recursive = new Option<bool>("--recursive") { Description = "dengan --dir: termasuk subfolder" };
        var summary = new Option<FileInfo?>("--summary") { Description = "tulis ringkasan banyak berkas (.csv, .json atau .html)" };
        var reports = new Option<DirectoryInfo?>("--reports") { Description = "tulis laporan HTML tiap berkas ke folder ini" };
        var jobs = new Option<int?>("--jobs") { Description = "berapa berkas diverifikasi bersamaan (bawaan: jumlah prosesor)" };
        var password = new Option<string?>("--password") { Description = "kata sandi PDF terenkripsi (bawaan: kata sandi kosong)" };
        var cmd = new Command("verify", "Verifikasi tanda tangan elektronik (PAdES) satu atau banyak PDF.")
        {
            file, trust, json, report, offline, dir, recursive, summary, reports, jobs, password,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            try
            {
                var files = parse.GetValue(file) ?? [];
                var folder = parse.GetValue(dir);
                var summaryFile = parse.GetValue(summary);
                var reportsDir = parse.GetValue(reports);
                var trustFiles = parse.GetValue(trust) ?? Array.Empty<FileInfo>();
                var reportFile = parse.GetValue(report);
                if (files.Length == 0 && folder is null) return Fail("sebutkan berkas PDF yang akan diverifikasi, atau --dir FOLDER", asJson);
                bool batch = files.Length > 1 || folder is not null || summaryFile is not null || reportsDir is not null;
                if (batch)
                {
                    if (reportFile is not null) return Fail("--report untuk satu berkas; untuk banyak berkas pakai --reports FOLDER", asJson);
                    if (folder is not null && !folder.Exists) return Fail($"folder {folder.FullName} tidak ada", asJson);
                    if (summaryFile is not null && !BatchSummaryWriter.IsKnownFormat(summaryFile.Name))
                        return Fail("--summary harus berakhiran .csv, .json atau .html", asJson);
                    if (parse.GetValue(jobs) is { } j && j is < 1 or > 64) return Fail("--jobs harus antara 1 dan 64", asJson);
                }
                else if (parse.GetValue(recursive)) return Fail("--recursive hanya berlaku dengan --dir", asJson);
                var anchors = TakeEarlyAnchors(trustFiles) ?? TrustAnchorFiles.Load(trustFiles);
                if (batch)
                {
                    var inputs = VerifyBatch.Collect(files, folder, parse.GetValue(recursive));
                    var batchOptions = new VerificationOptions
                    {
                        TrustAnchors = anchors, AllowOnlineRevocation = !parse.GetValue(offline), ComputeFileSha256 = true, Password = parse.GetValue(password),
                    };
                    int degree = parse.GetValue(jobs) ?? Math.Clamp(Environment.ProcessorCount, 1, 8);
                    var code = await VerifyBatch.RunAsync(inputs, batchOptions, degree, asJson, summaryFile, reportsDir, ct);
                    return inputs.Count == 0 ? ExitUnusable : code;
                }
                var path = files[0];
                if (reportFile is not null && reportFile.Extension.ToLowerInvariant() is not (".html" or ".htm" or ".pdf"))
                    return Fail("--report harus berakhiran .html atau .pdf", asJson);
                if (!path.Exists) return Fail($"berkas {path.FullName} tidak ada", asJson);
                var options = new VerificationOptions
                {
                    TrustAnchors = anchors,
                    AllowOnlineRevocation = !parse.GetValue(offline),
                    Password = parse.GetValue(password),
                    // The whole-file SHA-256 costs a second pass over the file: computed for what gets filed or parsed.
                    ComputeFileSha256 = asJson || reportFile is not null,
                };
                var result = await PdfSignatureVerifier.Default.VerifyFileAsync(path.FullName, options, ct);
                if (reportFile is not null)
                {
                    await using var fs = reportFile.Create();
                    if (reportFile.Extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase)) VerificationReportPdf.Write(fs, result);
                    else VerificationReportHtml.Write(fs, result);
                }
                if (asJson)
                {
                    await using var stdout = Console.OpenStandardOutput();
                    VerificationReportJson.Write(stdout, result, indented: true);
                    await stdout.WriteAsync("\n"u8.ToArray(), ct);
                }
                else Console.Out.Write(VerificationReportText.Format(result));
                return result.Verdict switch { Verdict.Valid => ExitValid, Verdict.Invalid => ExitInvalid, _ => ExitIndeterminate };
            }
            catch (VerificationInputException e) { return Fail(e.Message, asJson); }
            catch (TrustAnchorException e) { return Fail(e.Message, asJson); }
            catch (IOException e) { return Fail("kesalahan berkas: " + e.Message, asJson); }
            catch (UnauthorizedAccessException e) { return Fail("akses berkas ditolak: " + e.Message, asJson); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Fail($"kesalahan tak terduga ({e.GetType().Name}): {e.Message}", asJson);
            }
        });
        return cmd;
    }

    private static (string[] Paths, Task<X509Certificate2Collection> Loading)? _early;

    /// <summary>
    /// Starts reading the <c>--trust</c> files on another core while the command line is parsed and the PDF is read:
    /// the first certificate a process decodes pays for loading and initialising OpenSSL, a large part of verifying a
    /// small file. Only the plain <c>--trust FILE</c> spelling is looked at; the action uses the result only when the
    /// parsed option names the same files in the same order, and a bad file is reported there, as before. Without
    /// <c>--trust</c> it still initialises the cryptography library early.
    /// </summary>
    public static void StartAnchorsEarly(string[] args)
    {
        var paths = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == "--trust" && i + 1 < args.Length)
            {
                try { paths.Add(Path.GetFullPath(args[++i])); }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return; }
            }
        }
        if (paths.Count == 0)
        {
            _ = Task.Run(() => System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty));
            return;
        }
        var files = paths.Select(p => new FileInfo(p)).ToArray();
        _early = (paths.ToArray(), Task.Run(() => TrustAnchorFiles.Load(files)));
    }

    private static X509Certificate2Collection? TakeEarlyAnchors(FileInfo[] files)
    {
        if (_early is not { } e) return null;
        _early = null;
        if (!e.Paths.SequenceEqual(files.Select(f => f.FullName))) return null;
        // Rethrows a TrustAnchorException from the early read as the action would have thrown it.
        return e.Loading.GetAwaiter().GetResult();
    }

    private static int Fail(string message, bool json)
    {
        Console.Error.WriteLine("docsign verify: " + message);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            using var w = new System.Text.Json.Utf8JsonWriter(stdout);
            w.WriteStartObject();
            w.WriteNull("verdict");
            w.WriteString("error", message);
            w.WriteEndObject();
            w.Flush();
            stdout.Write("\n"u8);
        }
        return ExitUnusable;
    }
}
