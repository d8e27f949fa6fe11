using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A comms lead takes an incident from first report to postmortem through the API; the site follows.</summary>
public sealed class IncidentLifecycleTests : RunnerTest
{
    [Fact]
    public async Task An_incident_goes_from_investigating_to_postmortem_and_the_site_follows_each_stage()
    {
        var api = (string)(await Host.CreateComponentAsync("Card payments"))["id"]!;
        var dashboard = (string)(await Host.CreateComponentAsync("Dashboard"))["id"]!;
        var nextUpdate = RunnerHost.Soon();

        var (created, etag) = await Host.CreateIncidentAsync(new
        {
            name = "Card payments failing in the EU",
            status = "investigating",
            body = "About 40% of card payments in the EU fail with error 502. Retrying may work. Next update in 25 minutes.",
            started_at = DateTimeOffset.UtcNow.AddMinutes(-50).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            components = new Dictionary<string, string> { [api] = "major_outage" },
            next_update_at = nextUpdate,
        });
        var id = (string)created["id"]!;
        Assert.Equal("critical", (string)created["impact"]!);
        Assert.Equal("investigating", (string)created["status"]!);
        var firstUpdate = created["incident_updates"]![0]!;
        Assert.Equal("major_outage", (string)firstUpdate["affected_components"]![0]!["new_status"]!);
        Assert.Equal("operational", (string)firstUpdate["affected_components"]![0]!["old_status"]!);
        Assert.Equal("api", (string)firstUpdate["author"]!);

        var index = await Host.SiteAsync("/");
        Assert.NotNull(index);
        Assert.Contains("Card payments failing in the EU", index, StringComparison.Ordinal);
        Assert.Contains("Major System Outage", index, StringComparison.Ordinal);
        Assert.Contains("Major outage", index, StringComparison.Ordinal);

        var components = await Host.Client.GetFromJsonAsync<JsonArray>(RunnerHost.Api("components"));
        Assert.Equal("major_outage", (string)components!.Single(c => (string)c!["id"]! == api)!["status"]!);
        Assert.Equal("operational", (string)components!.Single(c => (string)c!["id"]! == dashboard)!["status"]!);

        etag = await Post(id, etag, new { status = "identified", body = "A configuration change removed the EU card route. We are rolling it back.", next_update_at = RunnerHost.Soon() });
        etag = await Post(id, etag, new { status = "monitoring", body = "The rollback is done and payments succeed again. We are watching error rates.", components = new Dictionary<string, string> { [api] = "operational" }, next_update_at = RunnerHost.Soon() });
        etag = await Post(id, etag, new { status = "resolved", body = "Card payments in the EU failed for 52 minutes. We're sorry for the failed checkouts this caused." });

        var unresolved = await Host.Client.GetFromJsonAsync<JsonArray>(RunnerHost.Api("incidents/unresolved"));
        Assert.Empty(unresolved!);

        var refused = await Host.PatchIncidentAsync(id, new { status = "investigating", body = "Back again?" }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        etag = await Post(id, etag, new { status = "postmortem", body = "We're sorry for the 52 minutes of failed card payments in the EU. What happened and what we are changing so it does not recur." });

        var incident = await Host.Client.GetFromJsonAsync<JsonNode>(RunnerHost.Api($"incidents/{id}"));
        var statuses = incident!["incident_updates"]!.AsArray().Select(u => (string)u!["status"]!).ToArray();
        Assert.Equal(["postmortem", "resolved", "monitoring", "identified", "investigating"], statuses);
        Assert.NotNull((string?)incident["resolved_at"]);
        Assert.NotNull((string?)incident["monitoring_at"]);

        var page = await Host.SiteAsync($"/incidents/{id}.html");
        Assert.NotNull(page);
        var order = new[] { "What happened and what we are changing", "sorry for the failed checkouts", "The rollback is done", "A configuration change removed", "About 40% of card payments" }
            .Select(text => page.IndexOf(text, StringComparison.Ordinal)).ToArray();
        Assert.All(order, position => Assert.True(position >= 0));
        Assert.Equal(order.Order(), order);

        var history = await Host.SiteAsync("/history.html");
        Assert.Contains("Card payments failing in the EU", history, StringComparison.Ordinal);
        index = await Host.SiteAsync("/");
        Assert.Contains("All Systems Operational", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolved_incident_can_be_reopened_explicitly()
    {
        var (created, etag) = await Host.CreateIncidentAsync(new { name = "Login slow for all users", body = "Sign-in takes up to 30 seconds for all users.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;
        etag = await Post(id, etag, new { status = "resolved", body = "Sign-in was slow for all users for 20 minutes. We're sorry." });

        var response = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/reopen"), RunnerHost.Json(new { incident = new { body = "Sign-in is slow again for all users since 11:05 UTC.", next_update_at = RunnerHost.Soon() } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reopened = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("investigating", (string)reopened!["status"]!);
        Assert.Null((string?)reopened["resolved_at"]);
    }

    [Fact]
    public async Task Text_people_type_is_encoded_on_the_page()
    {
        var (created, _) = await Host.CreateIncidentAsync(new { name = "<script>alert('name')</script>", body = "Body with <img src=x onerror=alert(1)> & \"quotes\"", impact_override = "major", candor_override_reason = "Testing that typed text is encoded." });
        var id = (string)created["id"]!;

        var index = await Host.SiteAsync("/");
        var page = await Host.SiteAsync($"/incidents/{id}.html");

        foreach (var html in new[] { index!, page! })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Page_components_and_incidents_list_in_Statuspage_shapes()
    {
        var pages = await Host.Client.GetFromJsonAsync<JsonArray>("api/v1/pages");
        Assert.Equal(RunnerHost.PageId, (string)Assert.Single(pages!)!["id"]!);

        var component = await Host.CreateComponentAsync("API");
        foreach (var field in new[] { "id", "page_id", "group_id", "created_at", "updated_at", "group", "name", "description", "position", "status", "showcase", "only_show_if_degraded", "start_date" })
        {
            Assert.True(component.AsObject().ContainsKey(field), field);
        }

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)component["created_at"]!);

        var other = await Host.Client.GetAsync("api/v1/pages/someone-else/components");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private async Task<string> Post(string id, string etag, object change)
    {
        var response = await Host.PatchIncidentAsync(id, change, etag);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var newTag = response.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newTag);
        return newTag;
    }
}
