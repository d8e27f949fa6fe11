using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>Webhook subscribers: signed Statuspage-shaped posts, retried with back-off; private targets refused.</summary>
public sealed class WebhookSubscriberTests
{
    [Fact]
    public async Task A_webhook_gets_a_signed_statuspage_payload_for_each_update_and_a_failed_post_is_retried()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 1);
        await using var host = await RunnerHost.StartAsync(null, "--StatusComms:Webhooks:AllowPrivateTargets=true", "--StatusComms:Webhooks:AllowHttp=true", "--StatusComms:Delivery:FirstBackoff=00:00:00.200");
        var api = (string)(await host.CreateComponentAsync("API"))["id"]!;
        var created = await host.Client.PostAsync(RunnerHost.Api("subscribers"), RunnerHost.Json(new { subscriber = new { endpoint = receiver.Url, component_ids = new[] { api } } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!;

        var (incident, _) = await host.CreateIncidentAsync(new { name = "API down", body = "All API calls fail with error 500 for all customers.", components = new Dictionary<string, string> { [api] = "major_outage" }, next_update_at = RunnerHost.Soon() });

        var post = await receiver.NextDeliveredAsync();
        Assert.Equal(2, receiver.Attempts); // The first answered 500; the retry came after a back-off.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), post.Body));
        Assert.Equal(expected, post.Signature);
        Assert.Equal($"inc-{incident["id"]}-{incident["incident_updates"]![0]!["id"]}", post.Delivery);
        var payload = JsonNode.Parse(post.Body)!;
        Assert.Equal("critical", (string?)payload["page"]!["status_indicator"]);
        Assert.Equal("Major System Outage", (string?)payload["page"]!["status_description"]);
        Assert.Equal((string?)incident["id"], (string?)payload["incident"]!["id"]);
        Assert.Equal("investigating", (string?)payload["incident"]!["status"]);
        Assert.Equal("All API calls fail with error 500 for all customers.", (string?)payload["incident"]!["incident_updates"]![0]!["body"]);
        Assert.StartsWith("https://status.acme.test/api/public/subscriptions/unsubscribe?token=", (string?)payload["meta"]!["unsubscribe"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("http://example.com/hook")]
    [InlineData("https://user:pass@example.com/hook")]
    public async Task Endpoints_on_private_addresses_or_without_https_are_refused(string endpoint)
    {
        await using var host = await RunnerHost.StartAsync();

        var response = await host.Client.PostAsync(RunnerHost.Api("subscribers"), RunnerHost.Json(new { subscriber = new { endpoint } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (int)(await host.GetJsonAsync(RunnerHost.Api("subscribers/count")))!["total"]!);
    }

    [Fact]
    public async Task A_delivery_to_an_endpoint_that_now_resolves_privately_is_refused_at_connect()
    {
        var sender = new StatusComms.Infrastructure.Webhooks.HttpWebhookSender(allowPrivateTargets: false, TimeSpan.FromSeconds(5));
        await using var receiver = await Receiver.StartAsync(failFirst: 0);

        var result = await sender.PostAsync(new Uri(receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)), "{}"u8.ToArray(), new Dictionary<string, string>(), CancellationToken.None);

        Assert.Equal(StatusComms.Notifications.WebhookOutcome.Refused, result.Outcome);
        Assert.Equal(0, receiver.Attempts);
    }

    private sealed record Delivered(byte[] Body, string? Signature, string? Delivery);

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Delivered> _delivered = new();
        private int _attempts;
        private int _failFirst;

        private Receiver(WebApplication app) => _app = app;

        public string Url { get; private set; } = string.Empty;

        public int Attempts => _attempts;

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app) { _failFirst = failFirst };
            app.MapPost("/hook", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                if (Interlocked.Increment(ref receiver._attempts) <= receiver._failFirst)
                {
                    return Results.StatusCode(500);
                }

                receiver._delivered.Enqueue(new Delivered(body.ToArray(), context.Request.Headers["X-StatusComms-Signature"], context.Request.Headers["X-StatusComms-Delivery"]));
                return Results.Ok();
            });
            await app.StartAsync();
            receiver.Url = app.Urls.First() + "/hook";
            return receiver;
        }

        public async Task<Delivered> NextDeliveredAsync()
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while (DateTimeOffset.UtcNow < deadline)
            {
                if (_delivered.TryDequeue(out var delivered))
                {
                    return delivered;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException("No webhook delivery arrived.");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
