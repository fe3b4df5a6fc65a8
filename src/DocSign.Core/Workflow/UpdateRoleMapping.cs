using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>An administrator (the system admin or the office's own) replaces an office's role mapping (SOP role → office roles and/or named users).</summary>
public sealed class UpdateRoleMappingHandler(
    IWorkflowRepository workflows,
    IDocumentRepository documents,
    IAuditTrail audit,
    ILogger<UpdateRoleMappingHandler> logger)
{
    public const int MaxEntries = 50;

    public async Task<OfficeSopView> HandleAsync(Actor actor, string? office, IReadOnlyList<RoleMappingEntry>? mapping, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (!actor.AdministersOffice(officeId))
            throw DocSignProblem.Forbidden("Hanya admin yang dapat mengubah pemetaan peran SOP.");
        if (mapping is null || mapping.Count == 0 || mapping.Count > MaxEntries)
            throw DocSignProblem.Invalid($"Kirim pemetaan untuk setiap peran SOP (paling banyak {MaxEntries} baris).");
        if (mapping.Any(m => m is null || m.SopRole is null || m.OfficeRoles is null || m.UserNames is null || m.OfficeRoles.Count + m.UserNames.Count > MaxEntries))
            throw DocSignProblem.Invalid("Setiap baris pemetaan berisi sopRole, officeRoles dan userNames.");
        var workflow = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken))
            ?? throw DocSignProblem.NotFound("Kantor ini belum memilih templat SOP.");
        var sop = await WorkflowAccess.Database(() => SopCatalog.RequireAsync(workflows, workflow.TemplateKey, cancellationToken));
        workflow.ReplaceMapping(sop, mapping);
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = "Pemetaan peran SOP: " + string.Join("; ", mapping.Select(m => $"{m.SopRole} = {string.Join(",", m.OfficeRoles.Concat(m.UserNames))}")),
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Role mapping of office {Office} replaced by {User}", officeId, actor.UserName);
        return new OfficeSopView(officeId, sop, workflow.Mapping(sop), workflow.AdoptedBy, workflow.AdoptedAt);
    }
}
