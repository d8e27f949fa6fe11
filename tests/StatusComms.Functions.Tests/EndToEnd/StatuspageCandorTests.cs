using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>One host for the class: each test opens its own incidents and reads only those.</summary>
public sealed class SharedRunner : IAsyncLifetime
{
    public RunnerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunnerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Statuspage automation sends no next_update_at: it writes the promise in the body. The check reads it there, the
/// incident takes the time, and the page shows it; a message that promises nothing is still refused.
/// </summary>
public sealed class StatuspageCandorTests(SharedRunner runner) : IClassFixture<SharedRunner>
{
    private RunnerHost Host => runner.Host;

    [Fact]
    public async Task A_Statuspage_shaped_incident_promising_the_next_update_in_its_body_is_accepted_and_takes_the_time()
    {
        var api = (string)(await Host.CreateComponentAsync("Public API"))["id"]!;
        var before = DateTimeOffset.UtcNow;

        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new
        {
            incident = new
            {
                name = "Public API errors in the EU region",
                status = "investigating",
                body = "Since 09:40 UTC about 30% of requests to the Public API in the EU region fail with error 503. Retrying usually works. Next update in 30 minutes.",
                component_ids = new[] { api },
                components = new Dictionary<string, string> { [api] = "partial_outage" },
                deliver_notifications = true,
            },
        }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var created = JsonNode.Parse(text)!;
        var promised = DateTimeOffset.Parse((string)created["next_update_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(promised, before.AddMinutes(29), DateTimeOffset.UtcNow.AddMinutes(31));
        Assert.Equal((string)created["next_update_at"]!, (string)created["incident_updates"]![0]!["next_update_at"]!);
        Assert.DoesNotContain(created["incident_updates"]![0]!["candor"]!["findings"]!.AsArray(), f => (string)f!["severity"]! == "error");

        var page = await Host.SiteAsync("/index.html");
        Assert.Contains($"<time datetime=\"{StatusComms.StatusPage.SiteFormat.Iso(promised)}\">{StatusComms.StatusPage.SiteFormat.Clock(promised)}</time>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_client_writing_shortly_is_refused_with_the_findings_that_say_why()
    {
        var api = (string)(await Host.CreateComponentAsync("Webhooks"))["id"]!;

        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new
        {
            incident = new
            {
                name = "Webhooks delayed",
                status = "investigating",
                body = "We are investigating this issue and will provide an update shortly.",
                component_ids = new[] { api },
            },
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var rules = (await response.Content.ReadFromJsonAsync<JsonNode>())!["findings"]!.AsArray().Select(f => (string)f!["rule_id"]!).ToArray();
        Assert.Contains("next-update-missing", rules);
        Assert.Contains("whole-message-vague", rules);
    }

    [Fact]
    public async Task Words_and_next_update_at_that_disagree_are_refused()
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new
        {
            incident = new
            {
                name = "Search slow for all users",
                body = "Search takes 5 to 10 seconds for all users since 09:20 UTC. Next update in 15 minutes.",
                impact_override = "minor",
                next_update_at = RunnerHost.Soon(90),
            },
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var finding = (await response.Content.ReadFromJsonAsync<JsonNode>())!["findings"]!.AsArray().Single(f => (string)f!["rule_id"]! == "next-update-mismatch")!;
        Assert.Equal("body", (string)finding["field"]!);
    }

    [Fact]
    public async Task The_draft_check_reads_the_promise_too()
    {
        var api = (string)(await Host.CreateComponentAsync("Dashboard"))["id"]!;
        var response = await Host.Client.PostAsync(RunnerHost.Api("candor/check"), RunnerHost.Json(new
        {
            draft = new { title = "Dashboard blank", body = "The dashboard shows a blank page for all users since 16:02 UTC. The API works. Next update in 20 minutes.", status = "investigating", impact = "critical", component_ids = new[] { api } },
        }));

        var verdict = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True((bool)verdict["publishable"]!, verdict.ToJsonString());
    }

    [Fact]
    public async Task With_enforcement_warn_errors_are_stored_with_the_update_but_do_not_refuse_it()
    {
        await using var warn = await RunnerHost.StartAsync(settings: "--StatusComms:Candor:Enforcement=warn");

        var (created, _) = await warn.CreateIncidentAsync(new { name = "Alert from monitoring", body = "We are experiencing technical difficulties." });

        var findings = created["incident_updates"]![0]!["candor"]!["findings"]!.AsArray();
        Assert.Contains(findings, f => (string)f!["rule_id"]! == "vague-phrase" && (string)f["severity"]! == "error");
        Assert.Contains(findings, f => (string)f!["rule_id"]! == "next-update-missing");
        Assert.Null((string?)created["incident_updates"]![0]!["candor"]!["override_reason"]);
    }
}
