using DocSign.Pdf;
using DocSign.Validation.PdfStructure;

namespace DocSign.Validation;

/// <summary>
/// Which changes in a later revision are allowed after a signature, as an ordered list of rules (the whitelist
/// model of pyHanko's diff policy). The analysis compares each object changed after the signed revision with its
/// signed form and asks the rules in order; the first rule that recognises the object's role judges the change
/// and grades it. A change no rule explains is graded by where the final document uses it (an annotation: ANNOTATIONS;
/// anything else: OTHER). Changes graded at or above <see cref="DisallowedFrom"/> are not allowed.
/// </summary>
public sealed class ModificationPolicy
{
    /// <summary>DocSign's rules, in the order they are asked.</summary>
    public static ModificationPolicy Default { get; } = new(ModificationRules.Standard(), ModificationLevel.Annotations);

    /// <summary>Makes a policy from rules (asked in this order) and the level from which a change is disallowed.</summary>
    public ModificationPolicy(IEnumerable<ModificationRule> rules, ModificationLevel disallowedFrom)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToList();
        if (Rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != Rules.Count)
            throw new ArgumentException("rule ids must be unique", nameof(rules));
        if (disallowedFrom <= ModificationLevel.LtaUpdates)
            throw new ArgumentOutOfRangeException(nameof(disallowedFrom), "DSS and document timestamps must stay allowed: B-LT/B-LTA depend on them");
        DisallowedFrom = disallowedFrom;
    }

    /// <summary>The rules, in the order they are asked.</summary>
    public IReadOnlyList<ModificationRule> Rules { get; }

    /// <summary>Changes graded at this level or above are disallowed (TOTAL_FAILED).</summary>
    public ModificationLevel DisallowedFrom { get; }

    /// <summary>Whether a change graded <paramref name="level"/> is disallowed.</summary>
    public bool Disallows(ModificationLevel level) => level >= DisallowedFrom;

    /// <summary>The same policy without the rule <paramref name="id"/>: what it allowed is then unexplained.</summary>
    public ModificationPolicy Without(string id) =>
        new(Rules.Where(r => r.Id != id), DisallowedFrom);

    /// <summary>The same policy with the rule <paramref name="id"/> grading what it allows at <paramref name="grade"/>.</summary>
    public ModificationPolicy WithGrade(string id, ModificationLevel grade)
    {
        if (Rules.All(r => r.Id != id)) throw new ArgumentException($"no rule '{id}'", nameof(id));
        return new(Rules.Select(r => r.Id == id ? r.WithGrade(grade) : r), DisallowedFrom);
    }
}

/// <summary>What a rule made of one changed object.</summary>
internal enum RuleOutcome
{
    /// <summary>Not this rule's kind of object: ask the next rule.</summary>
    NotApplicable,
    /// <summary>Judged (and graded) by this rule.</summary>
    Judged,
    /// <summary>This rule claims the object and says no rule may explain the change (e.g. it decides what a page shows).</summary>
    Unexplained,
}

/// <summary>One changed object: its number and its signed and final forms.</summary>
internal readonly record struct ObjectChange(int Number, PdfObject Before, PdfObject After);

/// <summary>
/// One kind of change a later revision may make, and how it is graded. Rules are built by DocSign (their
/// recognition needs the analysis's view of the document); a policy chooses, orders and re-grades them.
/// </summary>
public abstract class ModificationRule
{
    private protected ModificationRule(string id, ModificationLevel grade, string description)
    {
        Id = id;
        Grade = grade;
        Description = description;
    }

    /// <summary>Stable identifier (e.g. "info-dictionary").</summary>
    public string Id { get; }

    /// <summary>The level given to the changes this rule allows (for rules over composite objects such as the
    /// catalog or a page, the level of the allowed part; the rest of such an object is still judged item by item).</summary>
    public ModificationLevel Grade { get; private set; }

    /// <summary>What the rule allows, in English (for policy listings and logs).</summary>
    public string Description { get; }

    /// <summary>A copy grading at <paramref name="grade"/>.</summary>
    public ModificationRule WithGrade(ModificationLevel grade)
    {
        var copy = (ModificationRule)MemberwiseClone();
        copy.Grade = grade;
        return copy;
    }

    internal abstract RuleOutcome Apply(ModificationAnalyzer analysis, ObjectChange change, ModificationResult result);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Grade}): {Description}";
}
