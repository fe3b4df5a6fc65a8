using DocSign.Core.Workflow;
using DocSign.Web.Auth;

namespace DocSign.Web.Api;

/// <summary>
/// <c>PUT /api/offices/{office}/sop</c> (admin): the office's adapted SOP, whole: <c>{number?, name?, documentKinds?,
/// roles: [{name, renamedFrom?, officeRoles?}], steps: [{id?, text, roles, actions?, kelengkapan?, waktu?, output?}]}</c>.
/// Answers the office SOP as <c>GET .../sop</c> does, now on the new version; a refusal changes nothing.
/// </summary>
internal static class SopAdaptEndpoint
{
    public static async Task<IResult> AdaptAsync(string office, HttpContext context, AdaptOfficeSopHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = await WorkflowEndpoints.ReadBodyAsync<AdaptSopCommand>(context);
        return Results.Ok(OfficeSopDto.From(await handler.HandleAsync(actor, office, body, context.RequestAborted)));
    }
}
