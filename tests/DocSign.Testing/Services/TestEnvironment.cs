namespace DocSign.Testing.Services;

/// <summary>The servers scripts/test.sh provides. Missing means the tests were started the wrong way: say so, never skip.</summary>
public static class TestEnvironment
{
    public static string PostgresAdminConnectionString => Require("DOCSIGN_TEST_POSTGRES");

    public static string S3rverPath => Require("DOCSIGN_TEST_S3RVER");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests through scripts/test.sh, which starts PostgreSQL and installs s3rver and exports {name}.");

    public static string NewTempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "docsign-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
