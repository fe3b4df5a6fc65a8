using DocSign.Core.Access;
using DocSign.Core.Problems;
using DocSign.Web.Api;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DocSign.Web.Ui;

/// <summary>
/// Base of the signed-in pages: the actor (memberships read fresh, as for the API) and one way to show a
/// refusal from a use case: the same HTTP status the API would give, with its Bahasa Indonesia message.
/// </summary>
public abstract class DocSignPageModel : PageModel
{
    private Actor? _actor;

    /// <summary>Set when a use case refused; the page shows only this message.</summary>
    public string? Refusal { get; protected set; }

    /// <summary>A message about the last form (kept on the same page, with the form).</summary>
    public string? FormError { get; protected set; }

    /// <summary>A confirmation after a successful action (carried across the redirect).</summary>
    [TempData] public string? Notice { get; set; }

    internal async Task<Actor> ActorAsync() => _actor ??= await CurrentActor.GetAsync(HttpContext);

    /// <summary>Shows a use case's refusal as the form's message, with the API's status; a refusal on an existing object is audited.</summary>
    protected async Task ShowFormErrorAsync(DocSignProblem problem)
    {
        await Security.RefusalAuditing.RecordAsync(HttpContext, problem);
        Response.StatusCode = ProblemExceptionHandler.StatusOf(problem.Kind);
        FormError = problem.UserMessage;
    }

    /// <summary>Runs a page handler; a refusal becomes the page's message with the API's status code.</summary>
    protected async Task<IActionResult> GuardAsync(Func<Task<IActionResult>> body)
    {
        try
        {
            return await body();
        }
        catch (DocSignProblem problem) when (problem.Kind != ProblemKind.Unauthenticated)
        {
            await Security.RefusalAuditing.RecordAsync(HttpContext, problem);
            Response.StatusCode = ProblemExceptionHandler.StatusOf(problem.Kind);
            Refusal = problem.UserMessage;
            return Page();
        }
    }
}
