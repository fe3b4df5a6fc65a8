namespace DocSign.Testing.Oracles;

/// <summary>
/// NSS certificate databases for pdfsig (which trusts only what its NSS db trusts): made with
/// certutil/pk12util from libnss3-tools, in a temporary directory, once per process per content.
/// </summary>
public static class NssDb
{
    private static readonly Dictionary<string, string> Cache = new();
    private static readonly object Gate = new();
    private static readonly List<string> Made = new();

    static NssDb() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (Gate) foreach (var d in Made) try { Directory.Delete(d, true); } catch (IOException) { }
    };

    /// <summary>True when certutil is installed (package libnss3-tools).</summary>
    public static bool Available => ExternalTool.Exists("certutil");

    /// <summary>A db trusting the given CA certificates (PEM files) for e-mail/object signing.</summary>
    public static string WithTrustedRoots(params string[] pemFiles)
    {
        string key = string.Join("|", pemFiles);
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var dir)) return dir;
            dir = Directory.CreateTempSubdirectory("docsign-nss-").FullName;
            Made.Add(dir);
            Check(ExternalTool.Run("certutil", ["-N", "-d", "sql:" + dir, "--empty-password"]));
            int i = 0;
            foreach (var pem in pemFiles)
                Check(ExternalTool.Run("certutil", ["-A", "-d", "sql:" + dir, "-n", "root" + i++, "-t", "CT,C,C", "-a", "-i", pem]));
            Cache[key] = dir;
            return dir;
        }
    }

    /// <summary>Imports a PKCS#12 key into a fresh db (for pdfsig -add-signature); returns the db and the key's nickname.</summary>
    public static (string Dir, string Nickname) WithKey(string p12Path, string passphrase, params string[] trustedRootPems)
    {
        var dir = Directory.CreateTempSubdirectory("docsign-nss-key-").FullName;
        lock (Gate) Made.Add(dir);
        Check(ExternalTool.Run("certutil", ["-N", "-d", "sql:" + dir, "--empty-password"]));
        Check(ExternalTool.Run("pk12util", ["-i", p12Path, "-d", "sql:" + dir, "-W", passphrase, "-K", ""]));
        int i = 0;
        foreach (var pem in trustedRootPems)
            Check(ExternalTool.Run("certutil", ["-A", "-d", "sql:" + dir, "-n", "root" + i++, "-t", "CT,C,C", "-a", "-i", pem]));
        var list = ExternalTool.Run("certutil", ["-K", "-d", "sql:" + dir]);
        // "< 0> rsa      0123...   nickname"
        var line = list.StdOut.Split('\n').First(l => l.StartsWith('<'));
        var nick = System.Text.RegularExpressions.Regex.Match(line, @"^<\s*\d+>\s+\S+\s+\S+\s+(.*)$").Groups[1].Value.Trim();
        return (dir, nick);
    }

    private static void Check(ToolResult r)
    {
        if (r.ExitCode != 0) throw new InvalidOperationException("NSS tool failed: " + r.Output);
    }
}
