namespace DocSign.Validation.PdfStructure;

/// <summary>What changed after one signed revision, and why the level was given.</summary>
internal sealed class ModificationResult
{
    public ModificationLevel Level { get; set; }
    /// <summary>Explanations in Bahasa Indonesia, one per change at ANNOTATIONS or OTHER level (the ones that matter).</summary>
    public List<string> Findings { get; } = new();
    /// <summary>Names of what changed at the allowed levels (DSS, document timestamp, new signature...).</summary>
    public SortedSet<string> AllowedChanges { get; } = new(StringComparer.Ordinal);
    /// <summary>Existing non-signature form fields were filled in (values or their appearances changed).</summary>
    public bool FormFieldsFilled { get; set; }

    /// <summary>Allowed changes not worth listing to the reader (an orphan object rewritten): kept in <see cref="AllowedChanges"/> for the count, left out of <see cref="ListedAllowedChanges"/>.</summary>
    private readonly HashSet<string> _unlisted = new(StringComparer.Ordinal);

    /// <summary>The allowed changes a report lists.</summary>
    public IEnumerable<string> ListedAllowedChanges => AllowedChanges.Where(x => !_unlisted.Contains(x));

    public void Note(ModificationLevel level, string what, bool listed = true)
    {
        if (level > Level) Level = level;
        if (level >= ModificationLevel.Annotations) { if (Findings.Count < 50) Findings.Add(what); }
        else if (AllowedChanges.Count < 50 && AllowedChanges.Add(what) && !listed) _unlisted.Add(what);
    }
}
