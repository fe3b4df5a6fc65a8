using System.Diagnostics;
using System.Text;
using DocSign.Testing.Services;

namespace DocSign.Testing.SamplePdfs;

/// <summary>PDFs made for tests, named by what is special about them.</summary>
public static partial class SamplePdfs
{
    /// <summary>
    /// A small well-formed one-page PDF (classic xref table with exact offsets) whose page shows
    /// <paramref name="text"/>; <paramref name="padding"/> extra bytes in a comment make it as large as needed.
    /// </summary>
    public static byte[] OnePage(string text, int padding = 0)
    {
        var content = $"BT /F1 12 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var sb = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        if (padding > 0)
        {
            for (var written = 0; written < padding; written += 80)
                sb.Append('%').Append('x', 78).Append('\n');
        }
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>The same kind of PDF, encrypted (AES-256, user password "rahasia") by qpdf.</summary>
    public static byte[] Encrypted(string text) => EncryptWithQpdf(OnePage(text), "rahasia", "pemilik", "256");

    /// <summary>
    /// <paramref name="plain"/> encrypted by <c>qpdf --encrypt USER OWNER BITS [options]</c> (standard security handler);
    /// <paramref name="keyLengthAndOptions"/> is the key length (40, 128, 256) and qpdf's options after it
    /// (<c>--use-aes=y|n</c>...). RC4 is allowed: qpdf 11 writes it only when told that weak cryptography is meant.
    /// </summary>
    public static byte[] EncryptWithQpdf(byte[] plain, string userPassword, string ownerPassword, params string[] keyLengthAndOptions)
    {
        var dir = TestEnvironment.NewTempDirectory("pdf");
        try
        {
            var input = Path.Combine(dir, "plain.pdf");
            var locked = Path.Combine(dir, "locked.pdf");
            File.WriteAllBytes(input, plain);
            var info = new ProcessStartInfo("qpdf") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "--allow-weak-crypto", "--encrypt", userPassword, ownerPassword }.Concat(keyLengthAndOptions).Concat(["--", input, locked]))
                info.ArgumentList.Add(a);
            Process process;
            try { process = Process.Start(info)!; }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("qpdf is missing; run the tests through scripts/test.sh, which installs it.", e);
            }
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException("qpdf failed: " + error.Result);
            return File.ReadAllBytes(locked);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Random bytes: what a renamed or corrupted file looks like.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
