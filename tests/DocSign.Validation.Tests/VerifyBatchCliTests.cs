using System.Security.Cryptography;
using System.Text.Json;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>
/// `docsign verify FILE… | --dir DIR` (CONTRACT.md, many files in one process): an Inspektorat checking a year of
/// documents. The files are made once from a few signed samples (copies of a B-LT file that is VALID offline,
/// changed ones, an untrusted signer, junk), so the batch's answer for every file is known in advance.
/// </summary>
public sealed class VerifyBatchFollowsTheContract : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("docsign-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ToolResult Run(params string[] args) => DocSignCli.Run(args, TimeSpan.FromMinutes(5));

    private static readonly Lazy<Task<byte[]>> LongTermLazy = new(async () =>
    {
        PkiServices.EnsureRunning();
        using var input = new MemoryStream(await Signed.BT());
        using var output = new MemoryStream();
        var result = await PadesExtender.ExtendAsync(input, output, new ExtensionOptions
        {
            Target = ExtensionTarget.BLT, TsaUrl = SamplePki.TsaUrl, TrustAnchors = Signed.SampleAnchors(), OnlineTimeout = TimeSpan.FromSeconds(3),
        });
        result.Report.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(result.Report));
        return output.ToArray();
    });

    /// <summary>B-T extended to B-LT: VALID offline, with its revocation data inside.</summary>
    private static Task<byte[]> LongTerm() => LongTermLazy.Value;

    private static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    /// <summary>Writes <paramref name="count"/> files named by <paramref name="prefix"/> (in <paramref name="sub"/>).</summary>
    private List<(string Name, byte[] Bytes)> Write(string sub, string prefix, byte[] bytes, int count)
    {
        Directory.CreateDirectory(Path.Combine(_dir, sub));
        var written = new List<(string, byte[])>();
        for (int i = 0; i < count; i++)
        {
            var name = Path.Combine(sub, $"{prefix}-{i:D4}.pdf");
            File.WriteAllBytes(Path.Combine(_dir, name), bytes);
            written.Add((name, bytes));
        }
        return written;
    }

    [Fact]
    public async Task A_thousand_files_are_verified_in_one_process_with_a_summary_and_the_worst_exit_code()
    {
        var lt = await LongTerm();
        var changed = AttackPdfs.ContentChangedInLaterRevision(lt);
        var untrusted = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Untrusted });
        var junk = "bukan PDF sama sekali\n"u8.ToArray();
        var expected = new Dictionary<string, (string Verdict, string Sha)>();
        // spread over two years' folders, one of them nested, as an office's archive is
        foreach (var (name, bytes, verdict) in Write("2025", "surat", lt, 600).Select(f => (f.Name, f.Bytes, "VALID"))
                     .Concat(Write(Path.Combine("2026", "triwulan-1"), "surat", lt, 380).Select(f => (f.Name, f.Bytes, "VALID")))
                     .Concat(Write("2026", "diubah", changed, 10).Select(f => (f.Name, f.Bytes, "INVALID")))
                     .Concat(Write("2026", "asing", untrusted, 5).Select(f => (f.Name, f.Bytes, "INDETERMINATE")))
                     .Concat(Write("2025", "rusak", junk, 5).Select(f => (f.Name, f.Bytes, "UNREADABLE"))))
            expected[name.Replace('\\', '/')] = (verdict, Sha(bytes));
        File.WriteAllText(Path.Combine(_dir, "2025", "catatan.txt"), "bukan PDF, tidak diperiksa");
        expected.Count.ShouldBe(1000);

        var summary = Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-ringkasan.csv");
        try
        {
            var run = Run("verify", "--dir", _dir, "--recursive", "--offline", "--trust", SamplePki.PathOf("root-ca.pem"), "--summary", summary);
            run.ExitCode.ShouldBe(1, run.StdErr); // the worst is INVALID
            run.StdOut.ShouldContain("1000 berkas: 980 SAH, 10 TIDAK SAH, 5 TIDAK DAPAT DIPASTIKAN, 5 tidak dapat dibaca");

            var lines = File.ReadAllLines(summary);
            lines[0].ShouldBe("file,sha256,verdict,signers,claimed_signing_times,timestamp_times,levels,changes_after_signing,reason");
            lines.Length.ShouldBe(1001);
            var seen = new HashSet<string>();
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                var (verdict, sha) = expected[cells[0]];
                seen.Add(cells[0]).ShouldBeTrue(cells[0]);
                cells[1].ShouldBe(sha, cells[0]);
                cells[2].ShouldBe(verdict, cells[0]);
                if (verdict == "VALID")
                {
                    cells[3].ShouldBe("Hendra Wijaya Kusuma (NIP 197403152001121003)");
                    cells[5].ShouldNotBeEmpty(); // the signature timestamp's time
                    cells[6].ShouldBe("B-LT");
                    cells[7].ShouldBe("LTA_UPDATES");
                }
                if (verdict == "INVALID") line.ShouldContain("OTHER");
            }
            seen.Count.ShouldBe(1000);
            // path order: the folder walk is reported the same way every time
            lines.Skip(1).Select(l => l.Split(',')[0]).ShouldBe(expected.Keys.Order(StringComparer.Ordinal));
        }
        finally { File.Delete(summary); }
    }

    [Fact]
    public async Task Json_for_many_files_holds_each_single_file_object_and_a_summary()
    {
        var lt = await LongTerm();
        var a = Path.Combine(_dir, "a.pdf");
        var b = Path.Combine(_dir, "b.pdf");
        var c = Path.Combine(_dir, "c.pdf");
        File.WriteAllBytes(a, lt);
        File.WriteAllBytes(b, "bukan PDF"u8.ToArray());
        var untrusted = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Untrusted });
        File.WriteAllBytes(c, untrusted);
        var run = Run("verify", a, b, c, "--offline", "--trust", SamplePki.PathOf("root-ca.pem"), "--json");
        run.ExitCode.ShouldBe(3, run.StdErr); // an unreadable file is worse than INDETERMINATE, and no file is INVALID
        using var doc = JsonDocument.Parse(run.StdOut);
        var files = doc.RootElement.GetProperty("files");
        files.GetArrayLength().ShouldBe(3);
        files[0].GetProperty("file").GetString().ShouldBe(a);
        files[0].GetProperty("sha256").GetString().ShouldBe(Sha(lt));
        files[0].GetProperty("verdict").GetString().ShouldBe("VALID");
        var sig = files[0].GetProperty("signatures")[0];
        foreach (var key in new[] { "field", "indication", "subIndication", "level", "signer", "claimedSigningTime", "timestampTime", "coverage", "modificationsAfter", "messages" })
            sig.TryGetProperty(key, out _).ShouldBeTrue(key);
        sig.GetProperty("level").GetString().ShouldBe("B-LT");
        files[1].GetProperty("verdict").ValueKind.ShouldBe(JsonValueKind.Null);
        files[1].GetProperty("error").GetString()!.ShouldContain("tidak dapat dibaca");
        files[2].GetProperty("verdict").GetString().ShouldBe("INDETERMINATE");
        var summary = doc.RootElement.GetProperty("summary");
        summary.GetProperty("total").GetInt32().ShouldBe(3);
        summary.GetProperty("valid").GetInt32().ShouldBe(1);
        summary.GetProperty("unreadable").GetInt32().ShouldBe(1);
        summary.GetProperty("indeterminate").GetInt32().ShouldBe(1);
        summary.GetProperty("worst").GetString().ShouldBe("UNREADABLE");
    }

    [Fact]
    public async Task Reports_and_html_and_json_summaries_are_written_per_file()
    {
        var lt = await LongTerm();
        Write(".", "sah", lt, 2);
        Write("lama", "sah", lt, 1);
        Write("lama", "diubah", AttackPdfs.ContentChangedInLaterRevision(lt), 1);
        var outDir = Directory.CreateTempSubdirectory("docsign-batch-out-").FullName;
        try
        {
            var reports = Path.Combine(outDir, "laporan");
            var html = Path.Combine(outDir, "ringkasan.html");
            var run = Run("verify", "--dir", _dir, "--offline", "--trust", SamplePki.PathOf("root-ca.pem"), "--summary", html, "--reports", reports);
            run.ExitCode.ShouldBe(0, run.StdErr); // without --recursive only the top folder: two VALID files
            Directory.GetFiles(reports).Select(Path.GetFileName).Order().ShouldBe(["sah-0000.pdf.html", "sah-0001.pdf.html"]);
            File.ReadAllText(html).ShouldContain("2 berkas: 2 SAH");

            var json = Path.Combine(outDir, "ringkasan.json");
            var run2 = Run("verify", "--dir", _dir, "--recursive", "--offline", "--trust", SamplePki.PathOf("root-ca.pem"), "--summary", json, "--reports", reports);
            run2.ExitCode.ShouldBe(1, run2.StdErr);
            var names = Directory.GetFiles(reports).Select(Path.GetFileName).Order().ToList();
            names.ShouldContain("lama_diubah-0000.pdf.html");
            File.ReadAllText(Path.Combine(reports, "lama_diubah-0000.pdf.html")).ShouldContain("TIDAK SAH");
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            doc.RootElement.GetProperty("summary").GetProperty("invalid").GetInt32().ShouldBe(1);
            doc.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == "lama/diubah-0000.pdf")
                .GetProperty("signatures")[0].GetProperty("modificationsAfter").GetString().ShouldBe("OTHER");
        }
        finally { Directory.Delete(outDir, recursive: true); }
    }

    [Fact]
    public void Wrong_batch_calls_exit_3_with_a_message()
    {
        var r1 = Run("verify", "--dir", Path.Combine(_dir, "tidak-ada"));
        r1.ExitCode.ShouldBe(3);
        r1.StdErr.ShouldContain("tidak ada");
        var r2 = Run("verify", "--dir", _dir, "--summary", Path.Combine(_dir, "x.txt"));
        r2.ExitCode.ShouldBe(3);
        r2.StdErr.ShouldContain(".csv");
        var r3 = Run("verify", "--dir", _dir); // an empty folder: nothing was checked, which must not read as VALID
        r3.ExitCode.ShouldBe(3);
        r3.StdErr.ShouldContain("tidak ada berkas PDF");
    }
}
