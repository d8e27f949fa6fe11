using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>Subscribers through the local runner against Azurite, with mail in the pickup folder (no SendGrid key).</summary>
public sealed class SubscriptionTests : RunnerTest
{
    /// <summary>As behind App Service's front end: one proxy appends the address it saw to X-Forwarded-For.</summary>
    protected override string[] Settings => ["--StatusComms:TrustedProxyHops=1"];

    private const string PublicBase = "https://status.acme.test/";

    [Fact]
    public async Task A_subscriber_confirms_hears_about_an_incident_and_unsubscribes_with_one_click()
    {
        var api = (string)(await Host.CreateComponentAsync("API"))["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync("Ada@Example.com")).StatusCode);
        var confirmation = Eml.Parse(await WaitForMailAsync(1));
        Assert.Equal("ada@example.com", confirmation.To);
        Assert.Equal("[Acme Cloud] Confirm your subscription to status updates", confirmation.Subject);
        var confirmLink = confirmation.Link(PublicBase + "api/public/subscriptions/confirm?token=");

        // A GET (a mail scanner following the link) only shows the button.
        var prompt = await Host.Anonymous.GetAsync(Local(confirmLink));
        Assert.Equal(HttpStatusCode.OK, prompt.StatusCode);
        Assert.Contains("Confirm subscription</button>", await prompt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", prompt.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("pending", (string?)(await SubscriberAsync("ada@example.com"))!["status"]);

        var confirmed = await Host.Anonymous.PostAsync(Local(confirmLink), Form(("token", Token(confirmLink))));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("confirmed", (string?)(await SubscriberAsync("ada@example.com"))!["status"]);

        var (incident, etag) = await Host.CreateIncidentAsync(new
        {
            name = "API errors for EU customers",
            body = "About 30% of API calls from the EU fail with error 503. Retrying after a minute often works.",
            components = new Dictionary<string, string> { [api] = "partial_outage" },
            next_update_at = RunnerHost.Soon(),
        });
        var notification = Eml.Parse(await WaitForMailAsync(2));
        Assert.Equal("[Acme Cloud] Investigating: API errors for EU customers", notification.Subject);
        Assert.Contains("About 30% of API calls from the EU fail with error 503.", notification.Text, StringComparison.Ordinal);
        Assert.Contains("- API: Partial outage", notification.Text, StringComparison.Ordinal);
        Assert.Contains($"https://status.acme.test/incidents/{incident["id"]}.html", notification.Html, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", notification.Headers["List-Unsubscribe-Post"]);
        var unsubscribeLink = notification.Headers["List-Unsubscribe"].Trim('<', '>');
        Assert.StartsWith(PublicBase + "api/public/subscriptions/unsubscribe?token=", unsubscribeLink, StringComparison.Ordinal);
        Assert.Contains(unsubscribeLink, notification.Text, StringComparison.Ordinal);
        Assert.Contains("api/public/subscriptions/manage?token=", notification.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("-manage_url-", notification.Raw, StringComparison.Ordinal);

        // The unsubscribe link opened in a browser (or by a scanner) changes nothing by itself.
        var page = await Host.Anonymous.GetAsync(Local(unsubscribeLink));
        Assert.Contains("Unsubscribe</button>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("confirmed", (string?)(await SubscriberAsync("ada@example.com"))!["status"]);

        // RFC 8058: the mail client's one-click POST, no cookie, no key.
        var oneClick = await Host.Anonymous.PostAsync(Local(unsubscribeLink), Form(("List-Unsubscribe", "One-Click")));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var stopped = (await SubscriberAsync("ada@example.com"))!;
        Assert.Equal("unsubscribed", (string?)stopped["status"]);
        Assert.Equal("unsubscribed with the mail client's one-click button", (string?)stopped["stopped_reason"]);

        var resolved = await Host.PatchIncidentAsync((string)incident["id"]!, new { status = "resolved", body = "API calls from the EU work again since 10:40 UTC. We are sorry for the failed requests." }, etag);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await WaitForDeliveriesAsync((string)incident["id"]!, 2);
        Assert.Equal(2, Host.Mails().Count);
    }

    [Fact]
    public async Task Subscribing_answers_the_same_whether_or_not_the_address_is_known()
    {
        var first = await SubscribeAsync("bob@example.com");
        await ConfirmAsync(Eml.Parse(await WaitForMailAsync(1)));
        var again = await SubscribeAsync("bob@example.com");
        var stranger = await SubscribeAsync("carol@example.com");

        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await stranger.Content.ReadAsStringAsync());

        // The owner of the known address hears that nothing changed, with their manage link.
        var mails = (await WaitForMailsAsync(3)).Select(Eml.Parse).ToArray();
        var reminder = Assert.Single(mails, m => m.To == "bob@example.com" && m.Subject.Contains("You are subscribed", StringComparison.Ordinal));
        Assert.Contains("api/public/subscriptions/manage?token=", reminder.Text, StringComparison.Ordinal);
        Assert.Equal("confirmed", (string?)(await SubscriberAsync("bob@example.com"))!["status"]);
    }

    [Fact]
    public async Task One_address_gets_at_most_three_confirmation_mails_a_day_however_many_networks_ask()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync("victim@example.com", $"198.18.{i}.1")).StatusCode);
        }

        await WaitForMailsAsync(3);
        await Task.Delay(500);
        Assert.Equal(3, Host.Mails().Count(m => Eml.Parse(m).To == "victim@example.com"));
    }

