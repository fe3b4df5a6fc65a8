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

    /// <summary>The level of every change except comments (markup annotations added, changed or removed): what is
    /// judged where comments are allowed (a certification with DocMDP P=3, or a policy allowing them).</summary>
    public ModificationLevel LevelWithoutComments { get; private set; }

    /// <summary>The findings that are comments (see <see cref="LevelWithoutComments"/>).</summary>
    public HashSet<string> CommentFindings { get; } = new(StringComparer.Ordinal);

    /// <summary>Records a comment: a markup annotation added, changed or removed (graded ANNOTATIONS).</summary>
    public void NoteComment(string what)
    {
        if (ModificationLevel.Annotations > Level) Level = ModificationLevel.Annotations;
        if (Findings.Count < 50) { Findings.Add(what); CommentFindings.Add(what); }
    }

    public void Note(ModificationLevel level, string what, bool listed = true)
    {
        if (level > Level) Level = level;
        if (level > LevelWithoutComments) LevelWithoutComments = level;
        if (level >= ModificationLevel.Annotations) { if (Findings.Count < 50) Findings.Add(what); }
        else if (AllowedChanges.Count < 50 && AllowedChanges.Add(what) && !listed) _unlisted.Add(what);
    }
}
