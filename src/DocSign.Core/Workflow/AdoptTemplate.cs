using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// An office (a new one, or one changing its SOP) starts from one of the four seed templates with its default
/// role mapping. Refused while documents of the office still run on the current template.
/// </summary>
public sealed class AdoptTemplateHandler(
    IWorkflowRepository workflows,
    IDocumentRepository documents,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<AdoptTemplateHandler> logger)
{
    public async Task<OfficeSopView> HandleAsync(Actor actor, string? office, string? templateKey, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (!actor.IsAdministrator)
            throw DocSignProblem.Forbidden("Hanya admin yang dapat memilih templat SOP kantor.");
        var sop = SopTemplateLoader.Find(templateKey?.Trim().ToLowerInvariant())
            ?? throw DocSignProblem.Invalid($"Templat SOP '{templateKey}' tidak dikenal (pilihan: {string.Join(", ", SopTemplateLoader.Templates.Keys)}).");
        var workflow = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        if (workflow is null)
        {
            workflow = OfficeWorkflow.Adopt(officeId, sop, actor.UserName, clock.GetUtcNow());
            workflows.AddOfficeWorkflow(workflow);
        }
        else
        {
            if (workflow.TemplateKey != sop.Key && await WorkflowAccess.Database(() => workflows.AnyRunningAsync(officeId, cancellationToken)))
                throw new DocSignProblem(ProblemKind.Conflict, "Masih ada dokumen yang berjalan pada SOP kantor ini; selesaikan dulu sebelum mengganti templat.");
            workflow.Readopt(sop, actor.UserName, clock.GetUtcNow());
        }
        audit.Record(new AuditEvent(AuditActions.AdminChange) { OfficeId = officeId, Detail = $"Templat SOP {sop.Key} ({sop.Number}) dipakai" });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Office {Office} adopted SOP template {Template} ({By})", officeId, sop.Key, actor.UserName);
        return new OfficeSopView(officeId, sop, workflow.Mapping(sop), workflow.AdoptedBy, workflow.AdoptedAt);
    }
}
