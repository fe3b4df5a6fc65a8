using DocSign.Core.Letters;
using DocSign.Core.Problems;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Ui;

/// <summary>
/// The surat pengantar on the document page, at the SOP step that makes it: the letter (number, status, PDF, its page)
/// or, for the step's holder once the document is signed, the "Buat surat pengantar" button.
/// </summary>
public sealed class SuratPengantarViewComponent(GetCoverLetterPanelHandler panels, DocSign.Core.Access.PeopleNamesHandler people) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid documentId)
    {
        try
        {
            var actor = await CurrentActor.GetAsync(HttpContext);
            var panel = await panels.HandleAsync(actor, documentId, HttpContext.RequestAborted);
            if (panel.Letter is { } letter) await people.LoadAsync(actor, [letter.ReservedBy], HttpContext.RequestAborted);
            return panel.Visible ? View((documentId, panel)) : Content("");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.NotFound or ProblemKind.Unavailable)
        {
            return Content("");
        }
    }
}