    [Fact]
    public async Task Subscribe_is_rate_limited_per_client_address()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync($"p{i}@example.com", "203.0.113.9")).StatusCode);
        }

        var limited = await SubscribeAsync("p6@example.com", "203.0.113.9");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Null(await SubscriberAsync("p6@example.com"));

        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync("p7@example.com", "198.51.100.4")).StatusCode);

        // What a client writes before the proxy's hop is its own word, and changes nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubscribeAsync("p8@example.com", "192.0.2.77, 203.0.113.9")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubscribeAsync("p9@example.com", "10.9.8.7,203.0.113.9:50123")).StatusCode);
    }

    [Theory]
    [InlineData("""{"subscriber": {"email": "not an address"}}""", 422)]
    [InlineData("""{"subscriber": {"email": "ada@example.com", "component_ids": ["nosuchcomp"]}}""", 422)]
    [InlineData("""{"subscriber": {"email": "ada@example.com", "phone": "123"}}""", 400)]
    [InlineData("""{"subscriber": """, 400)]
    public async Task Bad_subscribe_requests_are_refused_with_a_problem_and_store_nothing(string body, int status)
    {
        var response = await Host.Anonymous.PostAsync("api/public/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (int)(await Host.GetJsonAsync(RunnerHost.Api("subscribers/count")))!["total"]!);
    }

    [Fact]
    public async Task A_forged_or_mistyped_link_is_refused_and_changes_nothing()
    {
        await SubscribeAsync("dan@example.com");
        var link = Eml.Parse(await WaitForMailAsync(1)).Link(PublicBase + "api/public/subscriptions/confirm?token=");
        var token = Token(link);
        var forged = token[..^3] + (token[^3] == 'a' ? 'b' : 'a') + token[^2..];

        var get = await Host.Anonymous.GetAsync($"api/public/subscriptions/confirm?token={forged}");
        var post = await Host.Anonymous.PostAsync("api/public/subscriptions/confirm", Form(("token", forged)));
        var wrongPurpose = await Host.Anonymous.PostAsync($"api/public/subscriptions/unsubscribe?token={token}", Form(("List-Unsubscribe", "One-Click")));

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPurpose.StatusCode);
        Assert.Contains("This link does not work", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (string?)(await SubscriberAsync("dan@example.com"))!["status"]);
    }

    [Fact]
    public async Task A_subscriber_chooses_components_on_the_manage_page()
    {
        var api = (string)(await Host.CreateComponentAsync("API"))["id"]!;
        var web = (string)(await Host.CreateComponentAsync("Dashboard"))["id"]!;
        await SubscribeAsync("erin@example.com");
        var manage = await ConfirmAsync(Eml.Parse(await WaitForMailAsync(1)));

        var saved = await Host.Anonymous.PostAsync(Local(manage), Form(("token", Token(manage)), ("action", "save"), ("component_ids", web)));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([web], (await SubscriberAsync("erin@example.com"))!["component_ids"]!.AsArray().Select(n => (string)n!));

        // An incident on the API only does not concern her.
        var (incident, _) = await Host.CreateIncidentAsync(new { name = "API slow", body = "API calls take up to 5 seconds for all customers.", components = new Dictionary<string, string> { [api] = "degraded_performance" }, next_update_at = RunnerHost.Soon() });
        await WaitForDeliveriesAsync((string)incident["id"]!, 1);
        Assert.Single(Host.Mails());
    }

    [Fact]
    public async Task No_subscriber_address_is_ever_published_on_the_status_site()
    {
        var api = (string)(await Host.CreateComponentAsync("API"))["id"]!;
        await SubscribeAsync("frank.secret@example.com");
        await ConfirmAsync(Eml.Parse(await WaitForMailAsync(1)));
        await Host.CreateIncidentAsync(new { name = "API down", body = "All API calls fail with error 500 for all customers.", components = new Dictionary<string, string> { [api] = "major_outage" }, next_update_at = RunnerHost.Soon() });
        await WaitForMailAsync(2);

        var container = ((BlobServiceClient)Host.Services.GetService(typeof(BlobServiceClient))!).GetBlobContainerClient(Host.SiteContainer);
        var files = 0;
        await foreach (var blob in container.GetBlobsAsync())
        {
            files++;
            var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain("frank.secret", content, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(files > 10, $"{files} files");
    }

    [Fact]
    public async Task The_management_api_lists_counts_and_removes_subscribers_and_imports_as_pending()
    {
        var import = await Host.Client.PostAsync(RunnerHost.Api("subscribers/import"), RunnerHost.Json(new { subscribers = new object[] { new { email = "g1@example.com" }, new { email = "g2@example.com" }, new { email = "bogus" } } }));
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        var report = JsonNode.Parse(await import.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int)report["confirmations_sent"]!);
        Assert.Equal("bogus", (string?)report["invalid"]![0]);

        // One confirmation call for both (one mail each in the pickup folder).
        var mails = (await WaitForMailsAsync(2)).Select(Eml.Parse).ToArray();
        Assert.Equal(["g1@example.com", "g2@example.com"], mails.Select(m => m.To).Order());

        var count = (await Host.GetJsonAsync(RunnerHost.Api("subscribers/count")))!;
        Assert.Equal(2, (int)count["total"]!);
        Assert.Equal(2, (int)count["pending"]!);

        // Statuspage's list: an array; unconfirmed ones are not "active" (its default state).
        Assert.Empty((await Host.GetJsonAsync(RunnerHost.Api("subscribers")))!.AsArray());
        var firstResponse = await Host.Client.GetAsync(RunnerHost.Api("subscribers?state=unconfirmed&limit=1"));
        var first = (await firstResponse.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Single(first);
        var next = firstResponse.Headers.GetValues("Link").Single();
        Assert.Matches("""^<[^>]+\?state=unconfirmed&limit=1&cursor=[a-z0-9]+>; rel="next"$""", next);
        var second = (await Host.GetJsonAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)].TrimStart('/')))!.AsArray();
        var id = (string)second[0]!["id"]!;
        Assert.NotEqual((string)first[0]!["id"]!, id);
        Assert.Equal(id, (string)(await Host.GetJsonAsync(RunnerHost.Api("subscribers?state=all&limit=1&page=2")))![0]!["id"]!);
        Assert.Equal("g2@example.com", (string)Assert.Single((await Host.GetJsonAsync(RunnerHost.Api("subscribers?state=all&q=G2@")))!.AsArray())!["email"]!);
        Assert.Empty((await Host.GetJsonAsync(RunnerHost.Api("subscribers?state=all&type=webhook")))!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.GetAsync(RunnerHost.Api("subscribers?state=asleep"))).StatusCode);

        Assert.Equal("pending", (string)(await Host.GetJsonAsync(RunnerHost.Api($"subscribers/{id}.json")))!["status"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Client.DeleteAsync(RunnerHost.Api($"subscribers/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync(RunnerHost.Api($"subscribers/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.DeleteAsync(RunnerHost.Api($"subscribers/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous.GetAsync(RunnerHost.Api("subscribers"))).StatusCode);
    }

    private Task<HttpResponseMessage> SubscribeAsync(string email, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/public/subscriptions") { Content = RunnerHost.Json(new { subscriber = new { email } }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor ?? $"192.0.2.{Random.Shared.Next(1, 250)}");
        return Host.Anonymous.SendAsync(request);
    }

    /// <summary>Follows a confirmation mail's link and presses the button; returns the manage link the page shows.</summary>
    private async Task<string> ConfirmAsync(Eml mail)
    {
        var link = mail.Link(PublicBase + "api/public/subscriptions/confirm?token=");
        var page = await (await Host.Anonymous.PostAsync(Local(link), Form(("token", Token(link))))).Content.ReadAsStringAsync();
        return System.Text.RegularExpressions.Regex.Match(page, @"https://status\.acme\.test/api/public/subscriptions/manage\?token=[A-Za-z0-9_.-]+").Value;
    }

    private async Task<JsonNode?> SubscriberAsync(string email)
    {
        var list = await Host.GetJsonAsync(RunnerHost.Api("subscribers?state=all&limit=1000"));
        return list!.AsArray().FirstOrDefault(s => (string?)s!["email"] == email);
    }

    private async Task<string> WaitForMailAsync(int count) => (await WaitForMailsAsync(count))[count - 1];

    private async Task<IReadOnlyList<string>> WaitForMailsAsync(int count)
    {
        var mails = await Host.MailsAsync(count);
        Assert.True(mails.Count >= count, $"{mails.Count} of {count} mails arrived");
        return mails;
    }

    /// <summary>Waits until every batch of the incident's updates is recorded as finished (or none was needed).</summary>
    private async Task WaitForDeliveriesAsync(string incidentId, int updates)
    {
        var ledger = (StatusComms.Notifications.IDeliveryLedger)Host.Services.GetService(typeof(StatusComms.Notifications.IDeliveryLedger))!;
        var incident = await Host.GetJsonAsync(RunnerHost.Api($"incidents/{incidentId}"));
        var keys = incident!["incident_updates"]!.AsArray().Select(u => $"inc-{incidentId}-{u!["id"]}").ToArray();
        Assert.Equal(updates, keys.Length);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var done = true;
            foreach (var key in keys)
            {
                var plan = await ledger.ReadPlanAsync(key, CancellationToken.None);
                done &= plan.IsComplete && (await Task.WhenAll(plan.Batches.Select(b => ledger.GetRecordAsync(key, b.Target, CancellationToken.None)))).All(r => r?.State is StatusComms.Notifications.DeliveryState.Sent or StatusComms.Notifications.DeliveryState.Failed);
            }

            if (done)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The notifications were not delivered in time.");
    }

    private static string Local(string link) => link[PublicBase.Length..];

    private static string Token(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
}
