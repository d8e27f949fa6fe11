using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using StatusComms.Core.Tests.PublicApi;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A realistic incident replayed from its first update to a published postmortem, through the local runner on Azurite.</summary>
public sealed class PostmortemTests : RunnerTest
{
    [Fact]
    public async Task An_incident_ends_with_a_published_postmortem_built_from_what_happened()
    {
        var api = (string)(await Host.CreateComponentAsync("Card payments"))["id"]!;
        await Host.CreateComponentAsync("Dashboard");
        await Host.SubscribeConfirmedAsync("ada@example.com");
        var started = DateTimeOffset.UtcNow.AddMinutes(-50);

        var (incident, etag) = await Host.CreateIncidentAsync(new
        {
            name = "Card payments failing in the EU",
            body = "About 40% of card payments in the EU fail with error 502. Retrying may work. We are sorry for the trouble this causes.",
            components = new Dictionary<string, string> { [api] = "major_outage" },
            started_at = started.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            next_update_at = RunnerHost.Soon(),
        });
        var id = (string)incident["id"]!;
        etag = await PatchAsync(id, new { status = "identified", body = "A configuration change removed the EU card route; we are rolling it back. Card payments in the EU still fail for some customers.", components = new Dictionary<string, string> { [api] = "partial_outage" }, next_update_at = RunnerHost.Soon() }, etag);
        etag = await PatchAsync(id, new { status = "monitoring", body = "The EU card route is restored and card payments in the EU succeed again. We are watching error rates.", components = new Dictionary<string, string> { [api] = "operational" }, next_update_at = RunnerHost.Soon() }, etag);
        await PatchAsync(id, new { status = "resolved", body = "Card payments in the EU have worked normally since 10:40 UTC. We're sorry: for about 50 minutes many EU card payments failed." }, etag);

        // Each update reached the subscriber (the impact counts who was notified).
        Assert.Equal(4, (await Host.MailsAsync(4)).Count);
        var created = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var postmortem = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["postmortem"]!;
        Assert.Equal("draft", (string?)postmortem["status"]);
        Assert.Equal("Postmortem: Card payments failing in the EU", (string?)postmortem["document"]!["title"]);

        // The impact is computed from the updates: 50 minutes of outage before the first words, then partial.
        var impact = postmortem["impact"]!;
        Assert.InRange((long)impact["time_to_first_update_seconds"]!, 49 * 60, 51 * 60);
        var card = Assert.Single(impact["components"]!.AsArray())!;
        Assert.Equal("Card payments", (string?)card["name"]);
        Assert.Equal("major_outage", (string?)card["times"]![0]!["status"]);
        Assert.InRange((long)card["times"]![0]!["seconds"]!, 49 * 60, 51 * 60);
        Assert.Equal("partial_outage", (string?)card["times"]![1]!["status"]);
        Assert.Equal(1, (int)impact["subscribers_notified"]!);

        // Every update and component change is on the timeline, in order.
        var timeline = postmortem["timeline"]!.AsArray();
        Assert.Equal(4, timeline.Count(e => (string?)e!["source"] == "update"));
        Assert.Equal(3, timeline.Count(e => (string?)e!["source"] == "componentchange"));
        Assert.Equal(timeline.Select(e => (DateTimeOffset)e!["at"]!).Order(), timeline.Select(e => (DateTimeOffset)e!["at"]!));

        await Send(HttpMethod.Patch, $"incidents/{id}/postmortem", new
        {
            postmortem = new
            {
                owners = new[] { "Payments team" },
                authors = new[] { "Priya", "Sam" },
                executive_summary = "For about 50 minutes, many card payments in the EU failed with error 502. A configuration change removed the route that EU card payments take. Payments work normally again.",
                business_impact = "About 4,100 card payments failed; none were charged twice.",
                root_cause = "A routine change to our payment routing configuration left out the EU card route. Our checks compared the new configuration with a test copy that did not have that route either, so nothing flagged the gap.",
                lessons_learned = "Routing changes need a check against the live route list.",
                apology = "We're sorry. For about 50 minutes, card payments in the EU failed, and your customers could not pay you.",
            },
        });
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/timeline", new { entry = new { at = started.AddMinutes(4), text = "Error alerts for EU card payments reached the on-call engineer.", @public = true } });
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/action-items", new { action_item = new { description = "Restore the EU card route and add it to the routing configuration's required routes", owner = "Payments team", due_date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), kind = "immediate_fix" } });
        var withItems = await Send(HttpMethod.Post, $"incidents/{id}/postmortem/action-items", new { action_item = new { description = "Compare every routing change with the live route list before it is applied, and block changes that drop a route", owner = "Platform team", due_date = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), kind = "long_term_prevention" } });
        var firstItem = (string)withItems["postmortem"]!["document"]!["action_items"]![0]!["id"]!;
        await Send(HttpMethod.Patch, $"incidents/{id}/postmortem/action-items/{firstItem}", new { action_item = new { status = "done" } });

