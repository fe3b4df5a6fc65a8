using DocSign.Core.Audit;
using DocSign.Core.Problems;

namespace DocSign.Web.Security;

/// <summary>
/// Refusals that reach the caller as 403, or as 404 on an object that exists (another office's document or letter),
/// are written to the audit trail with outcome "refused": who (from the request), what (the method and address,
/// the office and document) and why (the refusal's message). A 404 for an id that does not exist carries no
/// subject and is not written, so guessing ids cannot flood the trail. Called from the two places that turn a
/// <see cref="DocSignProblem"/> into an answer: the API's exception handler and the pages' guard.
/// </summary>
internal static class RefusalAuditing
{
    public static bool IsAudited(DocSignProblem problem) =>
        problem.Kind == ProblemKind.Forbidden || (problem.Kind == ProblemKind.NotFound && problem.Subject is not null);

    public static async Task RecordAsync(HttpContext context, DocSignProblem problem)
    {
        if (!IsAudited(problem) || context.RequestServices.GetService<IRefusalAudit>() is not { } refusals) return;
        var s = problem.Subject;
        var attempted = $"{context.Request.Method} {context.Request.Path}";
        // The caller may have gone; the entry is still written.
        await refusals.RecordAsync(Refusal.Of(attempted, problem.UserMessage, s?.OfficeId, s?.DocumentId, s?.Name), CancellationToken.None);
    }
}
