namespace DocSign.Core.Reminders;

/// <summary>Reminder timing (<c>DocSign:Reminders</c>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "DocSign:Reminders";

    /// <summary>How often the reminder job runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The "before the deadline" reminder goes this long before the deadline, or once half the step's time has passed
    /// when the step is shorter than twice this (a 10-minute step is not reminded the moment it starts).
    /// </summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A notice whose e-mail failed this many times is given up (the notice under the bell stays).</summary>
    public int MaxEmailAttempts { get; set; } = 20;
}
