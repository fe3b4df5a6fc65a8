using DocSign.Validation.Reports;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using DocSign.Validation;

namespace DocSign.Cli;

/// <summary>
/// `docsign verify FILE… | --dir DIR [--recursive] [--summary OUT.csv|.json|.html] [--reports DIR] [--jobs N]`
/// (CONTRACT.md): many files in one process. Files are verified <c>--jobs</c> at a time (the processor count by
/// default) and reported in the order given (or path order for a folder); at most a few lines per job wait for
/// an earlier, slower file, and each file is read from disk while it is verified and forgotten after its line
/// is written, so memory does not grow with the number of files. The exit status is the worst outcome's
/// (<see cref="BatchSummary"/>).
/// </summary>
internal static class VerifyBatch
{
    /// <summary>A file to verify: where it is and how the summary names it.</summary>
    public sealed record Input(string Path, string Name);

    private sealed record Done(BatchEntry Entry, byte[]? Json);

    /// <summary>The files named and those found in <paramref name="dir"/> (*.pdf, any case), in a stable order.</summary>
    public static List<Input> Collect(IEnumerable<FileInfo> files, DirectoryInfo? dir, bool recursive)
    {
        var inputs = files.Select(f => new Input(f.FullName, f.ToString())).ToList();
        if (dir is not null)
        {
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = recursive,
                IgnoreInaccessible = true,
                MatchCasing = MatchCasing.CaseInsensitive,
                AttributesToSkip = FileAttributes.ReparsePoint,
            };
            var found = Directory.EnumerateFiles(dir.FullName, "*.pdf", options)
                .Select(p => new Input(p, Path.GetRelativePath(dir.FullName, p)))
                .OrderBy(i => i.Name, StringComparer.Ordinal);
            inputs.AddRange(found);
        }
        return inputs;
    }

    public static async Task<int> RunAsync(IReadOnlyList<Input> inputs, VerificationOptions options, int jobs, bool json,
        FileInfo? summaryFile, DirectoryInfo? reportsDir, CancellationToken ct)
    {
        var summary = new BatchSummary();
        using var gate = new SemaphoreSlim(jobs);
        var reportNames = new HashSet<string>(StringComparer.Ordinal);
        FileStream? summaryStream = null;
        BatchSummaryWriter? summaryWriter = null;
        if (summaryFile is not null)
        {
            summaryFile.Directory?.Create();
            summaryStream = summaryFile.Create();
            summaryWriter = BatchSummaryWriter.For(summaryFile.FullName, summaryStream)!;
        }
        reportsDir?.Create();
        await using var stdout = Console.OpenStandardOutput();
        using var jw = json ? new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) : null;
        jw?.WriteStartObject();
        jw?.WriteStartArray("files");
        try
        {
            // Started in order, at most `jobs` running (the gate) and a few finished ones waiting for an earlier file.
            var window = new Queue<Task<Done>>();
            int next = 0;
            while (next < inputs.Count || window.Count > 0)
            {
                while (next < inputs.Count && window.Count < jobs * 4)
                {
                    var input = inputs[next++];
                    string? reportPath = reportsDir is null ? null : ReportPath(reportsDir, input.Name, reportNames);
                    window.Enqueue(VerifyOneAsync(input, options, json, reportPath, gate, ct));
                }
                var done = await window.Dequeue().ConfigureAwait(false);
                summary.Add(done.Entry.Outcome);
                summaryWriter?.Add(done.Entry);
                if (jw is not null)
                {
                    jw.WriteRawValue(done.Json!, skipInputValidation: true);
                    if (jw.BytesPending > 1 << 14) await jw.FlushAsync(ct).ConfigureAwait(false);
                }
                else
                {
                    Console.Out.WriteLine($"{done.Entry.VerdictName,-14} {done.Entry.File}"
                        + (done.Entry.Error is { } err ? "  (" + err + ")" : ""));
                }
            }
            summaryWriter?.End(summary);
            if (jw is not null)
            {
                jw.WriteEndArray();
                jw.WriteStartObject("summary");
                summary.WriteMembers(jw);
                jw.WriteEndObject();
                jw.WriteEndObject();
                await jw.FlushAsync(ct).ConfigureAwait(false);
                await stdout.WriteAsync("\n"u8.ToArray(), ct).ConfigureAwait(false);
            }
            else Console.Out.WriteLine(summary.Sentence());
        }
        finally
        {
            summaryWriter?.Dispose();
            if (summaryStream is not null) await summaryStream.DisposeAsync().ConfigureAwait(false);
        }
        if (summary.Total == 0) Console.Error.WriteLine("docsign verify: tidak ada berkas PDF yang ditemukan");
        return BatchSummary.ExitCode(summary.Worst);
    }

    private static async Task<Done> VerifyOneAsync(Input input, VerificationOptions options, bool json, string? reportPath,
        SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            VerificationReport report;
            try
            {
                if (!File.Exists(input.Path)) return Unreadable(input, null, $"berkas {input.Path} tidak ada", json);
                report = await PdfSignatureVerifier.Default.VerifyFileAsync(input.Path, options, ct).ConfigureAwait(false);
            }
            catch (VerificationInputException e) { return Unreadable(input, Sha256Of(input.Path), e.Message, json); }
            report.FileName = input.Name;
            if (reportPath is not null)
            {
                await using var fs = File.Create(reportPath);
                VerificationReportHtml.Write(fs, report);
            }
            var entry = BatchEntry.From(input.Name, report);
            return new Done(entry, json ? Element(input.Name, report.FileSha256, w => VerificationReportJson.WriteMembers(w, report, fileObject: false)) : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(input, null, "kesalahan berkas: " + e.Message, json);
        }
        finally
        {
            gate.Release();
        }
    }

    private static Done Unreadable(Input input, string? sha256, string error, bool json) =>
        new(BatchEntry.Unreadable(input.Name, sha256, error), json ? Element(input.Name, sha256, w =>
        {
            // As the single-file form says it (verdict null, error): the file could not be verified at all.
            w.WriteNull("verdict");
            w.WriteString("error", error);
        }) : null);

    private static byte[] Element(string name, string? sha256, Action<Utf8JsonWriter> members)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("file", name);
            w.WriteString("sha256", sha256);
            members(w);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static string? Sha256Of(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            return Convert.ToHexString(SHA256.HashData(fs)).ToLowerInvariant();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// The report's path under <paramref name="dir"/>: the file's name in the batch with folders flattened
    /// ("2025/surat.pdf" → "2025_surat.pdf.html"), never outside the folder, a counter added when two names meet.
    /// </summary>
    private static string ReportPath(DirectoryInfo dir, string name, HashSet<string> taken)
    {
        var flat = string.Concat(name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p is not ("." or ".."))
            .Select((p, i) => (i == 0 ? "" : "_") + p));
        foreach (var bad in Path.GetInvalidFileNameChars()) flat = flat.Replace(bad, '_');
        if (flat.Length == 0) flat = "berkas";
        if (flat.Length > 200) flat = flat[^200..];
        var candidate = flat + ".html";
        for (int n = 2; !taken.Add(candidate); n++) candidate = $"{flat}.{n}.html";
        return Path.Combine(dir.FullName, candidate);
    }
}