        // Not final yet: refused.
        var early = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Only a final postmortem can be published", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/status", new { status = "in_review" });
        var final = await Send(HttpMethod.Post, $"incidents/{id}/postmortem/status", new { status = "final" });
        Assert.True((bool)final["postmortem"]!["publishable"]!, final["postmortem"]!["findings"]!.ToJsonString());

        var preview = await Host.Client.GetStringAsync(RunnerHost.Api($"incidents/{id}/postmortem/preview"));
        Assert.Contains("Why it happened", preview, StringComparison.Ordinal);

        var published = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { }));
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());

        // The page is exactly the preview, and the incident page and history link it.
        var page = await Host.SiteAsync($"/postmortems/{id}.html");
        Assert.NotNull(page);
        Assert.Contains("A routine change to our payment routing configuration left out the EU card route.", page, StringComparison.Ordinal);
        Assert.Contains("Card payments: major outage for", page, StringComparison.Ordinal);
        Assert.Contains("Error alerts for EU card payments reached the on-call engineer.", page, StringComparison.Ordinal);
        Assert.Contains("What we have done", page, StringComparison.Ordinal);
        Assert.Contains("Compare every routing change with the live route list", page, StringComparison.Ordinal);
        Assert.Contains("We&#x27;re sorry. For about 50 minutes", page, StringComparison.Ordinal);
        Assert.DoesNotContain("live route list.\n", page, StringComparison.Ordinal); // lessons learned stay internal
        Assert.DoesNotContain("Routing changes need a check", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/postmortems/{id}.html\"", await Host.SiteAsync($"/incidents/{id}.html"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/postmortems/{id}.html\"", await Host.SiteAsync("/history.html"), StringComparison.Ordinal);

        // The API carries the postmortem fields, in Statuspage's shape.
        var incidents = await Host.SiteAsync("/api/v2/incidents.json");
        Assert.Empty(StatuspageSchemas.Validate("incidents.json", incidents!));
        var listed = JsonNode.Parse(incidents!)!["incidents"]!.AsArray().Single(i => (string?)i!["id"] == id)!;
        Assert.Equal("postmortem", (string?)listed["status"]);
        Assert.StartsWith("What happened\nFor about 50 minutes", (string?)listed["postmortem_body"], StringComparison.Ordinal);
        Assert.NotNull((string?)listed["postmortem_published_at"]);

        // The feed's entry leads with the postmortem.
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = XDocument.Parse((await Host.SiteAsync("/history.atom"))!).Root!.Elements(atom + "entry").Single(e => e.Element(atom + "id")!.Value.EndsWith($"/incidents/{id}.html", StringComparison.Ordinal));
        Assert.Contains("<strong>Postmortem</strong>", entry.Element(atom + "content")!.Value, StringComparison.Ordinal);

        // The subscriber hears of it too.
        var mail = await WaitForMailAsync(m => m.Contains("Postmortem", StringComparison.Ordinal));
        Assert.Contains($"https://status.acme.test/postmortems/{id}.html", Eml.Parse(mail).Text, StringComparison.Ordinal);

        // The internal export has everything, and is never published.
        var markdown = await Host.Client.GetStringAsync(RunnerHost.Api($"incidents/{id}/postmortem/markdown"));
        Assert.Contains("## Lessons learned\n\nRouting changes need a check against the live route list.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Payments team |", markdown, StringComparison.Ordinal);
        Assert.Contains("published the customer summary", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Improve monitoring", "action-item-vague")]
    [InlineData("Retrain the on-call engineer on the routing change procedure so this never happens", null)]
    public async Task A_vague_action_item_cannot_be_published(string item, string? rule)
    {
        var id = await ResolvedIncidentWithDraftAsync(rootCause: "A configuration change removed the EU card route, and our checks did not compare it with the live routes.");
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/action-items", new { action_item = new { description = item, owner = rule is null ? null : "Platform team", due_date = rule is null ? null : "2027-01-31" } });
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/status", new { status = "in_review" });
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/status", new { status = "final" });

        var refused = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var findings = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["findings"]!.AsArray().Select(f => (string)f!["rule_id"]!).ToArray();
        Assert.Contains(rule ?? "action-item-owner-missing", findings);
        Assert.Null(await Host.SiteAsync($"/postmortems/{id}.html"));
        Assert.Equal("resolved", (string?)(await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}")))!["status"]);
    }

    [Theory]
    [InlineData("Human error: the engineer should have checked the route list before the change.")]
    [InlineData("Dave deployed a routing change that left out the EU card route.")]
    public async Task A_postmortem_that_blames_a_person_cannot_be_published(string rootCause)
    {
        var id = await ResolvedIncidentWithDraftAsync(rootCause);
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/action-items", new { action_item = new { description = "Compare every routing change with the live route list before it is applied", owner = "Platform team", due_date = "2027-01-31" } });
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/status", new { status = "in_review" });
        await Send(HttpMethod.Post, $"incidents/{id}/postmortem/status", new { status = "final" });

        var refused = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("blame", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["findings"]!.AsArray().Select(f => (string)f!["rule_id"]!));
    }

    [Fact]
    public async Task Postmortems_refuse_what_does_not_fit()
    {
        var (open, _) = await Host.CreateIncidentAsync(new { name = "API slow", body = "API calls take up to 5 seconds for all customers.", next_update_at = RunnerHost.Soon() });
        var tooEarly = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{open["id"]}/postmortem"), RunnerHost.Json(new { }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode);
        Assert.Equal("application/problem+json", tooEarly.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.PostAsync(RunnerHost.Api("incidents/nosuchincident/postmortem"), RunnerHost.Json(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync(RunnerHost.Api($"incidents/{open["id"]}/postmortem"))).StatusCode);

        var id = await ResolvedIncidentWithDraftAsync(rootCause: "A configuration change removed a route.");
        var skip = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/status"), RunnerHost.Json(new { status = "final" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, skip.StatusCode);
        var badStatus = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/status"), RunnerHost.Json(new { status = "done" }));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        var unknownField = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { postmortem = new { blame = "x" } }));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Patch, RunnerHost.Api($"incidents/{id}/postmortem")) { Content = RunnerHost.Json(new { postmortem = new { title = "New title" } }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"");
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Client.SendAsync(stale)).StatusCode);
    }

    private const string StatuspageText = """
        # Exports failing on 25 November

        For 20 minutes, CSV exports failed with an error for all customers.

        ## Root cause
        A deploy at 10:20 UTC shipped an exporter that could not read archived accounts, so every export stopped at
        the first archived account it met.

        ## Timeline
        - 10:20 UTC the new exporter went out
        - 10:40 UTC we rolled it back

        ## What we're doing
        - [x] Rolled back the exporter (owner: Data team, due: 2026-11-25)
        - Test exports against archived accounts before each deploy (owner: Data team, due: 2027-01-15)

        **We're sorry**
        For 20 minutes CSV exports failed; we know you rely on them for month-end work.
        """;

    [Fact]
    public async Task A_Statuspage_client_writes_publishes_and_reverts_a_postmortem_as_one_text()
    {
        await Host.SubscribeConfirmedAsync("ada@example.com");
        var id = await ResolvedExportsIncidentAsync();
        Assert.Equal(2, (await Host.MailsAsync(2)).Count);

        // As the reference's curl sample sends it: form-encoded, Rails keys.
        var written = await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem.json"), new FormUrlEncodedContent([new("postmortem[body_draft]", StatuspageText), new("postmortem[notify_twitter]", "false")]));
        var text = await written.Content.ReadAsStringAsync();
        Assert.True(written.StatusCode == HttpStatusCode.Created, text);
        var answer = JsonNode.Parse(text)!;
        Assert.Equal(("draft", true), ((string)answer["status"]!, (bool)answer["publishable"]!));
        Assert.Null(answer["body"]);
        Assert.Equal(
            ["Exports failing on 25 November=title", "Root cause=root_cause", "Timeline=executive_summary", "What we're doing=action_items", "We're sorry=apology"],
            answer["sections_read"]!.AsArray().Select(s => $"{s!["heading"]}={s["section"]}"));

        var read = (await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}/postmortem")))!;
        var document = read["postmortem"]!["document"]!;
        Assert.Equal("Exports failing on 25 November", (string)document["title"]!);
        Assert.StartsWith("For 20 minutes, CSV exports failed", (string)document["executive_summary"]!, StringComparison.Ordinal);
        Assert.Contains("Timeline:\n- 10:20 UTC the new exporter went out", (string)document["executive_summary"]!, StringComparison.Ordinal);
        Assert.StartsWith("For 20 minutes CSV exports failed", (string)document["apology"]!, StringComparison.Ordinal);
        var items = document["action_items"]!.AsArray();
        Assert.Equal(["done Rolled back the exporter Data team 2026-11-25", "open Test exports against archived accounts before each deploy Data team 2027-01-15"], items.Select(i => $"{i!["status"]} {i["description"]} {i["owner"]} {i["due_date"]}"));
        var draft = (string)read["body_draft"]!;
        Assert.Contains("- [x] Rolled back the exporter (owner: Data team, due: 2026-11-25)", draft, StringComparison.Ordinal);

        // What a client reads it can send back unchanged: the same document, the same action items.
        var again = await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { postmortem = new { body_draft = draft } }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(draft, (string)(await again.Content.ReadFromJsonAsync<JsonNode>())!["body_draft"]!);
        var reread = (await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}/postmortem")))!["postmortem"]!["document"]!;
        Assert.Equal(items.Select(i => (string)i!["id"]!), reread["action_items"]!.AsArray().Select(i => (string)i!["id"]!));

        // Statuspage's publish is one step (no review there); notify_subscribers: false mails no one.
        var published = await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { postmortem = new { notify_subscribers = false, notify_twitter = false, custom_tweet = "Our postmortem" } }));
        text = await published.Content.ReadAsStringAsync();
        Assert.True(published.StatusCode == HttpStatusCode.OK, text);
        answer = JsonNode.Parse(text)!;
        Assert.Equal(("final", false), ((string)answer["status"]!, (bool)answer["notify_subscribers"]!));
        Assert.NotNull(answer["published_at"]);
        Assert.Contains("archived accounts", (string)answer["body"]!, StringComparison.Ordinal);
        Assert.Contains("archived accounts", (string)(await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}")))!["postmortem_body"]!, StringComparison.Ordinal);
        Assert.Contains("archived accounts", await Host.SiteAsync($"/postmortems/{id}.html"), StringComparison.Ordinal);
        var revisions = (await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}/postmortem")))!["postmortem"]!["revisions"]!.AsArray();
        Assert.Contains(revisions, r => ((string)r!["change"]!).Contains("without a separate review", StringComparison.Ordinal));

        // A corrected text after publishing is a new draft; customers read the published one until it is published again.
        var corrected = await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { postmortem = new { body_draft = StatuspageText.Replace("month-end work", "month-end reports", StringComparison.Ordinal) } }));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("draft", (string)(await corrected.Content.ReadFromJsonAsync<JsonNode>())!["status"]!);
        Assert.Contains("month-end work", await Host.SiteAsync($"/postmortems/{id}.html"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { postmortem = new { notify_subscribers = false } }))).StatusCode);
        Assert.Contains("month-end reports", await Host.SiteAsync($"/postmortems/{id}.html"), StringComparison.Ordinal);

        // Revert: back to draft to change it; the page keeps what customers read until it is published again.
        var reverted = await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem/revert"), null);
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Equal("draft", (string)(await reverted.Content.ReadFromJsonAsync<JsonNode>())!["status"]!);
        Assert.NotNull(await Host.SiteAsync($"/postmortems/{id}.html"));

        // StatusComms' own publish keeps its review gate.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), null)).StatusCode);

        await Task.Delay(1500);
        Assert.Equal(2, Host.Mails().Count);
    }

    [Fact]
    public async Task A_Statuspage_postmortem_missing_what_customers_need_is_refused_at_publish_with_the_findings()
    {
        var id = await ResolvedExportsIncidentAsync();

        // POST, as some clients send it, takes the text too; nothing the author wrote is dropped.
        var drafted = await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { postmortem = new { body_draft = "A bad deploy broke exports. It is fixed." } }));
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var answer = (await drafted.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.False((bool)answer["publishable"]!);
        Assert.Equal("# Postmortem: Exports failing\n\n## Summary\n\nA bad deploy broke exports. It is fixed.\n", (string)answer["body_draft"]!);

        var refused = await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem/publish"), RunnerHost.Json(new { postmortem = new { notify_subscribers = true } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var rules = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["findings"]!.AsArray().Select(f => (string)f!["rule_id"]!).ToArray();
        Assert.Contains("postmortem-root-cause-missing", rules);
        Assert.Contains("postmortem-apology-impact", rules);
        Assert.Equal("draft", (string)(await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}/postmortem")))!["status"]!);
        Assert.Null(await Host.SiteAsync($"/postmortems/{id}.html"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Host.Client.PutAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { postmortem = new { } }))).StatusCode);
    }

    private async Task<string> ResolvedExportsIncidentAsync()
    {
        var api = (string)(await Host.CreateComponentAsync("Exports"))["id"]!;
        var (incident, etag) = await Host.CreateIncidentAsync(new { name = "Exports failing", body = "CSV exports fail with an error for all customers.", components = new Dictionary<string, string> { [api] = "major_outage" }, next_update_at = RunnerHost.Soon() });
        var id = (string)incident["id"]!;
        await PatchAsync(id, new { status = "resolved", body = "Exports work again since 10:40 UTC. We're sorry: for 20 minutes CSV exports failed.", components = new Dictionary<string, string> { [api] = "operational" } }, etag);
        return id;
    }

    private async Task<string> ResolvedIncidentWithDraftAsync(string rootCause)
    {
        var api = (string)(await Host.CreateComponentAsync("Card payments"))["id"]!;
        var (incident, etag) = await Host.CreateIncidentAsync(new { name = "Card payments failing", body = "About 40% of card payments fail with error 502. Retrying may work.", components = new Dictionary<string, string> { [api] = "major_outage" }, next_update_at = RunnerHost.Soon() });
        var id = (string)incident["id"]!;
        await PatchAsync(id, new { status = "resolved", body = "Card payments work again since 10:40 UTC. We're sorry: for 20 minutes card payments failed.", components = new Dictionary<string, string> { [api] = "operational" } }, etag);
        await Host.Client.PostAsync(RunnerHost.Api($"incidents/{id}/postmortem"), RunnerHost.Json(new { }));
        await Send(HttpMethod.Patch, $"incidents/{id}/postmortem", new
        {
            postmortem = new
            {
                executive_summary = "For 20 minutes, card payments failed with error 502 for all customers.",
                root_cause = rootCause,
                apology = "We're sorry: for 20 minutes, card payments failed.",
            },
        });
        return id;
    }

    private async Task<string> PatchAsync(string id, object incident, string etag)
    {
        var response = await Host.PatchIncidentAsync(id, incident, etag);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    private async Task<JsonNode> Send(HttpMethod method, string path, object body)
    {
        var response = await Host.Client.SendAsync(new HttpRequestMessage(method, RunnerHost.Api(path)) { Content = RunnerHost.Json(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<string> WaitForMailAsync(Func<string, bool> match)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Host.Mails().FirstOrDefault(m => match(Eml.Parse(m).Subject)) is { } mail)
            {
                return mail;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The postmortem mail did not arrive.");
    }
}
