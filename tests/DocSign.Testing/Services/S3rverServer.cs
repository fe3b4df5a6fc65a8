using System.Diagnostics;
using System.Net.Sockets;

namespace DocSign.Testing.Services;

/// <summary>
/// A real S3 server (s3rver from npm) on a free loopback port with its own data folder, for one test class.
/// It can be stopped and started again on the same port and folder, to test outages.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private Process? _process;

    private S3rverServer(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static async Task<S3rverServer> StartAsync()
    {
        var server = new S3rverServer(TestEnvironment.FreePort(), TestEnvironment.NewTempDirectory("s3rver"));
        await server.StartAsync(default);
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false }) return;
        var info = new ProcessStartInfo(TestEnvironment.S3rverPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--address", "127.0.0.1", "--port", Port.ToString(), "--directory", Directory, "--silent" })
            info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start s3rver");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await Wait.UntilAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"s3rver exited with {_process.ExitCode} on port {Port}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return true;
            }
            catch (SocketException) { return false; }
        }, TimeSpan.FromSeconds(30), () => $"s3rver listening on port {Port}", cancellationToken);
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Where s3rver keeps the raw bytes of an object (to prove what was actually stored).</summary>
    public string RawObjectPath(string bucket, string key) => Path.Combine(Directory, bucket, key + "._S3rver_object");

    /// <summary>
    /// Puts an object straight into s3rver's folder, the way s3rver itself lays it out (the bytes, no metadata file:
    /// s3rver computes the ETag on first use). Fast set-up for buckets of thousands of objects.
    /// </summary>
    public void WriteRawObject(string bucket, string key, byte[] bytes)
    {
        var path = RawObjectPath(bucket, key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
