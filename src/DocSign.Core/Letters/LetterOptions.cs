namespace DocSign.Core.Letters;

/// <summary>Bound from <c>DocSign:Letters</c>.</summary>
public sealed class LetterOptions
{
    public const string Section = "DocSign:Letters";

    /// <summary>How often the surat pengantar job looks for signed documents without a cover letter.</summary>
    public TimeSpan CoverLetterPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Numbers one person may reserve a day (<c>POST .../letter-numbers</c> and the Surat Keluar page); 0: no cap.</summary>
    public int DailyReservationsPerUser { get; set; } = 50;
}
