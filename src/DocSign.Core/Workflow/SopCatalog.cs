using DocSign.Core.Ports;

namespace DocSign.Core.Workflow;

/// <summary>
/// Finds a SOP by the key a workflow or an office names: one of the seed templates shipped with DocSign, or a
/// stored version of an office's own SOP (immutable, so a running workflow always finds the version it started on).
/// </summary>
public static class SopCatalog
{
    public static async Task<SopDefinition?> FindAsync(IWorkflowRepository workflows, string? key, CancellationToken cancellationToken = default)
    {
        if (key is null) return null;
        if (SopTemplateLoader.Find(key) is { } builtIn) return builtIn;
        var stored = await workflows.FindSopVersionAsync(key, cancellationToken);
        return stored is null ? null : SopTemplateLoader.Parse(stored.Json, $"office SOP {stored.Key}");
    }

    /// <summary>Like <see cref="FindAsync"/> for a key that must exist (a workflow's or an office's own).</summary>
    public static async Task<SopDefinition> RequireAsync(IWorkflowRepository workflows, string key, CancellationToken cancellationToken = default) =>
        await FindAsync(workflows, key, cancellationToken) ?? throw new InvalidOperationException($"Unknown SOP template '{key}'.");
}
