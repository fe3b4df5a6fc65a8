using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Testing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using Xunit.Abstractions;

namespace DocSign.Validation.Tests;

/// <summary>
/// Every PDF of the real-world sample (tests/corpus/realworld, unsigned files from pdf.js's and qpdf's test
/// suites) is signed with the sample key and judged by independent tools: pdfsig must call the new signature
/// valid and total, qpdf must find no problem the input did not have, DocSign's own verifier must say VALID,
/// and page 1 must render as before outside the stamp. CLEAN files must all be signed; DAMAGED ones signed
/// like that or refused in one sentence without an output file; ENCRYPTED ones that open without a user password
/// (as qpdf opens them) signed under their own key and judged like the clean ones, the others refused with the
/// sentence that says how to save an unrestricted copy (a Camat signs the copy; see PadesSigner).
/// </summary>
public sealed partial class RealWorldCorpusTests(ITestOutputHelper output)
{
    private sealed record Entry(string File, string Class);

    private sealed record Outcome(Entry Entry, bool Signed, bool Ok, string Detail);

    private static IReadOnlyList<Entry> Manifest() =>
        File.ReadAllLines(Path.Combine(Corpus.RealWorld, "MANIFEST.tsv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(c => new Entry(c[0], c[1])).ToList();

    [Fact]
    public async Task Every_real_world_pdf_is_signed_into_a_file_every_validator_accepts_or_refused_in_one_sentence()
    {
        PkiServices.EnsureRunning();
        var nss = NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem"));
        var work = Directory.CreateTempSubdirectory("docsign-realworld-");
        var results = new ConcurrentBag<Outcome>();
        try
        {
            await Parallel.ForEachAsync(Manifest(), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (e, ct) =>
            {
                Outcome o;
                try { o = await RunOne(e, work.FullName, nss); }
                catch (Exception ex) { o = new Outcome(e, false, false, "test harness: " + ex); }
                results.Add(o);
            });
        }
        finally { work.Delete(recursive: true); }

        var sb = new StringBuilder();
        foreach (var g in results.GroupBy(r => r.Entry.Class).OrderBy(g => g.Key))
            sb.AppendLine($"{g.Key,-9} files {g.Count(),3}  signed+accepted {g.Count(r => r.Signed && r.Ok),3}  refused-as-required {g.Count(r => !r.Signed && r.Ok),3}  failed {g.Count(r => !r.Ok),3}  ({100.0 * g.Count(r => r.Ok) / g.Count():0.#} % as required)");
        foreach (var r in results.OrderBy(r => r.Entry.File))
            sb.AppendLine($"  {(r.Ok ? "ok  " : "FAIL")} {r.Entry.Class,-9} {r.Entry.File}: {r.Detail}");
        output.WriteLine(sb.ToString());
        results.Where(r => !r.Ok).ShouldBeEmpty(sb.ToString());
        results.Count(r => r.Entry.Class == "CLEAN" && !r.Signed).ShouldBe(0, sb.ToString());
    }

    private static async Task<Outcome> RunOne(Entry e, string work, string nss)
    {
        string input = Path.Combine(Corpus.RealWorld, e.File);
        string signedPath = Path.Combine(work, Path.GetFileNameWithoutExtension(e.File) + ".signed.pdf");
        var parameters = new SigningParameters { Reason = "Uji korpus", Location = "Kanigaran", Visible = StampFor(input) };
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        try
        {
            await new PadesSigner(FakeClock.Default()).SignFileAsync(input, signedPath, parameters, token);
        }
        catch (SigningException ex)
        {
            bool leftOutput = File.Exists(signedPath) || Directory.GetFiles(work, "*" + Path.GetFileName(signedPath) + "*").Length > 0;
            string why = OneSentenceProblem(ex.Message) ?? (leftOutput ? "a refusal left an output file" : "");
            if (e.Class == "ENCRYPTED" && ex.Code != SigningErrorCode.EncryptedPdf) why += " encrypted file refused for another reason";
            if (e.Class == "ENCRYPTED" && !ex.Message.Contains("Simpan sebagai PDF", StringComparison.Ordinal)) why += " the refusal does not say how to save an unrestricted copy";
            if (e.Class == "ENCRYPTED" && OpensWithoutPassword(input)) why += " a file that opens without a user password was refused";
            bool ok = e.Class != "CLEAN" && why.Length == 0;
            return new Outcome(e, false, ok, $"refused ({ex.Code}): {ex.Message}{(why.Length > 0 ? " <- " + why : "")}");
        }
        if (e.Class == "ENCRYPTED" && !OpensWithoutPassword(input)) return new Outcome(e, true, false, "a file that needs a user password was signed");

        var problems = new List<string>();
        byte[] original = await File.ReadAllBytesAsync(input);
        byte[] signed = await File.ReadAllBytesAsync(signedPath);
        if (!signed.AsSpan(0, original.Length).SequenceEqual(original)) problems.Add("original bytes changed");

        var (raw, sigs) = Pdfsig.Verify(signedPath, nss);
        var mine = sigs.Count > 0 ? sigs[^1] : null;
        if (mine is null || !mine.IsValid || !mine.TotalDocumentSigned || mine.SignerName?.Contains("Hendra", StringComparison.Ordinal) != true)
            problems.Add("pdfsig: " + Squeeze(raw.Output));

        var newQpdf = NewQpdfProblems(input, signedPath);
        if (newQpdf is not null) problems.Add("qpdf: " + newQpdf);

        using (var fs = File.OpenRead(signedPath))
        {
            try
            {
                var report = await PdfSignatureVerifier.Default.VerifyAsync(fs, new VerificationOptions
                {
                    TrustAnchors = Signed.SampleAnchors(),
                    OnlineTimeout = TimeSpan.FromSeconds(3),
                    ValidationTime = FakeClock.Default().GetUtcNow().AddDays(1),
                });
                if (report.Verdict != Verdict.Valid || report.Signatures.Count != 1)
                    problems.Add("docsign verify: " + Squeeze(Signed.Describe(report)));
            }
            catch (VerificationInputException ex) { problems.Add("docsign verify refused: " + ex.Message); }
        }

        var render = RenderDifference(input, signedPath, parameters.Visible);
        if (render is not null) problems.Add("render: " + render);
        return new Outcome(e, true, problems.Count == 0, problems.Count == 0 ? "signed; pdfsig, qpdf, docsign verify and rendering agree" : string.Join("; ", problems));
    }

    /// <summary>Whether qpdf opens the file with the empty user password (qpdf --show-encryption says "Incorrect
    /// password supplied" first when it does not).</summary>
    private static bool OpensWithoutPassword(string path) =>
        !ExternalTool.Run("qpdf", ["--show-encryption", path]).Output.Contains("Incorrect password supplied", StringComparison.Ordinal);

    /// <summary>A stamp in the page's lower-left corner, small enough for the page; invisible when the page is tiny or unreadable.</summary>
    private static VisibleSignature? StampFor(string path)
    {
        try
        {
            using var pdf = PdfFile.Open(File.ReadAllBytes(path));
            if (pdf.IsEncrypted) return null;
            var page = pdf.GetPages()[0];
            var box = (page.CropBox ?? page.MediaBox)?.Select(o => o is PdfInteger i ? i.Value : o is PdfReal r ? r.Value : double.NaN).ToArray();
            if (box is not { Length: 4 } || box.Any(double.IsNaN)) return null;
            double bw = Math.Abs(box[2] - box[0]), bh = Math.Abs(box[3] - box[1]);
            if (bw < 60 || bh < 40) return null;
            return new VisibleSignature { Page = 1, X = 5, Y = 5, Width = Math.Min(150, bw - 10), Height = Math.Min(45, bh - 10) };
        }
        catch (PdfException) { return null; }
    }

    /// <summary>Null when the refusal is one sentence in Bahasa Indonesia without internals; else what is wrong with it.</summary>
    private static string? OneSentenceProblem(string message)
    {
        if (message.Contains('\n')) return "the refusal spans lines";
        if (message.Contains("-1 -1", StringComparison.Ordinal)) return "the refusal says 'Object -1 -1'";
        if (!message.TrimEnd().EndsWith('.')) return "the refusal is not a sentence";
        if (Regex.IsMatch(message, @"\. [A-Z]")) return "the refusal is more than one sentence";
        if (Regex.IsMatch(message, @"\b(the|is|not|cross-reference|object|stream)\b", RegexOptions.IgnoreCase)) return "the refusal is not in Bahasa Indonesia";
        return null;
    }

    private static string? NewQpdfProblems(string input, string signed)
    {
        var a = Qpdf.Check(input);
        var b = Qpdf.Check(signed);
        var before = QpdfProblems(a.Output, input);
        var added = QpdfProblems(b.Output, signed).Where(p => !before.Contains(p)).ToList();
        if (b.ExitCode > Math.Max(a.ExitCode, 0) || added.Count > 0)
            return $"exit {a.ExitCode} -> {b.ExitCode}; new: {Squeeze(string.Join(" | ", added))}";
        return null;
    }

    /// <summary>qpdf's warnings and errors with the file name and offsets taken out, so the same problem compares equal before and after.</summary>
    private static HashSet<string> QpdfProblems(string output, string path) =>
        output.Split('\n').Where(l => l.Contains("WARNING", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
            .Where(l => !l.Contains("qpdf cannot detect", StringComparison.Ordinal))
            .Where(l => !l.Contains("No syntax or stream encoding errors", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l.Replace(path, "FILE"), @"\d+", "N").Trim()).ToHashSet();

    /// <summary>Renders page 1 of both files at low resolution and compares them outside the stamp; null when they agree.</summary>
    private static string? RenderDifference(string input, string signed, VisibleSignature? stamp)
    {
        const double dpi = 20;
        RenderedPage a, b;
        try { a = RenderedPage.Render(input, 1, dpi); }
        catch (InvalidOperationException) { return null; } // poppler cannot render the input either: nothing to compare
        try { b = RenderedPage.Render(signed, 1, dpi); }
        catch (InvalidOperationException ex) { return "the signed file does not render: " + Squeeze(ex.Message); }
        if (a.Width != b.Width || a.Height != b.Height) return $"page size {a.Width}x{a.Height} -> {b.Width}x{b.Height}";
        var box = stamp is null ? (0, 0, 0, 0) : StampPixels(input, stamp, a);
        int differ = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
            {
                if (x >= box.Item1 && x < box.Item3 && y >= box.Item2 && y < box.Item4) continue;
                if (Math.Abs(a.At(x, y) - b.At(x, y)) > 8) differ++;
            }
        return differ > Math.Max(2, a.Width * a.Height / 2000) ? $"{differ} of {a.Width * a.Height} pixels outside the stamp differ" : null;
    }

    /// <summary>The stamp's box in the rendered image: page space relative to the crop box, turned by /Rotate as viewers show it.</summary>
    private static (int, int, int, int) StampPixels(string path, VisibleSignature v, RenderedPage img)
    {
        using var pdf = PdfFile.Open(File.ReadAllBytes(path));
        var page = pdf.GetPages()[0];
        var box = (page.CropBox ?? page.MediaBox)!.Select(o => o is PdfInteger i ? i.Value : ((PdfReal)o).Value).ToArray();
        double bw = Math.Abs(box[2] - box[0]), bh = Math.Abs(box[3] - box[1]), s = img.Dpi / 72.0;
        var corners = new[] { (v.X, v.Y), (v.X + v.Width, v.Y), (v.X, v.Y + v.Height), (v.X + v.Width, v.Y + v.Height) }
            .Select(c => page.Rotate switch
            {
                90 => (c.Item2, c.Item1),
                180 => (bw - c.Item1, c.Item2),
                270 => (bh - c.Item2, bw - c.Item1),
                _ => (c.Item1, bh - c.Item2),
            }).ToArray();
        const int margin = 3;
        return ((int)Math.Floor(corners.Min(c => c.Item1) * s) - margin, (int)Math.Floor(corners.Min(c => c.Item2) * s) - margin,
                (int)Math.Ceiling(corners.Max(c => c.Item1) * s) + margin, (int)Math.Ceiling(corners.Max(c => c.Item2) * s) + margin);
    }

    private static string Squeeze(string s)
    {
        s = Regex.Replace(s, @"\s+", " ");
        return s.Length > 600 ? s[..600] + "…" : s;
    }
}
