namespace DocSign.Infrastructure.Security;

/// <summary>
/// The data folder holds the database, the documents and the signers' key files: only the service's own user may
/// read it. Directories are 0700 and files 0600. The host also sets its umask to 077 so that files created later
/// (SQLite journals, stored objects) are born private; this class fixes what already exists.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and parents) and makes it private.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(path); return; }
        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Makes <paramref name="root"/> and everything under it private (directories 0700, files 0600).</summary>
    public static void Restrict(string root)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(root)) return;
        File.SetUnixFileMode(root, DirectoryMode);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            if (entry.LinkTarget is not null) continue; // never follow a link out of the data folder
            try { entry.UnixFileMode = entry is DirectoryInfo ? DirectoryMode : FileMode; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a file that vanished meanwhile */ }
        }
    }
}
