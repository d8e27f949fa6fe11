using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A comms lead picks a pre-written message, fills what only they know, and gets it back checked.</summary>
public sealed class MessageLibraryApiTests : RunnerTest
{
    [Fact]
    public async Task Templates_are_listed_by_stage_with_the_fields_they_take()
    {
        var list = await Host.Client.GetFromJsonAsync<JsonNode>(RunnerHost.Api("message-templates?stage=resolved"));

        var ids = list!["templates"]!.AsArray().Select(t => (string)t!["id"]!).ToArray();
        Assert.Equal(["degraded/resolved", "outage/resolved", "regional/resolved", "security/resolved", "third-party/resolved"], ids);
        Assert.NotNull(list["fields"]!["workaround"]);
    }

    [Fact]
    public async Task A_draft_is_written_for_the_incident_with_placeholders_for_what_is_missing()
    {
        var api = (string)(await Host.CreateComponentAsync("API"))["id"]!;
        var (incident, _) = await Host.CreateIncidentAsync(new
        {
            name = "API unavailable in the EU region",
            body = "API requests in the EU region fail with error 503 since 09:42 UTC. Next update in 25 minutes.",
            components = new Dictionary<string, string> { [api] = "major_outage" },
            next_update_at = RunnerHost.Soon(),
        });
        var id = (string)incident["id"]!;

        var partial = await Draft(id, new { template = "outage/investigating", fields = new { symptom = "error 503", share = "all API requests in the EU region" } });
        var full = await Draft(id, new { template = "outage/investigating", fields = new { symptom = "error 503", share = "all API requests in the EU region", workaround = "the US region still works" } });

        Assert.StartsWith("Since ", (string)partial["body"]!, StringComparison.Ordinal);
        Assert.Contains("API is down for all API requests in the EU region", (string)partial["body"]!, StringComparison.Ordinal);
        Assert.Equal(["workaround"], partial["placeholders"]!.AsArray().Select(p => (string)p!));
        Assert.False((bool)partial["publishable"]!);
        Assert.True((bool)full["publishable"]!, full.ToJsonString());

        // The draft goes out through the usual update, which checks it again.
        var post = await Host.PatchIncidentAsync(id, new { body = (string)full["body"]!, next_update_at = (string)full["next_update_at"]! }, null);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task An_unknown_template_or_field_is_422_and_an_unknown_incident_404()
    {
        var (incident, _) = await Host.CreateIncidentAsync(new { name = "Exports failing for all workspaces", body = "CSV exports fail for all workspaces since 09:00 UTC.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)incident["id"]!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(id, new { template = "outage/fixed" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(id, new { template = "outage/identified", fields = new { mood = "calm" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post("doesnotexist", new { template = "outage/identified" })).StatusCode);
    }

    private Task<HttpResponseMessage> Post(string incidentId, object body)
        => Host.Client.PostAsync(RunnerHost.Api($"incidents/{incidentId}/drafts"), RunnerHost.Json(body));

    private async Task<JsonNode> Draft(string incidentId, object body)
    {
        var response = await Post(incidentId, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
