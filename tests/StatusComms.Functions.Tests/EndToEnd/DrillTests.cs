using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// A drill end to end through the local runner on a fake clock: started from its script, injects revealed on the
/// drill's clock and mailed to the participants, updates posted on the sandbox page through the management API as
/// automation would, the report computed from what happened; and the real page and its subscribers untouched.
/// </summary>
public sealed class DrillTests
{
    private const string Participants = """[{"name":"Ana Lopez","email":"ana@acme.test","role":"comms lead"},{"name":"Ben Okafor","email":"ben@acme.test","role":"incident commander"}]""";

    [Fact]
    public async Task A_drill_runs_on_its_sandbox_page_mails_only_its_participants_and_is_scored_from_what_happened()
    {
        var clock = RunnerHost.MinuteClock();
        var start = clock.GetUtcNow();
        await using var host = await RunnerHost.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var checkout = (string)(await host.CreateComponentAsync("Checkout"))["id"]!;
        await host.CreateComponentAsync("Dashboard");
        await host.SubscribeConfirmedAsync("customer@acme.test");
        await host.RunFunctionAsync("ReconcileSite");
        var realIndex = await host.SiteAsync("/");
        Assert.NotNull(realIndex);

        // Start: the sandbox page is published in its own folder, never indexed, and says it is a drill.
        var started = await host.Client.PostAsync(RunnerHost.Api("drills"), new StringContent($$"""{"script":"payment-failure","speed":1,"participants":{{Participants}}}""", System.Text.Encoding.UTF8, "application/json"));
        var startedText = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Created, startedText);
        var drill = JsonNode.Parse(startedText)!;
        var id = (string)drill["id"]!;
        var pageId = (string)drill["page_id"]!;
        Assert.Equal($"drill-{id}", pageId);
        Assert.Equal($"https://status.acme.test/drills/{id}/", (string)drill["sandbox_url"]!);
        Assert.Single(drill["injects"]!.AsArray());
        var sandbox = await host.SiteAsync($"/drills/{id}/");
        Assert.NotNull(sandbox);
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", sandbox, StringComparison.Ordinal);
        Assert.Contains("This page is a rehearsal", sandbox, StringComparison.Ordinal);
        Assert.Contains("Checkout", sandbox, StringComparison.Ordinal);
        Assert.Contains($"href=\"/drills/{id}/history.html\"", sandbox, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/history.html\"", sandbox, StringComparison.Ordinal);
        Assert.DoesNotContain("<form class=\"subscribe\"", sandbox, StringComparison.Ordinal);

        var mails = (await host.MailsAsync(2)).Select(Eml.Parse).ToArray();
        Assert.Equal(["ana@acme.test", "ben@acme.test"], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.StartsWith("[Drill] T+0: Alerts fire", m.Subject, StringComparison.Ordinal));

        // T+6: the next inject, once, however often the timer runs.
        clock.SetUtcNow(start.AddMinutes(6));
        await host.RunFunctionAsync("RunDrills");
        await host.RunFunctionAsync("RunDrills");
        Assert.Equal(4, (await host.MailsAsync(4)).Count);
        Assert.Equal(2, host.Mails().Select(Eml.Parse).Count(m => m.Subject.StartsWith("[Drill] T+6: Support has 40 tickets", StringComparison.Ordinal)));

        // T+8: the comms lead posts the first update on the sandbox page; the participants are its only subscribers.
        clock.SetUtcNow(start.AddMinutes(8));
        var sandboxApi = $"api/v1/pages/{pageId}/";
        var created = await host.Client.PostAsync(sandboxApi + "incidents", RunnerHost.Json(new
        {
            incident = new
            {
                name = "Card payments failing in the EU",
                body = "Since 09:12 UTC about 40% of card payments from EU customers are declined at checkout. Please do not retry a declined payment: we are checking whether anyone was charged twice.",
                impact_override = "major",
                component_ids = new[] { checkout },
                components = new Dictionary<string, string> { [checkout] = "major_outage" },
                next_update_at = At(start.AddMinutes(38)),
            },
        }));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        var incidentId = (string)JsonNode.Parse(createdText)!["id"]!;
        Assert.Equal(pageId, (string)JsonNode.Parse(createdText)!["page_id"]!);
        Assert.Contains("Card payments failing in the EU", await host.SiteAsync($"/drills/{id}/"), StringComparison.Ordinal);
        var started2 = await host.Client.PostAsync(sandboxApi + $"incidents/{incidentId}/playbook", RunnerHost.Json(new { playbook = "payment-failure", people = new Dictionary<string, string> { ["comms lead"] = "Ana Lopez", ["incident commander"] = "Ben Okafor" } }));
        Assert.Equal(HttpStatusCode.Created, started2.StatusCode);

