namespace DocSign.Core.Letters;

/// <summary>
/// The office-year counter row: the last running number given. Allocation locks this row, so two letters of
/// one office and year are numbered one after the other; another office or year has its own row.
/// </summary>
public sealed class LetterCounter
{
    private LetterCounter() { }

    public LetterCounter(string officeId, int year)
    {
        OfficeId = officeId;
        Year = year;
    }

    public string OfficeId { get; private set; } = "";
    public int Year { get; private set; }
    public int LastSequence { get; private set; }
}
