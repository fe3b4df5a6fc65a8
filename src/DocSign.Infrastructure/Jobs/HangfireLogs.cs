using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// Hangfire's logging goes through one process-wide provider (a static of Hangfire's). Hangfire's own ASP.NET Core
/// provider keeps the first host's logger factory, so a second host in the same process (tests, or a host restarted in
/// place) logs through a disposed factory and every new job store throws. This provider always writes to the factory of
/// the newest host and drops a line rather than throw when that factory is gone.
/// </summary>
internal sealed class HangfireLogs : ILogProvider
{
    public static readonly HangfireLogs Instance = new();
    private volatile ILoggerFactory? _factory;

    private HangfireLogs() { }

    /// <summary>Makes <paramref name="factory"/> (this host's) the one Hangfire writes to, and installs the provider.</summary>
    public static void Use(ILoggerFactory factory)
    {
        Instance._factory = factory;
        LogProvider.SetCurrentLogProvider(Instance);
    }

    public ILog GetLogger(string name) => new Logger(this, name);

    private sealed class Logger(HangfireLogs owner, string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                if (owner._factory?.CreateLogger(name) is not { } logger) return false;
                var level = logLevel switch
                {
                    HangfireLevel.Trace => MsLevel.Trace,
                    HangfireLevel.Debug => MsLevel.Debug,
                    HangfireLevel.Info => MsLevel.Information,
                    HangfireLevel.Warn => MsLevel.Warning,
                    HangfireLevel.Error => MsLevel.Error,
                    _ => MsLevel.Critical,
                };
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;   // the host that owned the factory has stopped
            }
        }
    }
}
