using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// Statuspage's "edit an incident update" (PATCH incidents/{id}/incident_updates/{id}), as its clients send it:
/// the page shows the new words, the candor check reads them, nobody is mailed again, and the first words stay on record.
/// </summary>
public sealed class IncidentUpdateEditTests : RunnerTest
{
    private const string Posted = "Since 09:40 UTC about one in three card paymnets at checkout fails. We are investigating. Next update in 30 minutes.";
    private const string Corrected = "Since 09:40 UTC about one in three card payments at checkout fails. PayPal works. We are investigating. Next update in 30 minutes.";

    [Fact]
    public async Task An_edited_update_is_republished_checked_and_kept_and_mails_nobody_again()
    {
        var api = (string)(await Host.CreateComponentAsync("Checkout"))["id"]!;
        await Host.SubscribeConfirmedAsync("ada@example.com");
        var (incident, etag) = await Host.CreateIncidentAsync(new { name = "Card payments failing at checkout", body = Posted, components = new Dictionary<string, string> { [api] = "partial_outage" } });
        var id = (string)incident["id"]!;
        var updateId = (string)incident["incident_updates"]![0]!["id"]!;
        Assert.Single(await Host.MailsAsync(1));

        // The reference's form, with its tweet fields, on the .json URL.
        var edited = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}/incident_updates/{updateId}.json"), RunnerHost.CurlForm(
            $"incident_update[body]={Corrected}",
            "incident_update[wants_twitter_update]=false",
            "incident_update[deliver_notifications]=true"));

        var text = await edited.Content.ReadAsStringAsync();
        Assert.True(edited.StatusCode == HttpStatusCode.OK, text);
        var update = JsonNode.Parse(text)!;
        Assert.Equal((updateId, id, Corrected, Posted, "api"), ((string)update["id"]!, (string)update["incident_id"]!, (string)update["body"]!, (string)update["original_body"]!, (string)update["edited_by"]!));
        Assert.True((DateTimeOffset)update["updated_at"]! > (DateTimeOffset)update["created_at"]!);
        Assert.Equal("incident_update.wants_twitter_update, incident_update.deliver_notifications", edited.Headers.GetValues("StatusComms-Ignored-Fields").Single());
        Assert.NotEqual(etag, edited.Headers.ETag!.ToString());

        var page = await Host.SiteAsync($"/incidents/{id}.html");
        Assert.Contains("PayPal works", page, StringComparison.Ordinal);
        Assert.DoesNotContain("paymnets", page, StringComparison.Ordinal);
        Assert.Contains("PayPal works", await Host.SiteAsync("/api/v2/incidents.json"), StringComparison.Ordinal);
        var read = await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}"));
        Assert.Equal(Corrected, (string)read!["incident_updates"]![0]!["body"]!);
        Assert.Equal("partial_outage", (string)read["components"]![0]!["status"]!);

        // Vague words are refused as they would be when posted, and change nothing.
        var vague = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}/incident_updates/{updateId}"), RunnerHost.Json(new { incident_update = new { body = "We are experiencing technical difficulties." } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, vague.StatusCode);
        Assert.Equal("application/problem+json", vague.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty((await vague.Content.ReadFromJsonAsync<JsonNode>())!["findings"]!.AsArray());
        Assert.Equal(Corrected, (string)(await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}")))!["incident_updates"]![0]!["body"]!);

        // A stale If-Match is a conflict; an update the incident does not have is a 404.
        using var stale = new HttpRequestMessage(HttpMethod.Patch, RunnerHost.Api($"incidents/{id}/incident_updates/{updateId}")) { Content = RunnerHost.Json(new { incident_update = new { display_at = DateTimeOffset.UtcNow.AddMinutes(-5) } }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Client.SendAsync(stale)).StatusCode);
        var missing = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}/incident_updates/nosuchupdate"), RunnerHost.Json(new { incident_update = new { body = Corrected } }));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        // Subscribers heard once: the edit went to no outbox.
        await Task.Delay(1500);
        Assert.Single(Host.Mails());
    }
}
