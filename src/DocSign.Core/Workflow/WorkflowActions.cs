namespace DocSign.Core.Workflow;

/// <summary>
/// The action kinds a SOP step can name (stable wire words, used in the template files). Only a few carry a
/// guard on the document's stage; the others are recorded as done by the person who did them.
/// </summary>
public static class WorkflowActions
{
    public const string Disposisi = "disposisi";
    public const string Receive = "receive";
    public const string Forward = "forward";
    public const string Prepare = "prepare";
    public const string Distribute = "distribute";
    public const string Collect = "collect";
    public const string Analyse = "analyse";
    public const string Invite = "invite";
    public const string Meeting = "meeting";
    public const string Coordinate = "coordinate";
    public const string Socialise = "socialise";
    public const string UploadDraft = "upload-draft";
    public const string Correct = "correct";
    public const string Paraf = "paraf";
    public const string Submit = "submit";
    public const string Approve = "approve";
    public const string Sign = "sign";
    public const string HandOver = "hand-over";
    public const string CoverLetter = "cover-letter";
    public const string Numbering = "numbering";
    public const string Copy = "copy";
    public const string Archive = "archive";
    public const string Send = "send";
    public const string Review = "review";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Disposisi, Receive, Forward, Prepare, Distribute, Collect, Analyse, Invite, Meeting, Coordinate, Socialise,
        UploadDraft, Correct, Paraf, Submit, Approve, Sign, HandOver, CoverLetter, Numbering, Copy, Archive, Send, Review,
    };
}
