namespace DocSign.Testing;

/// <summary>
/// Finds the test corpora kept in the repository under <c>tests/corpus</c> (real PDFs from other producers, with
/// their origin and licence in each folder's README). The repository stands alone: nothing is read from outside it.
/// </summary>
public static class Corpus
{
    /// <summary>The 39 intact signed PDFs from other producers (<c>tests/corpus/interop/genuine</c>).</summary>
    public static string GenuineInterop => Find(Path.Combine("interop", "genuine"));

    /// <summary>The folder <c>tests/corpus/interop</c> (README with the expected signatures per file).</summary>
    public static string Interop => Find("interop");

    /// <summary>Unsigned real-world PDFs from pdf.js's and qpdf's test suites (<c>tests/corpus/realworld</c>).</summary>
    public static string RealWorld => Find("realworld");

    /// <summary>Walks up from <see cref="AppContext.BaseDirectory"/> to the repository's <c>tests/corpus/<paramref name="relative"/></c>.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "corpus", relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No 'tests/corpus/{relative}' above {AppContext.BaseDirectory}");
    }
}
