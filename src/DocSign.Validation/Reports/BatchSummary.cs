using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DocSign.Validation.Reports;

/// <summary>
/// One line of a batch verification's summary (an Inspektorat checking a year of an office's documents): the
/// file as named by the caller, its SHA-256, the verdict (or why it could not be verified) and, per signature,
/// who signed, when, at which level and what changed after. Small on purpose: a batch keeps these, never the
/// full reports.
/// </summary>
public sealed record BatchEntry(
    string File,
    string? Sha256,
    BatchOutcome Outcome,
    string? Error,
    IReadOnlyList<BatchSignature> Signatures,
    IReadOnlyList<string> Messages)
{
    /// <summary>The summary line of a verified file.</summary>
    public static BatchEntry From(string file, VerificationReport report) => new(
        file,
        report.FileSha256,
        report.Verdict switch { Verdict.Valid => BatchOutcome.Valid, Verdict.Invalid => BatchOutcome.Invalid, _ => BatchOutcome.Indeterminate },
        null,
        report.AllEntries.Select(BatchSignature.From).ToList(),
        report.Messages.ToList());

    /// <summary>The summary line of a file that could not be verified at all (<paramref name="error"/> says why).</summary>
    public static BatchEntry Unreadable(string file, string? sha256, string error) => new(file, sha256, BatchOutcome.Unreadable, error, [], []);

    /// <summary>The contract's verdict string, or UNREADABLE.</summary>
    public string VerdictName => BatchSummary.Name(Outcome);
}

/// <summary>One signature or document timestamp in a <see cref="BatchEntry"/>.</summary>
public sealed record BatchSignature(
    string Field,
    bool IsDocumentTimestamp,
    Indication Indication,
    SubIndication SubIndication,
    string? Signer,
    string? Nip,
    DateTimeOffset? ClaimedSigningTime,
    DateTimeOffset? TimestampTime,
    PadesLevelReached? Level,
    ModificationLevel ModificationsAfter,
    bool DisallowedModification)
{
    internal static BatchSignature From(SignatureResult s) => new(
        s.Field, s.Kind == SignatureKind.DocumentTimestamp, s.Indication, s.SubIndication, s.Signer?.Name, s.Signer?.Nip,
        s.ClaimedSigningTime, s.TimestampTime, s.Level, s.ModificationsAfter, s.DisallowedModification);
}

/// <summary>A file's outcome in a batch: the three verdicts, or not verifiable.</summary>
public enum BatchOutcome
{
    /// <summary>VALID (exit 0).</summary>
    Valid,
    /// <summary>INDETERMINATE (exit 2).</summary>
    Indeterminate,
    /// <summary>Not readable as a signed PDF (exit 3).</summary>
    Unreadable,
    /// <summary>INVALID (exit 1): the worst, a signature failed or the document was changed.</summary>
    Invalid,
}

/// <summary>
/// Counts of a batch and the worst outcome. "Worst" ranks INVALID above an unreadable file above INDETERMINATE
/// above VALID: a forged or changed document is what an audit must not miss, and a file nobody could read
/// proves less than one whose chain could not be completed.
/// </summary>
public sealed class BatchSummary
{
    /// <summary>Files seen.</summary>
    public int Total { get; private set; }
    /// <summary>Files per outcome.</summary>
    public int Valid { get; private set; }
    /// <inheritdoc cref="Valid"/>
    public int Invalid { get; private set; }
    /// <inheritdoc cref="Valid"/>
    public int Indeterminate { get; private set; }
    /// <inheritdoc cref="Valid"/>
    public int Unreadable { get; private set; }
    /// <summary>The worst outcome so far (VALID for an empty batch).</summary>
    public BatchOutcome Worst { get; private set; } = BatchOutcome.Valid;

    /// <summary>Counts one file.</summary>
    public void Add(BatchOutcome outcome)
    {
        Total++;
        switch (outcome)
        {
            case BatchOutcome.Valid: Valid++; break;
            case BatchOutcome.Invalid: Invalid++; break;
            case BatchOutcome.Indeterminate: Indeterminate++; break;
            default: Unreadable++; break;
        }
        if (outcome > Worst) Worst = outcome;
    }

    /// <summary>The CLI's exit status for an outcome (CONTRACT.md: 0 VALID, 1 INVALID, 2 INDETERMINATE, 3 unreadable).</summary>
    public static int ExitCode(BatchOutcome o) => o switch
    {
        BatchOutcome.Valid => 0, BatchOutcome.Invalid => 1, BatchOutcome.Indeterminate => 2, _ => 3,
    };

    /// <summary>VALID, INVALID, INDETERMINATE or UNREADABLE.</summary>
    public static string Name(BatchOutcome o) => o switch
    {
        BatchOutcome.Valid => "VALID", BatchOutcome.Invalid => "INVALID", BatchOutcome.Indeterminate => "INDETERMINATE", _ => "UNREADABLE",
    };

