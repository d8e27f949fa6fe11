using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// Storage goes away under a running app (a relay in front of Azurite is cut): writes, reads and subscribes answer
/// 503 with Retry-After in problem+json, nothing is half-written, and once storage is back everything works and the
/// page catches up.
/// </summary>
public sealed class StorageOutageTests
{
    // Azurite's well-known development account.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task While_storage_is_down_every_call_is_a_503_with_Retry_After_and_nothing_is_lost()
    {
        await using var blob = TcpProxy.Start(10000);
        await using var queue = TcpProxy.Start(10001);
        await using var table = TcpProxy.Start(10002);
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob.Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue.Port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table.Port}/devstoreaccount1;";
        await using var host = await RunnerHost.StartAsync(null, $"--StatusComms:Storage:ConnectionString={storage}");
        var (incident, _) = await host.CreateIncidentAsync(new { name = "Exports slow", body = "CSV exports take up to ten minutes for all customers; we are looking into it. Next update in 30 minutes." });
        var id = (string)incident["id"]!;

        TcpProxy[] all = [blob, queue, table];
        foreach (var proxy in all)
        {
            proxy.Cut();
        }

        var write = await host.PatchIncidentAsync(id, new { status = "identified", body = "A full disk on the export workers slows every export; we are adding space. Next update in 30 minutes." }, null);
        var read = await host.Client.GetAsync(RunnerHost.Api($"incidents/{id}"));
        var subscribe = await host.Anonymous.PostAsync("api/public/subscriptions", new FormUrlEncodedContent([new("email", "ada@example.com")]));

        foreach (var response in new[] { write, read, subscribe })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        }

        foreach (var proxy in all)
        {
            proxy.Restore();
        }

        // Nothing half-written: the refused update is not there; sent again, it is, once.
        var after = (await host.GetJsonAsync(RunnerHost.Api($"incidents/{id}")))!;
        Assert.Single(after["incident_updates"]!.AsArray());
        var again = await host.PatchIncidentAsync(id, new { status = "identified", body = "A full disk on the export workers slows every export; we are adding space. Next update in 30 minutes." }, null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonNode>())!["incident_updates"]!.AsArray().Count);
        Assert.Contains("full disk", await host.SiteAsync($"/incidents/{id}.html"), StringComparison.Ordinal);
    }
}