        // T+20: the promised next update comes early; T+25 the incident is resolved.
        clock.SetUtcNow(start.AddMinutes(20));
        var identified = await host.Client.PatchAsync(sandboxApi + $"incidents/{incidentId}", RunnerHost.Json(new
        {
            incident = new
            {
                status = "identified",
                body = "A certificate on the route to our payment provider's EU endpoint expired this morning. A new one is being installed; payments should work again by 09:50 UTC. We're sorry for the declined payments.",
                next_update_at = At(start.AddMinutes(40)),
            },
        }));
        Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
        clock.SetUtcNow(start.AddMinutes(25));
        await host.RunFunctionAsync("RunDrills");
        var resolved = await host.Client.PatchAsync(sandboxApi + $"incidents/{incidentId}", RunnerHost.Json(new
        {
            incident = new
            {
                status = "resolved",
                body = "Card payments in the EU work again since 09:36 UTC. From 09:12 to 09:36 UTC about 40% of them were declined; 312 customers were charged twice and are being refunded within 3 days. We're sorry for the failed payments and the double charges.",
                components = new Dictionary<string, string> { [checkout] = "operational" },
            },
        }));
        Assert.True(resolved.StatusCode == HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());

        // The end: scored from what happened on the sandbox page.
        clock.SetUtcNow(start.AddMinutes(30));
        var ended = await host.Client.PostAsync(RunnerHost.Api($"drills/{id}/end"), null);
        var endedText = await ended.Content.ReadAsStringAsync();
        Assert.True(ended.StatusCode == HttpStatusCode.OK, endedText);
        var report = JsonNode.Parse(endedText)!["report"]!;
        Assert.Equal(8.0, (double)report["first_update_minutes"]!);
        Assert.Equal(10.0, (double)report["first_update_target_minutes"]!);
        Assert.Equal(2, (int)report["promises_kept"]!);
        Assert.Equal(0, (int)report["promises_broken"]!);
        Assert.Equal(3, (int)report["updates"]!);
        Assert.Equal(0, (int)report["errors_overridden"]!);
        Assert.False((bool)report["postmortem_drafted"]!);
        var checks = report["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (int)c!["points"]!);
        Assert.Equal(20, checks["First public update"]);
        Assert.Equal(20, checks["Promises of the next update"]);
        Assert.Equal(20, checks["Candor"]);
        Assert.Equal(0, checks["Postmortem"]);
        Assert.Equal(0, checks["Playbook steps"]); // steps 1 and 2 were due and never ticked
        Assert.Equal(checks.Values.Sum(), (int)report["score"]!);

        // Once ended, its sandbox page is closed to the API, and the history shows it.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(sandboxApi + "incidents")).StatusCode);
        var history = (await host.GetJsonAsync(RunnerHost.Api("drills")))!.AsArray();
        Assert.Equal(id, (string)history.Single()!["id"]!);
        Assert.Equal((int)report["score"]!, (int)history.Single()!["report"]!["score"]!);

        // The real page and its subscriber: untouched (its uptime bars moved on with the clock, nothing else).
        await host.RunFunctionAsync("ReconcileSite");
        var realNow = await host.SiteAsync("/");
        Assert.Contains("All Systems Operational", realIndex, StringComparison.Ordinal);
        Assert.Contains("All Systems Operational", realNow, StringComparison.Ordinal);
        Assert.DoesNotContain("Card payments failing", realNow, StringComparison.Ordinal);
        Assert.DoesNotContain("rehearsal", realNow, StringComparison.Ordinal);
        Assert.Null(await host.SiteAsync($"/incidents/{incidentId}.html"));
        Assert.NotNull(await host.SiteAsync($"/drills/{id}/incidents/{incidentId}.html"));
        Assert.DoesNotContain("Card payments failing", await host.SiteAsync("/history.atom"), StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync(RunnerHost.Api("incidents")))!.AsArray());
        var all = host.Mails().Select(Eml.Parse).ToArray();
        Assert.DoesNotContain(all, m => m.To == "customer@acme.test");
        Assert.All(all, m => Assert.StartsWith("[Drill] ", m.Subject, StringComparison.Ordinal));
        var ana = all.Where(m => m.To == "ana@acme.test").Select(m => m.Subject).ToArray();
        Assert.Equal(
            ["Investigating", "Identified", "Resolved"],
            ana.Where(s => s.StartsWith("[Drill] [Acme Cloud (drill)] ", StringComparison.Ordinal)).Select(s => s.Split(' ')[4].TrimEnd(':')));
        Assert.Equal(4, ana.Count(s => s.StartsWith("[Drill] T+", StringComparison.Ordinal)));
        Assert.Contains("[Drill] Playbook step 1 overdue: Card payments failing in the EU", ana); // the checklist's nudges reach the participants too
    }

    [Fact]
    public async Task A_drill_is_refused_with_a_reason_for_an_unknown_script_or_a_bad_participant_and_nothing_is_started()
    {
        await using var host = await RunnerHost.StartAsync();
        var unknown = await host.Client.PostAsync(RunnerHost.Api("drills"), new StringContent($$"""{"script":"nope","participants":{{Participants}}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("payment-failure", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await host.Client.PostAsync(RunnerHost.Api("drills"), new StringContent("""{"script":"payment-failure","participants":[{"name":"Ana","email":"not an address"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var none = await host.Client.PostAsync(RunnerHost.Api("drills"), new StringContent("""{"script":"payment-failure","participants":[]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Empty((await host.GetJsonAsync(RunnerHost.Api("drills")))!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("api/v1/pages/drill-0123456789abcdef/incidents")).StatusCode);
        Assert.Empty(host.Mails());
    }

    private static string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