    /// <summary>Writes the counts as the members of a JSON object (the caller opens and closes it).</summary>
    public void WriteMembers(Utf8JsonWriter w)
    {
        w.WriteNumber("total", Total);
        w.WriteNumber("valid", Valid);
        w.WriteNumber("invalid", Invalid);
        w.WriteNumber("indeterminate", Indeterminate);
        w.WriteNumber("unreadable", Unreadable);
        w.WriteString("worst", Name(Worst));
        w.WriteNumber("exitCode", ExitCode(Worst));
    }

    /// <summary>One line in Bahasa Indonesia for a terminal.</summary>
    public string Sentence() =>
        $"{Total} berkas: {Valid} SAH, {Invalid} TIDAK SAH, {Indeterminate} TIDAK DAPAT DIPASTIKAN, {Unreadable} tidak dapat dibaca; terburuk {Name(Worst)}";
}

/// <summary>
/// Writes a batch's summary file line by line as the files are verified (CSV, JSON or HTML, chosen by the
/// file's extension), so a batch of any size holds one line at a time. Columns: file, SHA-256, verdict,
/// signers, claimed times, timestamp times, levels, changes after signing, and the reason for anything not VALID.
/// </summary>
public abstract class BatchSummaryWriter : IDisposable
{
    private protected readonly Stream Output;
    private bool _ended;

    private protected BatchSummaryWriter(Stream output) => Output = output;

