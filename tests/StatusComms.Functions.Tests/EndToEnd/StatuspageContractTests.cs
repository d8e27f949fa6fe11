using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// The Statuspage v1 contract, route by route, in both body encodings the reference allows (JSON, and
/// form-urlencoded with Rails keys): each write answers the status code Statuspage gives and an object carrying every
/// field of the reference's object (component, component group, incident, incident update, postmortem, subscriber);
/// each refusal is problem+json.
/// </summary>
public sealed class StatuspageContractTests(StatuspageContractTests.Runner runner) : IClassFixture<StatuspageContractTests.Runner>
{
    // The objects' fields in Statuspage's v1 reference.
    private static readonly string[] Component = ["id", "page_id", "group_id", "created_at", "updated_at", "group", "name", "description", "position", "status", "showcase", "only_show_if_degraded", "automation_email", "start_date"];
    private static readonly string[] ComponentGroup = ["id", "page_id", "name", "description", "components", "position", "created_at", "updated_at"];
    private static readonly string[] Incident =
    [
        "id", "components", "created_at", "impact", "impact_override", "incident_updates", "metadata", "monitoring_at", "name", "page_id",
        "postmortem_body", "postmortem_body_last_updated_at", "postmortem_ignored", "postmortem_notified_subscribers", "postmortem_notified_twitter",
        "postmortem_published_at", "resolved_at", "scheduled_auto_completed", "scheduled_auto_in_progress", "scheduled_for",
        "auto_transition_deliver_notifications_at_end", "auto_transition_deliver_notifications_at_start", "auto_transition_to_maintenance_state",
        "auto_transition_to_operational_state", "scheduled_remind_prior", "scheduled_reminded_at", "scheduled_until", "shortlink", "status",
        "updated_at", "reminder_intervals", "started_at",
    ];

    private static readonly string[] IncidentUpdate = ["id", "incident_id", "affected_components", "body", "created_at", "custom_tweet", "deliver_notifications", "display_at", "status", "tweet_id", "twitter_updated_at", "updated_at", "wants_twitter_update"];
    private static readonly string[] Postmortem = ["preview_key", "body", "body_updated_at", "body_draft", "body_draft_updated_at", "published_at", "notify_subscribers", "notify_twitter", "custom_tweet", "created_at", "updated_at"];
    private static readonly string[] Subscriber = ["id", "skip_confirmation_notification", "mode", "email", "endpoint", "phone_number", "phone_country", "display_phone_number", "obfuscated_channel_name", "workspace_name", "quarantined_at", "purge_at", "components", "page_access_user_id", "created_at"];

    private RunnerHost Host => runner.Host;

