namespace DocSign.Core.Workflow;

/// <summary>Whether a document's SOP is still running.</summary>
public enum WorkflowStatus
{
    Running = 0,
    Completed = 1,
}
