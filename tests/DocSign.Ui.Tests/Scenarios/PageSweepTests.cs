using System.Text.Json;
using System.Text.RegularExpressions;
using DocSign.Testing.Pki;
using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// Every page each kind of user can reach from the menu (and the documents, letters and SOP pages linked from
/// there), opened on a 390 px phone: no page may be wider than the screen, none may show the internal codes a
/// person should never read, and none may have a serious or critical axe-core accessibility violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageSweepTests(DocSignServer server)
{
    private const int PhoneWidth = 390;

    /// <summary>Codes and English words that belong in the API and the JSON report, never on a screen.</summary>
    private static readonly Regex InternalCodes = new(
        @"TOTAL_FAILED|TOTAL_PASSED|INDETERMINATE\b|HASH_FAILURE|ENTIRE_FILE|SIG_CRYPTO_FAILURE|NO_CERTIFICATE_CHAIN_FOUND|" +
        @"ENTIRE_REVISION|FORM_FILLING|LTA_UPDATES|OUT_OF_BOUNDS_\w+|TRY_LATER|FORMAT_FAILURE|REVOKED_NO_POE|" +
        @"document\.(version|created|verified|signed|sign)[a-z-]*|access\.refused|\(tahap '|tahap 'corrected'|\((reason|recipient|channel)\)|\bsuccess\b|\bnull\b|System\.[A-Z]\w+Exception",
        RegexOptions.CultureInvariant);

    public static TheoryData<string> Users => new()
    {
        "staf.kanigaran", "sekcam.kanigaran", "camat.kanigaran", "kasubag-umum.kanigaran", "auditor.kanigaran",
        "auditor.inspektorat", "admin", "admin-kantor.kanigaran",
    };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_reachable_page_fits_a_phone_speaks_plainly_and_passes_axe(string user)
    {
        // At least one signed document of the office, so its document, signing and letter pages are swept too.
        var office = user.Contains('.') ? user[(user.IndexOf('.') + 1)..] : "kanigaran";
        if (office == "inspektorat") office = "candipuro";
        await ServerSide.SignedDocumentAsync(server, office, "Sapuan layar " + user);
        await using var session = await server.NewSessionAsync("sapuan-" + user, width: PhoneWidth, height: 844);
        await session.SignInAsAsync(user);
        var axe = await File.ReadAllTextAsync(Path.Combine(SamplePki.RepoRoot, "tools", "node", "node_modules", "axe-core", "axe.min.js"));

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue("/");
        queue.Enqueue("/cari?q=Sapuan");   // the search page with results (its form is a GET the sweep does not submit)
        var visited = 0;
        while (queue.Count > 0 && visited < 40)
        {
            var path = queue.Dequeue();
            if (!seen.Add(Pattern(path))) continue;
            var response = await session.Page.GotoAsync(path);
            if (response is null || response.Status >= 400) continue;   // a link the user may not open is refused elsewhere
            if (!(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal))) continue;
            visited++;

            var overflow = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 1)
            {
                var culprits = await session.Page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1" +
                    " && !(e.parentElement && e.parentElement.closest('table, pre, .penampil')))" +
                    ".slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')");
                problems.Add($"{path}: {overflow} px wider than a {PhoneWidth} px screen ({culprits})");
            }

            var text = await session.Page.InnerTextAsync("body");
            foreach (Match m in InternalCodes.Matches(text)) problems.Add($"{path}: shows the internal code '{m.Value}'");

            // axe-core is injected as a script, not as a page resource, so the page's Content-Security-Policy does not apply to it.
            await session.Page.EvaluateAsync(axe);
            var result = await session.Page.EvaluateAsync<JsonElement>(
                "async () => { const r = await axe.run(document, { resultTypes: ['violations'] });" +
                " return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')); }");
            foreach (var v in result.EnumerateArray()) problems.Add($"{path}: axe {v.GetString()}");

            if (visited <= 12) await session.ScreenshotAsync("390-" + path.Trim('/').Replace('/', '-'));

            var links = await session.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
            foreach (var href in links)
            {
                if (Followable(href)) queue.Enqueue(href.Split('#')[0]);
            }
        }

        visited.ShouldBeGreaterThan(2, "the sweep must reach more than the dashboard");
        problems.ShouldBeEmpty();
    }

    /// <summary>Same-site pages that only read (no sign-out, no downloads, no API, no public verification of files).</summary>
    private static bool Followable(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/api/", StringComparison.Ordinal) && !href.StartsWith("/keluar", StringComparison.OrdinalIgnoreCase)
        && !href.StartsWith("/lib/", StringComparison.Ordinal) && !href.Contains("/unduh", StringComparison.OrdinalIgnoreCase)
        && !href.StartsWith("/hangfire", StringComparison.Ordinal)   // Hangfire's own dashboard (its screens are not ours)
        && !href.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && !href.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        && !href.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !href.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>One visit per kind of page: ids and numbers collapse, so twenty documents cost one visit.</summary>
    private static string Pattern(string path) =>
        Regex.Replace(path.Split('?')[0], @"/[0-9a-fA-F-]{8,}|/\d+", "/#");
}
