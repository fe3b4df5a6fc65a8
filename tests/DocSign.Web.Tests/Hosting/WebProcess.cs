using System.Diagnostics;
using DocSign.Testing.Services;

namespace DocSign.Web.Tests.Hosting;

/// <summary>
/// DocSign.Web as an operator starts it: the real service binary in its own process, its output kept line by line.
/// Tests wait on what the service says (Kestrel's "Application started", a job's "ran" line), never on the clock:
/// every new line or the process's exit wakes the waiters, which then look again.
/// </summary>
internal sealed class WebProcess : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "DocSign.Web.dll");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebProcess(Process process) => _process = process;

    public Uri? Url { get; private init; }

    public string Output { get { lock (_lines) return string.Join('\n', _lines); } }

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the binary with <paramref name="settings"/> as environment variables (keys in configuration form,
    /// <c>DocSign:Demo:Enabled</c>, or environment form, <c>DocSign__Demo__Enabled</c>).
    /// </summary>
    public static WebProcess Launch(string environment, IEnumerable<KeyValuePair<string, string?>> settings, params string[] arguments) =>
        Launch(environment, settings, url: null, arguments);

    private static WebProcess Launch(string environment, IEnumerable<KeyValuePair<string, string?>> settings, Uri? url, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [Dll, .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The line a start waits for, and the line each job run leaves (RecordedJob logs it at Debug).
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        info.Environment["Logging__LogLevel__DocSign.Infrastructure.Jobs"] = "Debug";
        foreach (var (k, v) in settings) info.Environment[k.Replace(":", "__")] = v;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var web = new WebProcess(process) { Url = url };
        process.OutputDataReceived += (_, e) => web.Add(e.Data);
        process.ErrorDataReceived += (_, e) => web.Add(e.Data);
        process.Exited += (_, _) => web.Add(null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return web;
    }

    /// <summary>Starts the service on a free loopback port and returns once it serves: started and <c>/health</c> 200.</summary>
    public static async Task<WebProcess> ServeAsync(string environment, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var port = TestEnvironment.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var web = Launch(environment, settings, url, ["--urls", url.ToString()]);
        try
        {
            await web.WaitForLinesAsync(l => l.Contains("Application started."), 1, StartTimeout, "the service's start");
            using var http = web.Client();
            var health = await http.GetAsync("/health");
            if (!health.IsSuccessStatusCode) throw new InvalidOperationException($"Started but /health answered {(int)health.StatusCode}:\n{web.Output}");
            return web;
        }
        catch
        {
            web.Dispose();
            throw;
        }
    }

    /// <summary>Runs a host command (<c>--remove-demo-data</c>, ...) to its end.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string environment, IEnumerable<KeyValuePair<string, string?>> settings, params string[] arguments)
    {
        using var web = Launch(environment, settings, arguments);
        using var cts = new CancellationTokenSource(StartTimeout);
        await web._process.WaitForExitAsync(cts.Token);
        web._process.WaitForExit();   // the output streams drained too
        return (web._process.ExitCode, web.Output);
    }

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>How many lines so far satisfy <paramref name="match"/>.</summary>
    public int Count(Func<string, bool> match) { lock (_lines) return _lines.Count(match); }

    /// <summary>Waits until <paramref name="count"/> lines satisfy <paramref name="match"/>; fails at once if the process exits first.</summary>
    public async Task WaitForLinesAsync(Func<string, bool> match, int count, TimeSpan timeout, string what)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                if (_lines.Count(match) >= count) return;
                changed = _changed.Task;
            }
            if (_process.HasExited) throw new InvalidOperationException($"DocSign.Web exited ({_process.ExitCode}) before {what}:\n{Output}");
            try { await changed.WaitAsync(limit.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"No {what} within {timeout.TotalSeconds:0} s:\n{Output}"); }
        }
    }

    /// <summary>Waits for <paramref name="more"/> further runs of the job <paramref name="jobKey"/> (<c>group.name</c>) from now.</summary>
    public Task WaitForJobRunsAsync(string jobKey, int more)
    {
        var line = $"Job {jobKey} ran";
        return WaitForLinesAsync(l => l.Contains(line), Count(l => l.Contains(line)) + more, TimeSpan.FromSeconds(120), $"{more} more run(s) of {jobKey}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no chance to finish a job.</summary>
    public void Kill9()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try { Kill9(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        TaskCompletionSource changed;
        lock (_lines)
        {
            if (line is not null) _lines.Add(line);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}