    /// <summary>A writer for <paramref name="path"/>'s extension (.csv, .json, .html/.htm), or null for any other.</summary>
    public static BatchSummaryWriter? For(string path, Stream output) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => new Csv(output),
        ".json" => new Json(output),
        ".html" or ".htm" => new Html(output),
        _ => null,
    };

    /// <summary>Whether <paramref name="path"/> names a summary format this writer knows.</summary>
    public static bool IsKnownFormat(string path) => Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".json" or ".html" or ".htm";

    /// <summary>Writes one file's line.</summary>
    public abstract void Add(BatchEntry entry);

    /// <summary>Closes the summary with the counts.</summary>
    public void End(BatchSummary summary)
    {
        if (_ended) return;
        _ended = true;
        WriteEnd(summary);
        Output.Flush();
    }

    private protected abstract void WriteEnd(BatchSummary summary);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the writer (the stream stays the caller's).</summary>
    protected virtual void Dispose(bool disposing) { }

    internal static string Time(DateTimeOffset? t) =>
        t is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    /// <summary>The signers of a line, "name (NIP n)" joined by "; " (document timestamps left out: their TSA is not a signer).</summary>
    internal static string Signers(BatchEntry e) => string.Join("; ", e.Signatures.Where(s => !s.IsDocumentTimestamp)
        .Select(s => s.Nip is null ? s.Signer ?? "?" : $"{s.Signer} (NIP {s.Nip})"));

    internal static string Join<T>(BatchEntry e, Func<BatchSignature, T> pick, Func<T, string> show) =>
        string.Join("; ", e.Signatures.Where(s => !s.IsDocumentTimestamp).Select(s => show(pick(s))));

    internal static string Levels(BatchEntry e) => Join(e, s => s.Level, l => l is { } v ? VerificationReportJson.Name(v) : "-");
    internal static string Claimed(BatchEntry e) => Join(e, s => s.ClaimedSigningTime, t => Time(t));
    internal static string Stamped(BatchEntry e) => Join(e, s => s.TimestampTime, t => Time(t));
    internal static string Changes(BatchEntry e) => Join(e, s => s.ModificationsAfter, m => VerificationReportJson.Name(m));

    /// <summary>Why a line is not VALID, in one field: the error, or the document's and failing signatures' messages.</summary>
    internal static string Reason(BatchEntry e)
    {
        if (e.Error is not null) return e.Error;
        if (e.Outcome == BatchOutcome.Valid) return "";
        return string.Join(" | ", e.Messages.Concat(e.Signatures.Where(s => s.Indication != Indication.TotalPassed)
            .Select(s => $"{s.Field}: {VerificationReportJson.Name(s.Indication)}{(s.SubIndication == SubIndication.None ? "" : "/" + VerificationReportJson.Name(s.SubIndication))}")));
    }

    private sealed class Csv : BatchSummaryWriter
    {
        private readonly StreamWriter _w;

        public Csv(Stream output) : base(output)
        {
            _w = new StreamWriter(output, new UTF8Encoding(false), 1 << 14, leaveOpen: true) { NewLine = "\r\n" };
            _w.WriteLine("file,sha256,verdict,signers,claimed_signing_times,timestamp_times,levels,changes_after_signing,reason");
        }

        public override void Add(BatchEntry e) => _w.WriteLine(string.Join(',', new[]
        {
            e.File, e.Sha256 ?? "", e.VerdictName, Signers(e), Claimed(e), Stamped(e), Levels(e), Changes(e), Reason(e),
        }.Select(Quote)));

        private protected override void WriteEnd(BatchSummary summary) => _w.Flush();

        // RFC 4180, and a leading =, +, - or @ is neutralised so a spreadsheet never runs a file name as a formula.
        private static string Quote(string v)
        {
            if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@') v = "'" + v;
            return v.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _w.Dispose();
        }
    }

    private sealed class Json : BatchSummaryWriter
    {
        private readonly Utf8JsonWriter _w;

        public Json(Stream output) : base(output)
        {
            _w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _w.WriteStartObject();
            _w.WriteStartArray("files");
        }

        public override void Add(BatchEntry e)
        {
            _w.WriteStartObject();
            _w.WriteString("file", e.File);
            _w.WriteString("sha256", e.Sha256);
            _w.WriteString("verdict", e.VerdictName);
            if (e.Error is not null) _w.WriteString("error", e.Error);
            _w.WriteStartArray("signatures");
            foreach (var s in e.Signatures)
            {
                _w.WriteStartObject();
                _w.WriteString("field", s.Field);
                _w.WriteString("type", s.IsDocumentTimestamp ? "DOCUMENT_TIMESTAMP" : "SIGNATURE");
                _w.WriteString("indication", VerificationReportJson.Name(s.Indication));
                if (s.SubIndication == SubIndication.None) _w.WriteNull("subIndication"); else _w.WriteString("subIndication", VerificationReportJson.Name(s.SubIndication));
                _w.WriteString("signer", s.Signer);
                _w.WriteString("nip", s.Nip);
                if (s.ClaimedSigningTime is null) _w.WriteNull("claimedSigningTime"); else _w.WriteString("claimedSigningTime", Time(s.ClaimedSigningTime));
                if (s.TimestampTime is null) _w.WriteNull("timestampTime"); else _w.WriteString("timestampTime", Time(s.TimestampTime));
                if (s.Level is { } l) _w.WriteString("level", VerificationReportJson.Name(l)); else _w.WriteNull("level");
                _w.WriteString("modificationsAfter", VerificationReportJson.Name(s.ModificationsAfter));
                _w.WriteEndObject();
            }
            _w.WriteEndArray();
            _w.WriteStartArray("messages");
            foreach (var m in e.Messages) _w.WriteStringValue(m);
            _w.WriteEndArray();
            _w.WriteEndObject();
            if (_w.BytesPending > 1 << 14) _w.Flush();
        }

        private protected override void WriteEnd(BatchSummary summary)
        {
            _w.WriteEndArray();
            _w.WriteStartObject("summary");
            summary.WriteMembers(_w);
            _w.WriteEndObject();
            _w.WriteEndObject();
            _w.Flush();
            Output.Write("\n"u8);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _w.Dispose();
        }
    }

    private sealed class Html : BatchSummaryWriter
    {
        private readonly StreamWriter _w;

        public Html(Stream output) : base(output)
        {
            _w = new StreamWriter(output, new UTF8Encoding(false), 1 << 14, leaveOpen: true);
            _w.Write("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Ringkasan Verifikasi Tanda Tangan Elektronik</title>"
                + "<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}"
                + "th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}th{background:#f0f0f0}"
                + ".VALID{color:#155724}.INVALID{color:#721c24;font-weight:bold}.INDETERMINATE{color:#856404}.UNREADABLE{color:#721c24}"
                + "code{word-break:break-all;font-size:.8em}</style></head><body>\n"
                + "<h1>Ringkasan Verifikasi Tanda Tangan Elektronik</h1>\n<table><tr><th>Berkas</th><th>SHA-256</th><th>Hasil</th>"
                + "<th>Penanda tangan</th><th>Waktu menurut penanda tangan</th><th>Waktu stempel</th><th>Level</th><th>Perubahan sesudahnya</th><th>Catatan</th></tr>\n");
        }

        private static string H(string s) => WebUtility.HtmlEncode(s);

        public override void Add(BatchEntry e) => _w.Write(
            $"<tr><td>{H(e.File)}</td><td><code>{H(e.Sha256 ?? "")}</code></td><td class=\"{e.VerdictName}\">{H(e.VerdictName)}</td>"
            + $"<td>{H(Signers(e))}</td><td>{H(Claimed(e))}</td><td>{H(Stamped(e))}</td><td>{H(Levels(e))}</td><td>{H(Changes(e))}</td><td>{H(Reason(e))}</td></tr>\n");

        private protected override void WriteEnd(BatchSummary summary)
        {
            _w.Write($"</table>\n<p><strong>{H(summary.Sentence())}</strong></p>\n"
                + "<p><small>Dibuat oleh DocSign. SAH hanya bila setiap tanda tangan lulus dan tidak ada perubahan yang mengubah tampilan dokumen setelah ditandatangani.</small></p>\n</body></html>\n");
            _w.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _w.Dispose();
        }
    }
}
