using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// A maintenance moves by its window through the local runner on a fake clock: reminded 60 minutes before, started
/// and completed at its edges, each posted once however many times (and instances) the timer runs, and each mailed
/// to the subscribers of its components only.
/// </summary>
public sealed class MaintenanceScheduleTests
{
    [Fact]
    public async Task Reminder_start_and_completion_are_posted_once_each_and_mailed_to_its_components_subscribers_only()
    {
        var clock = RunnerHost.MinuteClock();
        var start = clock.GetUtcNow().AddHours(3);
        await using var host = await RunnerHost.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var api = (string)(await host.CreateComponentAsync("API"))["id"]!;
        var web = (string)(await host.CreateComponentAsync("Dashboard"))["id"]!;
        await host.SubscribeConfirmedAsync("ada@acme.test", api);
        await host.SubscribeConfirmedAsync("bob@acme.test", web);
        await host.SubscribeConfirmedAsync("cy@acme.test");
        var created = await host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new
        {
            scheduled_maintenance = new
            {
                name = "API database upgrade",
                body = "The API answers read requests only, for up to 20 minutes, while we move its database to new servers. The dashboard keeps working.",
                scheduled_for = Iso(start),
                scheduled_until = Iso(start.AddHours(1)),
                component_ids = new[] { api },
            },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

        foreach (var at in new[] { start.AddMinutes(-61), start.AddMinutes(-60), start.AddMinutes(-59), start, start.AddMinutes(30), start.AddHours(1), start.AddHours(1).AddMinutes(1) })
        {
            clock.SetUtcNow(at);
            await Task.WhenAll(host.RunFunctionAsync("AdvanceMaintenances"), host.RunFunctionAsync("AdvanceMaintenances")); // two instances at once
        }

        await host.RunFunctionAsync("DispatchNotifications");
        var maintenance = (await host.GetJsonAsync(RunnerHost.Api($"scheduled-maintenances/{id}")))!;
        var updates = maintenance["incident_updates"]?.AsArray() ?? maintenance["updates"]!.AsArray();
        var stages = updates.Select(u => (string)u!["status"]!).Reverse().ToArray();
        Assert.Equal(["scheduled", "scheduled", "in_progress", "completed"], stages);
        Assert.StartsWith("Reminder: from", updates.Select(u => (string)u!["body"]!).Reverse().ElementAt(1), StringComparison.Ordinal);

        // The announcement and the three moves, each to Ada (API) and Cy (everything); nothing to Bob (the dashboard).
        var mails = (await host.MailsAsync(8)).Select(Eml.Parse).ToArray();
        Assert.Equal(8, mails.Length);
        Assert.Equal(4, mails.Count(m => m.To == "ada@acme.test"));
        Assert.Equal(4, mails.Count(m => m.To == "cy@acme.test"));
        Assert.DoesNotContain(mails, m => m.To == "bob@acme.test");

        // Closed, completed: no more updates.
        var late = await host.Client.PatchAsync(RunnerHost.Api($"scheduled-maintenances/{id}"), RunnerHost.Json(new { scheduled_maintenance = new { body = "One more thing about the API database." } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
    }

    [Fact]
    public async Task A_person_cannot_move_a_maintenance_back_and_is_told_why()
    {
        await using var host = await RunnerHost.StartAsync();
        var created = await host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new
        {
            scheduled_maintenance = new
            {
                name = "Search index rebuild",
                body = "Search results may miss items added in the last hour, for up to 30 minutes, while we rebuild the index.",
                scheduled_for = Iso(DateTimeOffset.UtcNow.AddHours(1)),
                scheduled_until = Iso(DateTimeOffset.UtcNow.AddHours(2)),
            },
        }));
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var started = await host.Client.PatchAsync(RunnerHost.Api($"scheduled-maintenances/{id}"), RunnerHost.Json(new { scheduled_maintenance = new { status = "in_progress", body = "We started the rebuild early; search results may miss new items for up to 30 minutes." } }));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var back = await host.Client.PatchAsync(RunnerHost.Api($"scheduled-maintenances/{id}"), RunnerHost.Json(new { scheduled_maintenance = new { status = "scheduled", body = "Search results may miss new items again from 14:00 UTC." } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        Assert.Equal("application/problem+json", back.Content.Headers.ContentType?.MediaType);
        Assert.Contains("moves forward only: it is in progress, so it cannot go back to scheduled", await back.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
