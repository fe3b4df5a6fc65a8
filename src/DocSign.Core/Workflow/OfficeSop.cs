using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Workflow;

/// <summary>An office's SOP as it runs: the template and the role mapping.</summary>
public sealed record OfficeSopView(string OfficeId, SopDefinition Template, IReadOnlyList<RoleMappingEntry> Mapping, string AdoptedBy, DateTimeOffset AdoptedAt);

/// <summary>The office's template and role mapping, for its members and administrators.</summary>
public sealed class GetOfficeSopHandler(IWorkflowRepository workflows, IDocumentRepository documents)
{
    public async Task<OfficeSopView> HandleAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        var workflow = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken))
            ?? throw DocSignProblem.NotFound("Kantor ini belum memilih templat SOP.");
        var sop = await WorkflowAccess.Database(() => SopCatalog.RequireAsync(workflows, workflow.TemplateKey, cancellationToken));
        return new OfficeSopView(officeId, sop, workflow.Mapping(sop), workflow.AdoptedBy, workflow.AdoptedAt);
    }
}
