using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// A fan-out the host gave up on (its message on the updates poison queue, as the Functions host moves it after
/// maxDequeueCount failures) is recorded as a problem delivery, shown to a person, and sent again without mailing
/// anyone twice.
/// </summary>
public sealed class PoisonFanOutTests
{
    [Fact]
    public async Task A_poisoned_fan_out_is_listed_as_a_problem_and_sending_it_again_mails_nobody_twice()
    {
        await using var host = await RunnerHost.StartAsync();
        await host.SubscribeConfirmedAsync("reader@acme.test");
        var (created, _) = await host.CreateIncidentAsync(new
        {
            name = "Search is slow",
            body = "Search takes up to 20 seconds for about 10% of customers since 08:10 UTC. Other features work.",
            next_update_at = RunnerHost.Soon(),
        });
        Assert.Single(await host.MailsAsync(1));
        var incident = (string)created["id"]!;
        var update = (string)created["incident_updates"]![0]!["id"]!;
        var key = $"inc-{incident}-{update}";

        // As the Functions host does after five failures: the fan-out message moved to the poison queue.
        var poison = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{host.SiteContainer}-updates-poison");
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync($$"""{"key":"{{key}}"}""");
        var problem = await WaitForAsync(async () => (await host.GetJsonAsync(RunnerHost.Api("deliveries/problems")))!.AsArray().FirstOrDefault(p => (string)p!["target"]! == "plan"));
        Assert.Equal(key, (string)problem["notification"]!);
        Assert.Equal("failed", (string)problem["state"]!);
        Assert.Contains("moved to the poison queue", (string)problem["reason"]!, StringComparison.Ordinal);

        var resend = await host.Client.PostAsync(RunnerHost.Api($"deliveries/{key}/plan/resend"), null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        await WaitForAsync(async () => (await host.GetJsonAsync(RunnerHost.Api("deliveries/problems")))!.AsArray().Count == 0 ? new JsonObject() : null);
        await Task.Delay(1000);
        Assert.Single(host.Mails()); // the batch was sent the first time; queued again, it is claimed once
    }

    private static async Task<JsonNode> WaitForAsync(Func<Task<JsonNode?>> probe)
    {
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(20); DateTimeOffset.UtcNow < deadline; await Task.Delay(200))
        {
            if (await probe() is { } found)
            {
                return found;
            }
        }

        throw new TimeoutException("The expected state did not come within 20 s.");
    }
}
