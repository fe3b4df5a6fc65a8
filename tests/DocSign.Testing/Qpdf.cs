using System.Diagnostics;

namespace DocSign.Testing;

/// <summary><c>qpdf --check</c> as an external oracle. Fails clearly when qpdf is not installed.</summary>
public static class Qpdf
{
    /// <summary>Runs <c>qpdf --check</c> on the bytes; returns (exit code, output). Exit 0 = no errors, 3 = warnings only.</summary>
    public static (int ExitCode, string Output) Check(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"docsign-qpdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var psi = new ProcessStartInfo("qpdf") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("--check");
            psi.ArgumentList.Add(path);
            Process p;
            try { p = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("qpdf is not installed (apt-get install qpdf); the round-trip tests use it as an oracle.", e);
            }
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException("qpdf --check did not finish in 60 s"); }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        finally { File.Delete(path); }
    }
}
