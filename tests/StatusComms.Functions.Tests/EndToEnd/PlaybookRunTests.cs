using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>An incident run from a playbook through the management API, on a fake clock: roles named, steps ticked by whom and when, overdue steps said so.</summary>
public sealed class PlaybookRunTests
{
    [Fact]
    public async Task A_payment_incident_runs_from_its_playbook_with_people_ticks_and_overdue_steps()
    {
        var clock = RunnerHost.MinuteClock();
        var opened = clock.GetUtcNow();
        await using var host = await RunnerHost.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var (incident, _) = await host.CreateIncidentAsync(new
        {
            name = "Card payments failing in the EU",
            body = "About 40% of card payments in the EU are declined with error 503. Other regions work.",
            impact_override = "major",
            next_update_at = opened.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
        var id = (string)incident["id"]!;
        var path = RunnerHost.Api($"incidents/{id}/playbook");

        var started = await host.Client.PostAsync(path, RunnerHost.Json(new { playbook = "payment-failure", people = new Dictionary<string, string> { ["incident commander"] = "Ada Lovelace", ["comms lead"] = "Grace Hopper" } }));
        var again = await host.Client.PostAsync(path, RunnerHost.Json(new { playbook = "payment-failure" }));
        var noRole = await host.Client.PatchAsync(path, RunnerHost.Json(new { people = new Dictionary<string, string> { ["janitor"] = "Bob" } }));
        clock.SetUtcNow(opened.AddMinutes(4));
        var ticked = await host.Client.PostAsync(path + "/steps/1", null);
        var twice = await host.Client.PostAsync(path + "/steps/1", null);
        clock.SetUtcNow(opened.AddMinutes(12));
        await host.Client.PatchAsync(path, RunnerHost.Json(new { people = new Dictionary<string, string> { ["tech lead"] = "Linus" } }));
        var checklist = (await host.GetJsonAsync(path))!;

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noRole.StatusCode);
        Assert.Contains("\\u0022janitor\\u0022 is not a role", await noRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        var steps = checklist["steps"]!.AsArray();
        Assert.Equal("done", (string)steps[0]!["state"]!);
        Assert.Equal("api", (string)steps[0]!["done_by"]!);
        Assert.Equal("Ada Lovelace", (string)steps[0]!["person"]!);
        Assert.Equal("overdue", (string)steps[1]!["state"]!); // the first public update was due 10 minutes after the start
        Assert.Equal("Grace Hopper", (string)steps[1]!["person"]!);
        Assert.Equal("open", (string)steps[2]!["state"]!);
        Assert.Equal("Linus", (string)checklist["people"]!["tech lead"]!);

        // Internal: nothing of it on the public site.
        await host.Client.PostAsync(RunnerHost.Api("publish"), null);
        var page = await host.SiteAsync($"/incidents/{id}.html");
        Assert.DoesNotContain("Ada Lovelace", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Take the roles", page, StringComparison.Ordinal);
    }
}
