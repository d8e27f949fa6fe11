using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusComms.Functions.Tests.EndToEnd;
using StatusComms.Site.Tests.Tools;

namespace StatusComms.Site.Tests.Console;

/// <summary>
/// Every console screen, signed in, with an open incident, a scheduled maintenance, drafts with findings and components: axe finds no WCAG
/// 2.2 A/AA violation in the light or the dark scheme, the Nu Html Checker no error, and each page sends the strict
/// headers. The refusals: no session, a forged or expired cookie, a missing or wrong anti-forgery token.
/// </summary>
// In the published site's collection: never beside Lighthouse, which measures how busy the two cores are.
[Collection(PublishedSiteCollection.Name)]
public sealed class ConsoleQualityTests(ConsoleHost console) : IClassFixture<ConsoleHost>
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    private RunnerHost Host => console.Host;

    private async Task<(string Incident, string Maintenance)> SeedAsync()
    {
        var component = (string)(await Host.CreateComponentAsync("API"))["id"]!;
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "API errors in the EU",
            body = "About 30% of API requests in the EU fail with error 502 since 09:40 UTC. Retrying usually works. We are sorry for the trouble.",
            components = new Dictionary<string, string> { [component] = "partial_outage" },
            next_update_at = RunnerHost.Soon(),
        });
        var maintenance = await Host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new
        {
            scheduled_maintenance = new
            {
                name = "API database upgrade",
                body = "From 02:00 to 04:00 UTC tomorrow the API is read-only: requests that change data fail with error 503. Plan changes before or after.",
                scheduled_for = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                scheduled_until = DateTimeOffset.UtcNow.AddDays(1).AddHours(2).ToString("yyyy-MM-ddTHH:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                component_ids = new[] { component },
                candor_override_reason = "fixture",
            },
        }));
        Assert.Equal(HttpStatusCode.Created, maintenance.StatusCode);
        return ((string)created["id"]!, (string)System.Text.Json.Nodes.JsonNode.Parse(await maintenance.Content.ReadAsStringAsync())!["id"]!);
    }

    /// <summary>Two drills: one running (its screen with the join button), one ended (its screen with the report).</summary>
    private async Task<(string Running, string Ended)> SeedDrillsAsync()
    {
        async Task<string> StartAsync()
        {
            using var started = await Host.Client.PostAsync(RunnerHost.Api("drills"), RunnerHost.Json(new { script = "payment-failure", participants = new[] { new { name = "Ana Lopez", email = "ana.drill@example.com", role = "comms lead" } } }));
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            return (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!;
        }

        var running = await StartAsync();
        var ended = await StartAsync();
        using var end = await Host.Client.PostAsync(RunnerHost.Api($"drills/{ended}/end"), null);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        return (running, ended);
    }

    /// <summary>A resolved incident with a postmortem started and partly written (so findings show beside its fields).</summary>
    private async Task<string> SeedPostmortemAsync()
    {
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "Slow search",
            body = "Search takes up to 20 seconds for about 10% of customers since 08:10 UTC. We are sorry for the wait.",
            next_update_at = RunnerHost.Soon(),
            candor_override_reason = "fixture",
        });
        var id = (string)created["id"]!;
        var resolved = await Host.PatchIncidentAsync(id, new { status = "resolved", body = "Search is fast again for everyone since 08:40 UTC. We're sorry for the slow searches.", candor_override_reason = "fixture" }, null);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        // Run from a playbook with one step ticked, so the incident's screen is checked with its checklist too.
        var run = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/playbook"), RunnerHost.Json(new { playbook = "degraded-performance", people = new Dictionary<string, string> { ["comms lead"] = "Grace Hopper" } }));
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/playbook/steps/1"), null)).StatusCode);
        var started = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var item = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/action-items"), RunnerHost.Json(new { action_item = new { description = "Improve search" } }));
        Assert.Equal(HttpStatusCode.Created, item.StatusCode);
        return id;
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Axe_finds_no_wcag_22_aa_violation_on_any_console_screen(ColorScheme scheme)
    {
        var (id, maintenance) = await SeedAsync();
        var postmortem = await SeedPostmortemAsync();
        // The checker's own script runs with the page's CSP bypassed, for the checker only; the header test checks the CSP.
        await using var context = await console.NewContextAsync(new() { ColorScheme = scheme, ReducedMotion = ReducedMotion.Reduce, BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();
        await CheckAsync(page, "/console/sign-in", found);
        await ConsoleHost.SignInAsync(page);
        foreach (var path in Screens(id, maintenance, postmortem))
        {
            await CheckAsync(page, path, found, inFrames: !path.EndsWith("/postmortem", StringComparison.Ordinal));
        }

        // A draft with findings and its preview, as the comms lead sees it while writing.
        await page.GotoAsync($"/console/incidents/{id}/update");
        await page.GetByLabel("Message to customers").FillAsync("We are experiencing technical difficulties.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and preview" }).ClickAsync();
        await page.Locator("#live .finding").First.WaitForAsync();
        await CheckAsync(page, null, found, inFrames: false);

        // A maintenance draft with findings (the announced message's blanks still unfilled).
        await page.GotoAsync("/console/maintenance/new");
        await page.GetByLabel("Maintenance name").FillAsync("API database upgrade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        await page.Locator("#live .finding").First.WaitForAsync();
        await CheckAsync(page, null, found);
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public async Task The_nu_html_checker_reports_no_errors_on_any_console_screen_and_each_sends_strict_headers()
    {
        var (id, maintenance) = await SeedAsync();
        var postmortem = await SeedPostmortemAsync();
        var (running, ended) = await SeedDrillsAsync();
        using var client = await SignedInClientAsync();
        var folder = Directory.CreateTempSubdirectory("statuscomms-console-").FullName;
        var files = new List<string>();
        string[] drillScreens = ["/console/drills", $"/console/drills/{running}", $"/console/drills/{ended}"];
        foreach (var path in Screens(id, maintenance, postmortem).Append($"/console/incidents/{id}/update?stage=resolved").Concat(drillScreens).Append($"join {running}").Concat(["/console/", "/console/incidents/new", $"/console/drills/{running}"]))
        {
            if (path.StartsWith("join ", StringComparison.Ordinal))
            {
                // From here on the session works in the running drill: the same screens, with the banner.
                using var joined = await client.PostAsync($"/console/drills/{running}/join", new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = await TokenAsync(client) }));
                Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
                continue;
            }

            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("no-referrer", string.Join(' ', response.Headers.GetValues("Referrer-Policy")));
            var file = Path.Combine(folder, $"{files.Count}.html");
            await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
            files.Add(file);
        }

        var (exit, errors) = await Tooling.NuHtmlCheckAsync(files, folder);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    [InlineData("tampered")]
    public async Task Without_a_valid_session_every_screen_sends_the_person_to_sign_in(string? cookie)
    {
        using var client = NoRedirects();
        if (cookie is not null)
        {
            var value = cookie == "forged" ? "YWJj.ZGVm" : TamperedCookie();
            client.DefaultRequestHeaders.Add("Cookie", $"statuscomms-console={value}");
        }

        foreach (var path in (string[])["/console/", "/console/incidents/new", "/console/components", "/console/subscribers", "/console/maintenance"])
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal($"/console/sign-in?return={Uri.EscapeDataString(path)}", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task An_expired_session_is_refused()
    {
        var sessions = new StatusComms.Functions.Console.ConsoleSessions(
            Microsoft.Extensions.Options.Options.Create(new StatusComms.Functions.Hosting.StatusCommsOptions { ApiKey = RunnerHost.ApiKey }),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-9)));
        var (cookie, _) = sessions.Issue("Old session");
        using var client = NoRedirects();
        client.DefaultRequestHeaders.Add("Cookie", $"statuscomms-console={cookie}");
        using var response = await client.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/console/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task A_post_without_this_sessions_anti_forgery_token_is_refused_and_changes_nothing(string? token)
    {
        using var client = await SignedInClientAsync();
        var fields = new Dictionary<string, string> { ["action"] = "add", ["name"] = "Forged component" };
        if (token is not null)
        {
            fields["_csrf"] = token;
        }

        using var response = await client.PostAsync("/console/components", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var listed = await Host.GetJsonAsync(RunnerHost.Api("components"));
        Assert.DoesNotContain(listed!.AsArray(), c => (string?)c!["name"] == "Forged component");
    }

    [Fact]
    public async Task A_note_after_a_redirect_is_shown_only_when_the_console_wrote_it_for_this_session()
    {
        using var client = await SignedInClientAsync();
        using var form = await client.GetAsync("/console/components");
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"_csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        using var added = await client.PostAsync("/console/components", new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = token, ["action"] = "add", ["name"] = "Noted component" }));
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var location = added.Headers.Location!.OriginalString;
        Assert.Contains("Added Noted component.", WebUtility.HtmlDecode(await client.GetStringAsync(location)), StringComparison.Ordinal);

        // The same words from a crafted link, with another note, or in another person's session: not shown.
        var crafted = "Your API key has expired: send it to security@attacker.example";
        var forged = location.Replace(Uri.EscapeDataString("Added Noted component."), Uri.EscapeDataString(crafted), StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", await client.GetStringAsync(forged), StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", await client.GetStringAsync("/console/components?done=" + Uri.EscapeDataString(crafted)), StringComparison.Ordinal);
        using var other = await SignedInClientAsync();
        Assert.DoesNotContain("Added Noted component.", WebUtility.HtmlDecode(await other.GetStringAsync(location)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_sets_a_strict_http_only_cookie_and_the_key_never_appears_in_a_url()
    {
        using var client = NoRedirects();
        var (token, binding) = await SignInFormAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = token, ["name"] = "Ada", ["key"] = RunnerHost.ApiKey }),
        };
        request.Headers.Add("Cookie", binding);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/", response.Headers.Location?.OriginalString);
        var set = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("statuscomms-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", set, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RunnerHost.ApiKey, set, StringComparison.Ordinal);

        // A wrong key is refused with the form again, and no session.
        var (token2, binding2) = await SignInFormAsync(client);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = token2, ["name"] = "Ada", ["key"] = "wrong-key-wrong-key" }),
        };
        wrong.Headers.Add("Cookie", binding2);
        using var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("statuscomms-console=", StringComparison.Ordinal));
    }

    private static string[] Screens(string incidentId, string maintenanceId, string postmortemId) =>
        ["/console/", "/console/incidents/new", $"/console/incidents/{incidentId}", $"/console/incidents/{incidentId}/update", $"/console/incidents/{postmortemId}/postmortem", $"/console/incidents/{postmortemId}", "/console/components",
         "/console/subscribers", "/console/maintenance", "/console/maintenance/new", $"/console/maintenance/{maintenanceId}"];

    /// <param name="inFrames">
    /// False for a page with a preview (a draft's, a postmortem's): its frame is sandboxed (no script runs in it, so
    /// axe cannot either), and what it shows is the site's own page, which the site's axe tests check.
    /// </param>
    private static async Task CheckAsync(IPage page, string? path, List<string> found, bool inFrames = true)
    {
        if (path is not null)
        {
            await page.GotoAsync(path);
        }

        var options = inFrames ? Wcag22AA : new AxeRunOptions { RunOnly = Wcag22AA.RunOnly, Iframes = false };
        var result = await page.RunAxe(options).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Passes.Length > 5, $"{path ?? page.Url}: axe ran only {result.Passes.Length} passing rules");
        found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{path ?? page.Url}: {v.Id} ({v.Impact}) {v.Help} at {n.Target}: {n.Html}")));
    }

    [Fact]
    public async Task A_drill_cookie_works_only_for_the_session_it_was_set_for_and_only_while_the_drill_runs()
    {
        var (running, ended) = await SeedDrillsAsync();
        using var lead = await SignedInClientAsync();
        using var joined = await lead.PostAsync($"/console/drills/{running}/join", new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = await TokenAsync(lead) }));
        var set = joined.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("statuscomms-console-drill=", StringComparison.Ordinal));
        Assert.Contains("httponly", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("drill-banner", await lead.GetStringAsync("/console/"), StringComparison.Ordinal);

        var sessions = (StatusComms.Functions.Console.ConsoleSessions)Host.Services.GetService(typeof(StatusComms.Functions.Console.ConsoleSessions))!;
        var (ana, anaUser) = sessions.Issue("Ana");
        var (ben, _) = sessions.Issue("Ben");
        async Task<bool> BannerAsync(string session, string drill)
        {
            using var client = NoRedirects();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/console/");
            request.Headers.Add("Cookie", $"statuscomms-console={session}; statuscomms-console-drill={drill}");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadAsStringAsync()).Contains("drill-banner", StringComparison.Ordinal);
        }

        Assert.True(await BannerAsync(ana, sessions.DrillCookieValue(anaUser.SessionId, running)));
        Assert.False(await BannerAsync(ben, sessions.DrillCookieValue(anaUser.SessionId, running))); // another session's cookie
        Assert.False(await BannerAsync(ana, sessions.DrillCookieValue(anaUser.SessionId, ended))); // the drill has ended
        Assert.False(await BannerAsync(ana, $"{running}.forgedforgedforgedforge"));
    }

    private static async Task<string> TokenAsync(HttpClient client)
        => System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync("/console/drills"), "name=\"_csrf\" value=\"([^\"]+)\"").Groups[1].Value;

    private HttpClient NoRedirects()
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(console.BaseAddress + "/") };

    private static async Task<(string Token, string BindingCookie)> SignInFormAsync(HttpClient client)
    {
        using var form = await client.GetAsync("/console/sign-in");
        var html = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"_csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        var binding = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("statuscomms-console-sign-in=", StringComparison.Ordinal)).Split(';')[0];
        return (token, binding);
    }

    private string TamperedCookie()
    {
        var sessions = (StatusComms.Functions.Console.ConsoleSessions)Host.Services.GetService(typeof(StatusComms.Functions.Console.ConsoleSessions))!;
        var (cookie, _) = sessions.Issue("Mallory");
        var dot = cookie.IndexOf('.', StringComparison.Ordinal);
        var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("0123\n9999999999\nAdmin")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return payload + cookie[dot..];
    }

    /// <summary>A client with a session cookie, that sends each page's anti-forgery token itself.</summary>
    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(console.BaseAddress + "/") };
        using var form = await client.GetAsync("/console/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"_csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = token, ["name"] = "Ada", ["key"] = RunnerHost.ApiKey }));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        return client;
    }
}
