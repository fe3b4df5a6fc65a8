namespace DocSign.Testing;

/// <summary>Finds the team's shared folder (the repository's parent has <c>shared/</c>; worktrees see /work/shared).</summary>
public static class SharedFolders
{
    /// <summary>The folder <c>shared/interop/genuine</c> found beside some ancestor of the test's base directory.</summary>
    public static string GenuineInterop => Find(Path.Combine("shared", "interop", "genuine"));

    /// <summary>Walks up from <see cref="AppContext.BaseDirectory"/> until <paramref name="relative"/> exists beside an ancestor.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No '{relative}' beside any ancestor of {AppContext.BaseDirectory}");
    }
}