    /// <summary>One host for the class, taking webhook endpoints on loopback (nothing is delivered to them here).</summary>
    public sealed class Runner : IAsyncLifetime
    {
        public RunnerHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await RunnerHost.StartAsync(null, "--StatusComms:Webhooks:AllowPrivateTargets=true");

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Theory]
    [InlineData("json")]
    [InlineData("form")]
    public async Task Every_write_route_answers_Statuspages_status_and_object_in_either_encoding(string encoding)
    {
        var tag = encoding + Guid.NewGuid().ToString("N")[..6];

        var component = await SendAsync(HttpMethod.Post, "components", encoding, new { component = new { name = $"Checkout {tag}", description = "Paying for an order", status = "operational", showcase = true } }, HttpStatusCode.Created, Component);
        var componentId = (string)component["id"]!;
        await SendAsync(HttpMethod.Patch, $"components/{componentId}", encoding, new { component = new { description = "Paying for an order online", only_show_if_degraded = false } }, HttpStatusCode.OK, Component);
        await SendAsync(HttpMethod.Put, $"components/{componentId}.json", encoding, new { component = new { name = $"Checkout (web) {tag}" } }, HttpStatusCode.OK, Component);

        var other = (string)(await SendAsync(HttpMethod.Post, "components", encoding, new { component = new { name = $"Refunds {tag}" } }, HttpStatusCode.Created, Component))["id"]!;
        var group = await SendAsync(HttpMethod.Post, "component-groups", encoding, new { description = "Money in and out", component_group = new { name = $"Payments {tag}", components = new[] { other } } }, HttpStatusCode.Created, ComponentGroup);
        var groupId = (string)group["id"]!;
        await SendAsync(HttpMethod.Patch, $"component-groups/{groupId}", encoding, new { component_group = new { name = $"Payments and refunds {tag}", components = new[] { other } } }, HttpStatusCode.OK, ComponentGroup);

        var incident = await SendAsync(HttpMethod.Post, "incidents.json", encoding, new
        {
            incident = new
            {
                name = $"Card payments failing {tag}",
                status = "investigating",
                impact_override = "major",
                body = "Since 09:40 UTC about one in three card payments at checkout fails. PayPal works. We are investigating. Next update in 30 minutes.",
                component_ids = new[] { componentId },
                components = new Dictionary<string, string> { [componentId] = "partial_outage" },
                deliver_notifications = false,
                auto_tweet_on_creation = false,
            },
        }, HttpStatusCode.Created, Incident);
        var incidentId = (string)incident["id"]!;
        AssertShape(incident["incident_updates"]![0]!, IncidentUpdate, "incident update");
        var updated = await SendAsync(HttpMethod.Patch, $"incidents/{incidentId}", encoding, new { incident = new { status = "identified", body = "A certificate on our card processor link expired at 09:38 UTC. We are installing a new one. Next update in 20 minutes.", deliver_notifications = false } }, HttpStatusCode.OK, Incident);
        var updateId = (string)updated["incident_updates"]![0]!["id"]!;
        await SendAsync(HttpMethod.Patch, $"incidents/{incidentId}/incident_updates/{updateId}", encoding, new { incident_update = new { body = "A certificate on our card processor link expired at 09:38 UTC. We are installing a new one now. Next update in 20 minutes.", wants_twitter_update = false } }, HttpStatusCode.OK, IncidentUpdate);

        var start = DateTimeOffset.UtcNow.AddDays(4).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.UtcNow.AddDays(4).AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var planned = await SendAsync(HttpMethod.Post, "incidents", encoding, new { incident = new { name = $"Refunds upgrade {tag}", status = "scheduled", scheduled_for = start, scheduled_until = end, scheduled_auto_in_progress = true, scheduled_remind_prior = true, component_ids = new[] { other }, body = "Refunds are queued for up to one hour while we upgrade them; none are lost." } }, HttpStatusCode.Created, Incident);
        AssertShape(planned["incident_updates"]![0]!, IncidentUpdate, "maintenance update");
        Assert.Contains(await ListAsync("incidents/upcoming"), i => (string)i!["id"]! == (string)planned["id"]!);

        await SendAsync(HttpMethod.Patch, $"incidents/{incidentId}", encoding, new { incident = new { status = "resolved", body = "Card payments have worked normally since 10:05 UTC. We're sorry: for 25 minutes about a third of card payments failed.", components = new Dictionary<string, string> { [componentId] = "operational" }, deliver_notifications = false } }, HttpStatusCode.OK, Incident);
        var postmortem = await SendAsync(HttpMethod.Put, $"incidents/{incidentId}/postmortem", encoding, new
        {
            postmortem = new
            {
                body_draft = "## Summary\nFor 25 minutes about a third of card payments at checkout failed.\n\n## Root cause\nA certificate on the link to our card processor expired; nothing renewed it.\n\n"
                    + "## Action items\n- Renew the processor certificate automatically (owner: Payments team, due: 2027-01-15)\n\n## Apology\nWe're sorry: for 25 minutes card payments failed for about a third of you.",
            },
        }, HttpStatusCode.Created, Postmortem);
        Assert.True((bool)postmortem["publishable"]!, postmortem.ToJsonString());
        await SendAsync(HttpMethod.Put, $"incidents/{incidentId}/postmortem/publish", encoding, new { postmortem = new { notify_subscribers = false, notify_twitter = false, custom_tweet = "Postmortem" } }, HttpStatusCode.OK, Postmortem);
        var afterPublish = (await Host.GetJsonAsync(RunnerHost.Api($"incidents/{incidentId}")))!;
        AssertShape(afterPublish, Incident, "incident");
        Assert.NotNull((string?)afterPublish["postmortem_body"]);
        await SendAsync(HttpMethod.Put, $"incidents/{incidentId}/postmortem/revert", encoding, new { }, HttpStatusCode.OK, Postmortem);
        AssertShape((await Host.GetJsonAsync(RunnerHost.Api($"incidents/{incidentId}/postmortem")))!, Postmortem, "postmortem");

        var subscriber = await SendAsync(HttpMethod.Post, "subscribers", encoding, new { subscriber = new { endpoint = $"https://127.0.0.1:9999/statuscomms/{tag}", component_ids = new[] { componentId } } }, HttpStatusCode.Created, Subscriber);
        var subscriberId = (string)subscriber["id"]!;
        AssertShape((await Host.GetJsonAsync(RunnerHost.Api($"subscribers/{subscriberId}")))!, Subscriber, "subscriber");
        Assert.All(await ListAsync("subscribers?type=webhook"), s => AssertShape(s!, Subscriber, "listed subscriber"));
        Assert.All(await ListAsync("components"), c => AssertShape(c!, Component, "listed component"));
        Assert.All(await ListAsync("component-groups"), g => AssertShape(g!, ComponentGroup, "listed group"));
        Assert.All(await ListAsync("incidents?limit=5"), i => AssertShape(i!, Incident, "listed incident"));

        Assert.Equal(HttpStatusCode.OK, (await Host.Client.DeleteAsync(RunnerHost.Api($"incidents/{incidentId}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Client.DeleteAsync(RunnerHost.Api($"component-groups/{groupId}"))).StatusCode);
    }

    [Theory]
    [InlineData("json", "components", "{\"component\": {\"name\": \"X\", \"colour\": \"red\"}}", 400, "colour")]
    [InlineData("form", "components", "component[name]=X&component[colour]=red", 400, "colour")]
    [InlineData("json", "incidents", "{\"incident\": {\"name\": \"X\", \"status\": \"on_fire\", \"body\": \"x\"}}", 400, "investigating")]
    [InlineData("form", "incidents", "incident[name]=X&incident[status]=on_fire&incident[body]=x", 400, "investigating")]
    [InlineData("json", "incidents", "{\"incident\": {\"name\": \"X\", \"body\": \"We are experiencing technical difficulties.\"}}", 422, "findings")]
    [InlineData("form", "incidents", "incident[name]=X&incident[body]=We are experiencing technical difficulties.", 422, "findings")]
    [InlineData("json", "component-groups", "{\"description\": \"No group in here\"}", 400, "component_group")]
    [InlineData("form", "component-groups", "description=No group in here", 400, "component_group")]
    [InlineData("json", "incidents", "{\"incident\": {\"name\": \"X\", \"body\": \"x\"}, \"incident\": {}}", 400, "incident")]
    [InlineData("form", "incidents", "incident[name]=X&incident[name]=Y&incident[body]=x", 400, "incident[name]")]
    public async Task A_refused_write_is_problem_json_naming_what_to_fix_in_either_encoding(string encoding, string path, string body, int status, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, encoding == "json" ? "application/json" : "application/x-www-form-urlencoded");

        var response = await Host.Client.PostAsync(RunnerHost.Api(path), content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Contains(named, text, StringComparison.Ordinal);
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string encoding, object body, HttpStatusCode expected, string[] shape)
    {
        using var request = new HttpRequestMessage(method, RunnerHost.Api(path)) { Content = encoding == "json" ? RunnerHost.Json(body) : RailsForm(body) };
        var response = await Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} ({encoding}): {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(text)!;
        AssertShape(json, shape, $"{method} {path}");
        return json;
    }

    private async Task<JsonArray> ListAsync(string path) => (await Host.GetJsonAsync(RunnerHost.Api(path)))!.AsArray();

    private static void AssertShape(JsonNode json, string[] fields, string what)
    {
        var missing = fields.Where(f => !json.AsObject().ContainsKey(f)).ToArray();
        Assert.True(missing.Length == 0, $"{what} lacks {string.Join(", ", missing)}: {json.ToJsonString()}");
    }

    /// <summary>The body as Statuspage's reference sends it form-encoded: <c>incident[components][id]=…</c>, <c>incident[component_ids][]=…</c>.</summary>
    private static FormUrlEncodedContent RailsForm(object body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        void Flatten(JsonNode? node, string key)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        Flatten(value, key.Length == 0 ? name : $"{key}[{name}]");
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pairs.Add(new(key + "[]", Scalar(item)));
                    }

                    break;
                case JsonValue:
                    pairs.Add(new(key, Scalar(node)));
                    break;
            }
        }

        static string Scalar(JsonNode? value) => value?.GetValueKind() == JsonValueKind.String ? (string)value! : value?.ToJsonString() ?? string.Empty;

        Flatten(JsonSerializer.SerializeToNode(body), string.Empty);
        return new FormUrlEncodedContent(pairs);
    }
}
