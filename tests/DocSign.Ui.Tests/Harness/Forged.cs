namespace DocSign.Ui.Tests.Harness;

/// <summary>
/// A form post the screen did not offer, made from the signed-in person's own page with his own antiforgery token
/// (as a person who knows the address could): proves the server refuses it, not merely that the button is hidden.
/// </summary>
public static class Forged
{
    public static async Task<int?> PostAsync(UiSession session, string action, IReadOnlyDictionary<string, string> fields)
    {
        var response = await session.Page.RunAndWaitForNavigationAsync(() => session.Page.EvaluateAsync(@"([action, fields]) => {
            const token = document.querySelector('input[name=__RequestVerificationToken]').value;
            const form = document.createElement('form');
            form.method = 'post';
            form.action = action;
            for (const [name, value] of Object.entries({ ...fields, __RequestVerificationToken: token })) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }", new object[] { action, fields }));
        return response?.Status;
    }
}
