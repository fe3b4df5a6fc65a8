namespace DocSign.Core.Letters;

/// <summary>
/// Bound from <c>DocSign:Testing:Letters</c>, kept apart from the production settings: a pause after the number is
/// taken and before the letter is stored, so a crash test can kill the process in between. Never set in production.
/// </summary>
public sealed class LetterTestHooks
{
    public const string Section = "DocSign:Testing:Letters";

    public TimeSpan DelayAfterReserve { get; set; }
}
