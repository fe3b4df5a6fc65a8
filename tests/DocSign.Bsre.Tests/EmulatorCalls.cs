using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocSign.BsreEmulator;

namespace DocSign.Bsre.Tests;

/// <summary>Direct calls to an emulator, as the office's own tools (the seal's authenticator, ECS's API) would make them.</summary>
public static class EmulatorCalls
{
    public static HttpClient Client(RunningEmulator e, string user = Registry.DefaultUser, string password = Registry.DefaultPassword)
    {
        var c = new HttpClient { BaseAddress = e.BaseUrl };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return c;
    }

    public static async Task<(int Status, JsonObject Body)> PostAsync(RunningEmulator e, string path, object body, string? password = null)
    {
        using var c = Client(e, password: password ?? Registry.DefaultPassword);
        using var r = await c.PostAsJsonAsync(path, body);
        var text = await r.Content.ReadAsStringAsync();
        return ((int)r.StatusCode, JsonNode.Parse(text) as JsonObject ?? new JsonObject());
    }

    /// <summary>The seal's one-time code: the activation secret's TOTP (the office's authenticator) exchanged at seal/get/totp.</summary>
    public static string SealCode(RunningEmulator e, int files = 1)
    {
        var seal = e.Registry.SealOf(Providers.SealId)!;
        var (status, body) = PostAsync(e, "api/v2/seal/get/totp",
            new { idSubscriber = seal.IdSubscriber, data = files, totp = Totp.Code(seal.ActivationSecret, e.State.Clock.GetUtcNow()) }).GetAwaiter().GetResult();
        if (status != 200) throw new InvalidOperationException("seal/get/totp: " + body.ToJsonString());
        return body["totp"]!.GetValue<string>();
    }
}
