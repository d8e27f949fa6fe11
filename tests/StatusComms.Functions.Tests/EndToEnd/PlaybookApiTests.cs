using System.Net;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>The team's playbooks through the management API: listed with their steps, behind the key, never on the public site.</summary>
public sealed class PlaybookApiTests : RunnerTest
{
    [Fact]
    public async Task Playbooks_are_listed_and_read_with_the_key_only_and_are_not_on_the_public_site()
    {
        var list = (await Host.GetJsonAsync(RunnerHost.Api("playbooks")))!.AsArray();
        var payment = (await Host.GetJsonAsync(RunnerHost.Api("playbooks/payment-failure.json")))!;
        var anonymous = await Host.Anonymous.GetAsync(RunnerHost.Api("playbooks"));
        var missing = await Host.Client.GetAsync(RunnerHost.Api("playbooks/alien-invasion"));
        await Host.Client.PostAsync(RunnerHost.Api("publish"), null);

        Assert.Equal(7, list.Count);
        Assert.Equal("Payment failure", (string)payment["title"]!);
        var second = payment["steps"]![1]!;
        Assert.Equal("comms lead", (string)second["owner"]!);
        Assert.Equal(10, (int)second["deadline_minutes"]!);
        Assert.Equal("outage/investigating", (string)second["message"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/", "/history.html", "/api/v2/summary.json", "/history.atom" })
        {
            var page = await Host.SiteAsync(path) ?? string.Empty;
            Assert.DoesNotContain("Payment failure", page, StringComparison.Ordinal);
            Assert.DoesNotContain("playbook", page, StringComparison.OrdinalIgnoreCase);
        }
    }
}
