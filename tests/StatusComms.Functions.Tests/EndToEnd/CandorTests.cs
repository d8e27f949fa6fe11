using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>Every posted message passes the candor check, or goes out only with a recorded reason.</summary>
public sealed class CandorTests : RunnerTest
{
    [Fact]
    public async Task A_vague_message_is_refused_with_its_findings_and_nothing_is_stored()
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new { incident = new { name = "Problems", body = "We are experiencing technical difficulties.", impact_override = "major" } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var rules = problem["findings"]!.AsArray().Select(f => (string)f!["rule_id"]!).ToArray();
        Assert.Contains("vague-phrase", rules);
        Assert.Contains("no-scope", rules);
        Assert.Contains("next-update-missing", rules);
        Assert.All(problem["findings"]!.AsArray(), f => Assert.False(string.IsNullOrWhiteSpace((string?)f!["suggestion"])));
        Assert.Empty((await Host.Client.GetFromJsonAsync<JsonArray>(RunnerHost.Api("incidents")))!);
        Assert.Null(await Host.SiteAsync("/history.html"));
    }

    [Fact]
    public async Task An_override_reason_lets_a_message_through_and_is_recorded_with_its_findings()
    {
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "Problems",
            body = "We are experiencing technical difficulties.",
            impact_override = "major",
            candor_override_reason = "Legal has not yet cleared naming the affected bank partner.",
        });

        var stored = await Host.Client.GetFromJsonAsync<JsonNode>(RunnerHost.Api($"incidents/{(string)created["id"]!}"));
        var candor = stored!["incident_updates"]![0]!["candor"]!;
        Assert.Equal("Legal has not yet cleared naming the affected bank partner.", (string)candor["override_reason"]!);
        Assert.Contains(candor["findings"]!.AsArray(), f => (string)f!["rule_id"]! == "vague-phrase" && (string)f["severity"]! == "error" && (string)f["field"]! == "body" && (int)f["start"]! == 20 && (int)f["length"]! == 22);
    }

    [Fact]
    public async Task A_clean_message_is_published_with_an_empty_verdict()
    {
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "Search slow for all users",
            body = "Search takes 5 to 10 seconds for all users since 09:20 UTC. Results are correct. We are adding capacity. Next update in 25 minutes.",
            impact_override = "minor",
            next_update_at = RunnerHost.Soon(),
        });

        var candor = created["incident_updates"]![0]!["candor"]!;
        Assert.Empty(candor["findings"]!.AsArray());
        Assert.Null((string?)candor["override_reason"]);
    }

    [Fact]
    public async Task A_draft_can_be_checked_before_it_is_posted()
    {
        var api = (string)(await Host.CreateComponentAsync("API"))["id"]!;

        var vague = await Check(new { title = "API", body = "We are looking into it.", status = "investigating", impact = "critical", component_ids = new[] { api } });
        var clean = await Check(new { title = "API errors in the EU region", body = "About 30% of API requests in the EU region fail with error 503. Retrying usually works. Next update in 20 minutes.", status = "investigating", impact = "critical", component_ids = new[] { api }, next_update_at = RunnerHost.Soon(20) });
        var postmortem = await Check(new { title = "API outage", body = "We're sorry: for 40 minutes, API requests in the EU region failed.", status = "postmortem", impact = "critical", postmortem = true, action_items = new[] { new { description = "Improve documentation", owner = (string?)null, due_date = (string?)null } } });

        Assert.False((bool)vague["publishable"]!);
        Assert.Contains(vague["findings"]!.AsArray(), f => (string)f!["rule_id"]! == "whole-message-vague");
        Assert.True((bool)clean["publishable"]!, clean.ToJsonString());
        var itemRules = postmortem["findings"]!.AsArray().Select(f => (string)f!["rule_id"]!).ToArray();
        Assert.Equal(["action-item-vague", "action-item-owner-missing", "action-item-due-missing"], itemRules);
    }

    [Fact]
    public async Task Maintenance_messages_are_checked_too_but_need_no_next_update_or_apology()
    {
        var db = (string)(await Host.CreateComponentAsync("Dashboard"))["id"]!;
        var window = new { scheduled_for = RunnerHost.Soon(60 * 24), scheduled_until = RunnerHost.Soon((60 * 24) + 120) };

        var vague = await Host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new { scheduled_maintenance = new { name = "Maintenance", body = "Some services may experience issues during this time.", window.scheduled_for, window.scheduled_until } }));
        var clean = await Host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new { scheduled_maintenance = new { name = "Dashboard upgrade", body = "The dashboard is read-only for up to two hours while we move it to new servers. The API keeps working.", component_ids = new[] { db }, window.scheduled_for, window.scheduled_until } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, vague.StatusCode);
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        var created = (await clean.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Empty(created["incident_updates"]![0]!["candor"]!["findings"]!.AsArray());

        // The work runs long: the window moves, and the update saying so is checked like any other.
        var newEnd = RunnerHost.Soon((60 * 24) + 180);
        using var extend = new HttpRequestMessage(HttpMethod.Patch, RunnerHost.Api($"scheduled-maintenances/{(string)created["id"]!}"))
        {
            Content = RunnerHost.Json(new { scheduled_maintenance = new { scheduled_until = newEnd, body = "The dashboard upgrade takes an hour longer than planned. The dashboard stays read-only until then; the API keeps working." } }),
        };
        var extended = await Host.Client.SendAsync(extend);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.StartsWith(newEnd[..16], (string)(await extended.Content.ReadFromJsonAsync<JsonNode>())!["scheduled_until"]!, StringComparison.Ordinal);
    }

    private async Task<JsonNode> Check(object draft)
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("candor/check"), RunnerHost.Json(new { draft }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
