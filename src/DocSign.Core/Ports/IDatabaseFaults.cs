namespace DocSign.Core.Ports;

/// <summary>
/// Reads an exception no adapter guarded (e.g. EF's transient-failure wrapper around a refused connection) as "the
/// database is down" or not, so the host can answer 503 instead of 500 without knowing the database driver.
/// </summary>
public interface IDatabaseFaults
{
    bool IsUnavailable(Exception exception);
}
