using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// Walks a document's SOP through the API up to (and including) the submission to the Camat, each step done by
/// a demo user holding it (<c>&lt;role&gt;.&lt;office&gt;</c>), uploading the corrected and final versions where
/// the steps need them. For tests whose subject starts at the sign step (signing, letters).
/// </summary>
public static class WorkflowWalk
{
    /// <summary>
    /// Returns the submitted version's number. <paramref name="finalPdf"/> is uploaded as the final version just
    /// before the submit step (unless the latest version already is final).
    /// </summary>
    public static async Task<int> ToSubmittedAsync(Func<string, Task<HttpClient>> asUser, Guid documentId, string office, byte[] correctedPdf, byte[] finalPdf)
    {
        for (var guard = 0; guard < 30; guard++)
        {
            using var reader = await asUser($"camat.{office}");
            var workflow = await reader.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/workflow");
            var currentId = workflow.GetProperty("currentStepId").GetString();
            var step = workflow.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == currentId);
            var actions = step.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
            // A step held by named users (an office's own mapping) is done by the first of them.
            var holders = step.GetProperty("holders");
            var user = holders.GetProperty("officeRoles").EnumerateArray().Select(r => $"{r.GetString()}.{office}")
                .Concat(holders.GetProperty("users").EnumerateArray().Select(u => u.GetString()!)).First();
            using var holder = await asUser(user);
            if (actions.Contains("sign")) throw new InvalidOperationException("Already at the sign step.");
            // The drafting step needs a draft uploaded at that step (a file given earlier does not count).
            if (actions.Contains("upload-draft")) await UploadAsync(holder, documentId, "draft", correctedPdf);
            if (actions.Contains("correct")) await UploadAsync(holder, documentId, "corrected", correctedPdf);
            // The review closes on the final version (only the reviewed version may go to the Camat): the office uploads it first.
            if (actions.Contains("review"))
            {
                using var staff = await asUser($"staf.{office}");
                await UploadFinalUnlessLatestAsync(reader, staff, documentId, finalPdf);
            }
            if (actions.Contains("submit"))
            {
                await UploadFinalUnlessLatestAsync(reader, holder, documentId, finalPdf);
                var submitted = await holder.PostAsync($"/api/documents/{documentId}/submit", null);
                if (submitted.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"submit: {submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
                return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submittedVersionNumber").GetInt32();
            }
            var done = await holder.PostAsJsonAsync($"/api/documents/{documentId}/workflow/advance", new { stepId = currentId });
            if (done.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"step {currentId}: {done.StatusCode} {await done.Content.ReadAsStringAsync()}");
        }
        throw new InvalidOperationException("The SOP has no submit step within 30 steps.");
    }

    private static async Task UploadFinalUnlessLatestAsync(HttpClient reader, HttpClient uploader, Guid documentId, byte[] finalPdf)
    {
        var latest = (await reader.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}")).GetProperty("versions").EnumerateArray().Last();
        if (latest.GetProperty("stage").GetString() != "final") await UploadAsync(uploader, documentId, "final", finalPdf);
    }

    private static async Task UploadAsync(HttpClient client, Guid documentId, string stage, byte[] pdf)
    {
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { new StringContent(stage), "stage" }, { part, "file", $"{stage}.pdf" } };
        var response = await client.PostAsync($"/api/documents/{documentId}/versions", form);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"upload {stage}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
