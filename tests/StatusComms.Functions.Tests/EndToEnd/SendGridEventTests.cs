using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>SendGrid's signed Event Webhook through the local runner: verified, fresh, de-duplicated, and acted on.</summary>
public sealed class SendGridEventTests : IAsyncLifetime
{
    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private RunnerHost _host = null!;

    public async Task InitializeAsync()
        => _host = await RunnerHost.StartAsync(null, $"--StatusComms:Email:EventWebhookPublicKey={Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo())}");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _sendGrid.Dispose();
    }

    [Fact]
    public async Task A_signed_bounce_stops_mail_to_that_subscriber_and_a_repeated_event_counts_once()
    {
        var id = await SubscribedAsync("ada@example.com");
        var body = $$"""[{"email":"ada@example.com","event":"bounce","type":"bounce","reason":"550 5.1.1 mailbox does not exist","sg_event_id":"ev-1","timestamp":1764583200,"sc_subscriber":"{{id}}"}]""";

        var first = await PostAsync(body, DateTimeOffset.UtcNow);
        var again = await PostAsync(body, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["stopped"]!);
        Assert.Equal(1, (int)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["duplicates"]!);
        var subscriber = await SubscriberAsync(id);
        Assert.Equal("suppressed", (string?)subscriber["status"]);
        Assert.Equal("bounce: 550 5.1.1 mailbox does not exist", (string?)subscriber["stopped_reason"]);
    }

    [Fact]
    public async Task Spam_reports_and_drops_found_by_address_alone_stop_mail_too()
    {
        var id = await SubscribedAsync("bob@example.com");

        var response = await PostAsync("""[{"email":"Bob@Example.com","event":"spamreport","sg_event_id":"ev-2","timestamp":1764583200}]""", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("suppressed", (string?)(await SubscriberAsync(id))["status"]);
    }

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("-1")]
    public async Task A_timestamp_no_clock_can_hold_is_refused_before_anything_else(string timestamp)
    {
        const string body = """[{"email":"dan@example.com","event":"delivered","sg_event_id":"ev-9"}]""";

        var response = await SendAsync(body, timestamp, Sign(timestamp, body));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("spamreport", false)]
    [InlineData("bounce", true)]
    public async Task A_strangers_subscribe_request_does_not_lift_a_suppression(string stoppedBy, bool confirmationSent)
    {
        var email = $"{stoppedBy}-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        var id = await SubscribedAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($$"""[{"email":"{{email}}","event":"{{stoppedBy}}","sg_event_id":"ev-{{id}}","sc_subscriber":"{{id}}"}]""", DateTimeOffset.UtcNow)).StatusCode);

        var subscribe = await _host.Anonymous.PostAsync("api/public/subscriptions", new FormUrlEncodedContent([new("email", email)]));

        Assert.True(subscribe.IsSuccessStatusCode, $"{(int)subscribe.StatusCode}");
        await Task.Delay(500);
        var mails = _host.Mails().Where(m => m.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(confirmationSent ? 1 : 0, mails.Length);
        var subscriber = await SubscriberAsync(id);
        Assert.Equal("suppressed", (string?)subscriber["status"]);
        Assert.StartsWith(stoppedBy, (string?)subscriber["stopped_reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_and_changes_nothing()
    {
        var id = await SubscribedAsync("carol@example.com");
        var body = $$"""[{"email":"carol@example.com","event":"delivered","sg_event_id":"ev-3","sc_subscriber":"{{id}}"}]""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Sign(timestamp, body);

        var response = await SendAsync(body.Replace("delivered", "unsubscribe", StringComparison.Ordinal), timestamp, signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("confirmed", (string?)(await SubscriberAsync(id))["status"]);
    }

    [Fact]
    public async Task A_stale_or_unsigned_request_is_refused()
    {
        var id = await SubscribedAsync("dan@example.com");
        var body = $$"""[{"email":"dan@example.com","event":"unsubscribe","sg_event_id":"ev-4","sc_subscriber":"{{id}}"}]""";

        var stale = await PostAsync(body, DateTimeOffset.UtcNow.AddMinutes(-30));
        var unsigned = await _host.Anonymous.PostAsync("api/public/sendgrid/events", new StringContent(body, Encoding.UTF8, "application/json"));
        var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = await SendAsync(body, timestamp, Convert.ToBase64String(otherKey.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));

        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("too old", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("confirmed", (string?)(await SubscriberAsync(id))["status"]);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_event_list_is_a_400()
        => Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("""{"event":"bounce"}""", DateTimeOffset.UtcNow)).StatusCode);

    private Task<string> SubscribedAsync(string email) => _host.SubscribeConfirmedAsync(email);

    private async Task<JsonNode> SubscriberAsync(string id)
        => (await _host.GetJsonAsync(RunnerHost.Api("subscribers?state=all&limit=1000")))!.AsArray().Single(s => (string?)s!["id"] == id)!;

    private Task<HttpResponseMessage> PostAsync(string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SendAsync(body, timestamp, Sign(timestamp, body));
    }

    private string Sign(string timestamp, string body)
        => Convert.ToBase64String(_sendGrid.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private Task<HttpResponseMessage> SendAsync(string body, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/public/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return _host.Anonymous.SendAsync(request);
    }
}
