namespace DocSign.Core.Workflow;

/// <summary>Bound from <c>DocSign:Workflow</c>: the defaults of every office's working time.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "DocSign:Workflow";

    /// <summary>IANA time zone of an office that has not set its own (WIB by default).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>
    /// Extra days without work for every office, as <c>yyyy-MM-dd</c> (e.g. a holiday decreed after this release);
    /// the national holidays and cuti bersama of the shipped years come from DocSign's own data.
    /// </summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>
    /// Optional single window of working hours, Monday to Friday, without breaks and the same in Ramadan (<c>HH:mm</c>),
    /// for offices without their own hours. Unset (the default): the hours of Perpres 21/2023.
    /// </summary>
    public string? WorkdayStart { get; set; }
    public string? WorkdayEnd { get; set; }

    /// <summary>How often the overdue check runs.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}
