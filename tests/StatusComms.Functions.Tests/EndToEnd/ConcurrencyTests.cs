using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>Two comms leads post at once from the same version: one wins, the other is told, nothing is lost.</summary>
public sealed class ConcurrencyTests : RunnerTest
{
    [Fact]
    public async Task Two_writers_with_the_same_ETag_exactly_one_wins_and_the_other_gets_409()
    {
        var (created, etag) = await Host.CreateIncidentAsync(new { name = "Webhook deliveries delayed for all customers", body = "Webhooks arrive up to 10 minutes late for all customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;

        var first = Host.PatchIncidentAsync(id, new { status = "identified", body = "Update from Alice: a queue consumer is stuck.", next_update_at = RunnerHost.Soon() }, etag);
        var second = Host.PatchIncidentAsync(id, new { status = "identified", body = "Update from Bob: a queue consumer is stuck.", next_update_at = RunnerHost.Soon() }, etag);
        var responses = await Task.WhenAll(first, second);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        Assert.Contains("someone else", await loser.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var stored = await GetAsync(id);
        Assert.Equal(2, stored.Body["incident_updates"]!.AsArray().Count);

        // The loser re-reads and posts again: both updates are there, nothing was overwritten.
        var loserBody = responses[0] == loser ? "Update from Alice: a queue consumer is stuck." : "Update from Bob: a queue consumer is stuck.";
        var retry = await Host.PatchIncidentAsync(id, new { body = loserBody, next_update_at = RunnerHost.Soon() }, stored.ETag);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        var bodies = (await GetAsync(id)).Body["incident_updates"]!.AsArray().Select(u => (string)u!["body"]!).ToArray();
        Assert.Contains("Update from Alice: a queue consumer is stuck.", bodies);
        Assert.Contains("Update from Bob: a queue consumer is stuck.", bodies);
        Assert.Equal(3, bodies.Length);
    }

    [Fact]
    public async Task Twenty_components_created_at_once_each_get_a_place_of_their_own()
    {
        var created = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Host.Client.PostAsync(RunnerHost.Api("components"), RunnerHost.Json(new { component = new { name = $"Parallel {i}" } }))));

        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var positions = (await Host.GetJsonAsync(RunnerHost.Api("components")))!.AsArray().Select(c => (int)c!["position"]!).ToArray();
        Assert.Equal(20, positions.Length);
        Assert.Equal(20, positions.Distinct().Count());
    }

    [Fact]
    public async Task A_stale_ETag_is_refused_even_without_a_race()
    {
        var (created, etag) = await Host.CreateIncidentAsync(new { name = "Search slow for all users", body = "Search takes 5-10 seconds for all users.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Host.PatchIncidentAsync(id, new { body = "Still slow; we are adding capacity.", next_update_at = RunnerHost.Soon() }, etag)).StatusCode);

        var stale = await Host.PatchIncidentAsync(id, new { body = "Written from an old copy.", next_update_at = RunnerHost.Soon() }, etag);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await GetAsync(id)).Body["incident_updates"]!.AsArray().Count);
    }

    [Fact]
    public async Task Twenty_writers_without_IfMatch_all_land_each_once_as_Statuspage_automation_expects()
    {
        var (created, _) = await Host.CreateIncidentAsync(new { name = "Webhook deliveries delayed for all customers", body = "Webhooks arrive up to 10 minutes late for all customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;

        // Alerting integrations post at once and never send If-Match: each update is meant for the latest version.
        var bodies = Enumerable.Range(1, 20).Select(n => $"Update {n:00}: {n * 5} of 100 delayed webhook batches are delivered.").ToArray();
        var responses = await Task.WhenAll(bodies.Select(b => Host.PatchIncidentAsync(id, new { body = b, next_update_at = RunnerHost.Soon() }, ifMatch: null)));

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var latest = await GetAsync(id);
        var stored = latest.Body["incident_updates"]!.AsArray().Select(u => (string)u!["body"]!).ToArray();
        Assert.Equal(21, stored.Length);
        Assert.All(bodies, b => Assert.Single(stored, s => s == b));

        // With a version that is no longer the latest, the caller is still told.
        var older = responses.Select(r => r.Headers.ETag!.ToString()).First(e => e != latest.ETag);
        var stale = await Host.PatchIncidentAsync(id, new { body = "Written from an old copy.", next_update_at = RunnerHost.Soon() }, older);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Twenty_updates_at_once_share_publishes_and_each_answer_comes_once_its_words_are_on_the_page()
    {
        var (created, _) = await Host.CreateIncidentAsync(new { name = "Search results delayed for all customers", body = "New documents take up to 10 minutes to appear in search results for all customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;
        var publishes = Host.Services.GetRequiredService<StatusComms.Publishing.PublishAfterChange>();
        var before = publishes.Rounds;

        var bodies = Enumerable.Range(1, 20).Select(n => $"Update {n:00}: {n * 5} of 100 delayed documents now appear in search results.").ToArray();
        var seen = await Task.WhenAll(bodies.Select(async b =>
        {
            var response = await Host.PatchIncidentAsync(id, new { body = b, next_update_at = RunnerHost.Soon() }, ifMatch: null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (Body: b, Page: await Host.SiteAsync($"/{StatusComms.StatusPage.SiteViewBuilder.IncidentPath(id)}"));
        }));

        Assert.All(seen, s => Assert.Contains(s.Body, s.Page, StringComparison.Ordinal));
        var rounds = publishes.Rounds - before;
        Assert.InRange(rounds, 1, 10); // 3 on the machine this was written on; one each would be 20.
    }

    private async Task<(JsonNode Body, string ETag)> GetAsync(string id)
    {
        var response = await Host.Client.GetAsync(RunnerHost.Api($"incidents/{id}"));
        return ((await response.Content.ReadFromJsonAsync<JsonNode>())!, response.Headers.ETag!.ToString());
    }
}
