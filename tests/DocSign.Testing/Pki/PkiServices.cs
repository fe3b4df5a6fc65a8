using System.Diagnostics;
using System.Net.Sockets;

namespace DocSign.Testing.Pki;

/// <summary>
/// Makes sure scripts/pki-services.sh (CRL :18780, OCSP :18781, TSA :18782) is answering. scripts/test.sh
/// starts it before the tests; when a test runs alone this starts it once for the test process and
/// stops it when the process exits.
/// </summary>
public static class PkiServices
{
    private static readonly object Gate = new();
    private static Process? _started;

    /// <summary>Ports the sample certificates name.</summary>
    public static readonly int[] Ports = [18780, 18781, 18782];

    /// <summary>True when every service port accepts connections.</summary>
    public static bool Running() => Ports.All(IsListening);

    /// <summary>Starts the services if they are not running; waits up to 20 s for them.</summary>
    public static void EnsureRunning()
    {
        lock (Gate)
        {
            if (Running()) return;
            if (_started is null || _started.HasExited)
            {
                var psi = new ProcessStartInfo("bash", [Path.Combine(SamplePki.RepoRoot, "scripts", "pki-services.sh")])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                _started = Process.Start(psi) ?? throw new InvalidOperationException("could not start pki-services.sh");
                _started.OutputDataReceived += (_, _) => { };
                _started.ErrorDataReceived += (_, _) => { };
                _started.BeginOutputReadLine();
                _started.BeginErrorReadLine();
                var proc = _started;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!proc.HasExited) proc.Kill(entireProcessTree: true); } catch { } };
            }
            Services.Wait.Until(Running, TimeSpan.FromSeconds(20), () => "pki-services.sh did not come up on ports 18780-18782 (ports taken by something else?)");
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var c = new TcpClient();
            var task = c.ConnectAsync("127.0.0.1", port);
            return task.Wait(2000) && c.Connected;
        }
        catch (Exception) { return false; }
    }
}
