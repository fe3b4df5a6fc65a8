namespace DocSign.Core.Workflow;

/// <summary>A review finding (catatan reviu) of the Inspektorat and the office's answer (a corrected version and a note).</summary>
public sealed class ReviewFinding
{
    public const int MaxTextLength = 4000;
    public const int MaxPerDocument = 200;

    private ReviewFinding() { }

    internal ReviewFinding(Guid id, Guid instanceId, int number, string text, string raisedBy, DateTimeOffset raisedAt)
    {
        Id = id;
        InstanceId = instanceId;
        Number = number;
        Text = text;
        RaisedBy = raisedBy;
        RaisedAt = raisedAt;
    }

    public Guid Id { get; private set; }
    public Guid InstanceId { get; private set; }
    public int Number { get; private set; }
    public string Text { get; private set; } = "";
    public string RaisedBy { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public int? AnswerVersionNumber { get; private set; }
    public string? AnswerNote { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsAnswered => AnsweredAt is not null;

    internal void Answer(int versionNumber, string note, string by, DateTimeOffset at)
    {
        AnswerVersionNumber = versionNumber;
        AnswerNote = note;
        AnsweredBy = by;
        AnsweredAt = at;
    }
}
