using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StatusComms.Functions.Tests.EndToEnd;
using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Site.Tests.Console;

/// <summary>
/// A comms lead runs an incident's communication from the console in Chromium: signs in, adds a component, opens an
/// incident from a pre-written message, sees a finding appear for a vague sentence and fixes it, posts every stage to
/// resolved; the public page and the subscriber's mail follow. Also with JavaScript off, and the refusals.
/// </summary>
// In the published site's collection: never beside Lighthouse, which measures how busy the two cores are.
[Collection(PublishedSiteCollection.Name)]
public sealed partial class ConsoleFlowTests(ConsoleHost console) : IClassFixture<ConsoleHost>
{
    /// <summary>What a comms lead types into each blank a pre-written message leaves.</summary>
    private static readonly Dictionary<string, string> Blanks = new(StringComparer.Ordinal)
    {
        ["symptom"] = "card payments declined with error 503",
        ["share"] = "all customers paying by card in the EU",
        ["workaround"] = "customers can pay by bank transfer",
        ["cause"] = "a configuration change removed the route to our EU card processor",
        ["fix"] = "we rolled the change back at 10:20 UTC",
        ["region"] = "the EU region (Frankfurt)",
        ["provider"] = "our card processor",
        ["prevention"] = "configuration changes to payment routes now need a second reviewer",
    };

    private const string FlowSubscriber = "subscriber@example.com";

    private RunnerHost Host => console.Host;

    [Fact]
    public async Task A_comms_lead_runs_an_incident_from_investigating_to_resolved_and_customers_and_subscribers_follow()
    {
        await SubscribeConfirmedAsync(FlowSubscriber);
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page);
        Assert.Contains(ConsoleHost.Lead, await page.Locator("header.top").InnerTextAsync(), StringComparison.Ordinal);

        // Components first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Components" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Card payments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add component" }).ClickAsync();
        Assert.Contains("Added Card payments.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Description of Card payments").FillAsync("Paying by card at checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save Card payments" }).ClickAsync();
        Assert.Contains("Saved Card payments.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Paying by card at checkout", await page.Locator("#main table").InnerTextAsync(), StringComparison.Ordinal);

        // A new incident from the outage/investigating message.
        await page.GetByRole(AriaRole.Link, new() { Name = "New incident" }).ClickAsync();
        await page.GetByLabel("Incident title").FillAsync("Card payments failing in the EU");
        await page.GetByLabel(CardPayments()).SelectOptionAsync("major_outage");
        await page.GetByLabel("Message", new() { Exact = true }).SelectOptionAsync("outage/investigating");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this message" }).ClickAsync();
        await FillBlanksAsync(page);
        await WaitForVerdictAsync(page, "No findings");

        // A vague sentence gets a finding as it is typed, with the words marked; taking it out clears it.
        var body = page.GetByLabel("Message to customers");
        var good = await body.InputValueAsync();
        await body.FillAsync(good + " We are experiencing technical difficulties.");
        await page.Locator("#live .finding[data-rule^='vague']").WaitForAsync();
        Assert.Contains("technical difficulties", await page.Locator("#live mark").AllInnerTextsAsync() is var marks ? string.Join(' ', marks) : string.Empty, StringComparison.Ordinal);
        await body.FillAsync(good);
        await WaitForVerdictAsync(page, "No findings");

        // The preview is the incident page as the site renders it, and the mail as subscribers get it.
        var preview = page.FrameLocator("iframe.preview");
        Assert.Equal("Card payments failing in the EU", (await preview.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("[Acme Cloud] Investigating: Card payments failing in the EU", await page.Locator("#mail-subject").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/incidents/[a-z0-9]+\\?posted=1$"));
        var id = IncidentId().Match(page.Url).Groups[1].Value;
        Assert.Contains("by Ada Lovelace", await page.Locator(".timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("card payments declined with error 503", await PublicPageAsync(id), StringComparison.Ordinal);

        // Identified, monitoring, resolved: each from its message, each on the public page.
        foreach (var stage in (string[])["identified", "monitoring", "resolved"])
        {
            await page.GetByRole(AriaRole.Link, new() { Name = stage == "resolved" ? "Resolve" : "Post the next update" }).ClickAsync();
            await page.Locator($"input[name=stage][value={stage}]").CheckAsync();
            await page.GetByLabel("Message", new() { Exact = true }).SelectOptionAsync($"outage/{stage}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this message" }).ClickAsync();
            await FillBlanksAsync(page);
            if (stage == "resolved")
            {
                await page.GetByLabel(CardPayments()).SelectOptionAsync("operational");
            }

            await WaitForVerdictAsync(page, "No findings");
            var words = await page.GetByLabel("Message to customers").InputValueAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }).ClickAsync();
            await page.WaitForURLAsync(new Regex($"/console/incidents/{id}\\?posted=1$"));
            Assert.Contains(words.Split('\n')[0], await PublicPageAsync(id), StringComparison.Ordinal);
        }

        Assert.Contains("Resolved", await page.Locator("main .meta").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator(".timeline > li").CountAsync());

        // Every stage reached the subscriber's mailbox (the pickup folder), and the console shows it sent.
        var subjects = await MailSubjectsAsync("Investigating: Card payments failing in the EU", "Resolved: Card payments failing in the EU");
        Assert.Contains("[Acme Cloud] Investigating: Card payments failing in the EU", subjects);
        Assert.Contains("[Acme Cloud] Resolved: Card payments failing in the EU", subjects);
        await page.ReloadAsync();
        Assert.Matches(@"[1-9]\d* sent, 0 batch\(es\) pending, 0 problem\(s\)", await page.Locator(".timeline .delivery").First.InnerTextAsync());

        // The postmortem: written (a blameful root cause is flagged beside its field), reviewed, made final and
        // published; customers read it on the status page and the subscriber is told.
        await page.GetByRole(AriaRole.Link, new() { Name = "The postmortem" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the postmortem" }).ClickAsync();
        Assert.Contains("Started the postmortem", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#root_cause-findings .finding.error").CountAsync()); // empty, said beside it
        await page.GetByLabel("What happened (summary)").FillAsync("For 20 minutes on 2 December, card payments in the EU were declined with error 503. They work again.");
        await page.GetByLabel("Why it happened (root cause)").FillAsync("It was caused by a human error in a configuration change.");
        await page.GetByLabel("Apology").FillAsync("We're sorry: card payments in the EU failed, and some of you lost sales.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the document" }).ClickAsync();
        Assert.Contains("Saved.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("blame", await page.Locator("#root_cause-findings .finding.error").GetAttributeAsync("data-rule"));
        await page.GetByLabel("Why it happened (root cause)").FillAsync("A configuration change removed the route to our EU card processor, and nothing checked that payments still had a route.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the document" }).ClickAsync();
        Assert.Equal(0, await page.Locator("#root_cause-findings .finding").CountAsync());

        await page.GetByLabel("What will be done", new() { Exact = true }).FillAsync("Check on every configuration change that each payment method still has a route");
        await page.GetByLabel("Owner", new() { Exact = true }).FillAsync("Grace Hopper");
        await page.GetByLabel("Due", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the action item" }).ClickAsync();
        Assert.Contains("Added the action item.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".finding.error").CountAsync());
        var summary = page.FrameLocator("iframe.preview");
        Assert.Contains("nothing checked that payments still had a route", await summary.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make final" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish to customers" }).ClickAsync();
        Assert.Contains("Published", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace published the customer summary", await page.Locator(".revisions").InnerTextAsync(), StringComparison.Ordinal);
        var published = WebUtility.HtmlDecode(await Host.SiteAsync($"postmortems/{id}.html")) ?? string.Empty;
        Assert.Contains("nothing checked that payments still had a route", published, StringComparison.Ordinal);
        Assert.Contains("Check on every configuration change", published, StringComparison.Ordinal);
        Assert.Contains(await MailSubjectsAsync("Postmortem"), s => s.Contains("Postmortem", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_keyboard_only_a_comms_lead_signs_in_opens_an_incident_from_a_message_posts_it_and_resolves_it()
    {
        await Host.CreateComponentAsync("Keyboard search");
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/");
        var keys = page.Keyboard;

        await TabToAsync(page, page.GetByLabel("Your name"));
        await keys.TypeAsync("Kay Board");
        await TabToAsync(page, page.GetByLabel("API key"));
        await keys.TypeAsync(RunnerHost.ApiKey);
        await PressForNewPageAsync(page, "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "New incident" }));
        await PressForNewPageAsync(page, "Enter");
        await page.WaitForURLAsync(new Regex("/console/incidents/new$"));
        await TabToAsync(page, page.GetByLabel("Incident title"));
        await keys.TypeAsync("Search results missing for some customers");
        await TabToAsync(page, page.GetByLabel(new Regex("^Keyboard search")));
        await keys.TypeAsync("Major");
        Assert.Equal("major_outage", await page.GetByLabel(new Regex("^Keyboard search")).InputValueAsync());
        await UseMessageByKeyboardAsync(page, "outage/investigating");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }));
        await PressForNewPageAsync(page, "Enter");
        await page.WaitForURLAsync(new Regex("/console/incidents/[a-z0-9]+\\?posted=1$"));
        Assert.Contains("by Kay Board", await page.Locator(".timeline").InnerTextAsync(), StringComparison.Ordinal);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Resolve" }));
        await PressForNewPageAsync(page, "Enter");
        await page.WaitForURLAsync(new Regex("stage=resolved$"));
        await UseMessageByKeyboardAsync(page, "outage/resolved");
        Assert.Equal("operational", await page.GetByLabel(new Regex("^Keyboard search")).InputValueAsync());
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }));
        await PressForNewPageAsync(page, "Enter");
        await page.WaitForURLAsync(new Regex("\\?posted=1$"));
        Assert.Contains("Resolved", await page.Locator("main .meta").First.InnerTextAsync(), StringComparison.Ordinal);
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "The postmortem" }));
        await PressForNewPageAsync(page, "Enter");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start the postmortem" }));
        await PressForNewPageAsync(page, "Enter");
        await page.Locator("[role=status]", new() { HasTextString = "Started the postmortem" }).WaitForAsync();
    }

    [Fact]
    public async Task On_the_subscribers_screen_the_comms_lead_imports_addresses_and_sends_a_given_up_delivery_again()
    {
        var component = (string)(await Host.CreateComponentAsync("Import checkout"))["id"]!;
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, "/console/subscribers");

        // Import: the valid addresses are sent a confirmation, the invalid one stays in the box to correct.
        await page.GetByLabel("Addresses, one per line").FillAsync("imported-one@example.com\nnot an address\nimported-two@example.com");
        await page.Locator($"input[name=component][value='{component}']").CheckAsync();
        var imported = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Import and send confirmations" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, imported.Status);
        Assert.Contains("2 confirmation mail(s) sent", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("not an address", await page.GetByLabel("Addresses, one per line").InputValueAsync());
        Assert.Contains("Waiting for confirmation", await page.Locator(".counts").InnerTextAsync(), StringComparison.Ordinal);
        await MailToAsync("imported-two@example.com");

        // A batch the provider refused for good is listed; "Send again" queues it, and the subscriber gets the mail.
        var email = "given-up@example.com";
        var subscriberId = await SubscribeConfirmedAsync(email);
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "Checkout errors",
            body = "About 10% of checkouts fail with error 500 since 11:20 UTC. Retrying works. We are sorry.",
            components = new Dictionary<string, string> { [component] = "partial_outage" },
            next_update_at = RunnerHost.Soon(),
            deliver_notifications = false,
            candor_override_reason = "fixture",
        });
        var key = new NotificationRef(NotificationKind.Incident, (string)created["id"]!, (string)created["incident_updates"]![0]!["id"]!).Key;
        var ledger = Host.Services.GetRequiredService<IDeliveryLedger>();
        await ledger.AddBatchAsync(key, new DeliveryBatch(0, [subscriberId], [], subscriberId), CancellationToken.None);
        await ledger.CompletePlanAsync(key, 1, CancellationToken.None);
        var claim = new DeliveryRecord("b00000", DeliveryState.Claimed, 1, "attempt-1", DateTimeOffset.UtcNow, Recipients: 1);
        Assert.True(await ledger.TryClaimAsync(key, claim, null, CancellationToken.None));
        await ledger.RecordAsync(key, claim with { State = DeliveryState.Failed, FinishedAt = DateTimeOffset.UtcNow, StatusCode = 400, Reason = "refused by the provider (test)" }, CancellationToken.None);

        await page.GotoAsync("/console/subscribers");
        var row = page.Locator("tr", new() { HasTextString = "refused by the provider (test)" });
        Assert.Contains("Checkout errors", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send again") }).ClickAsync();
        Assert.Contains("Queued attempt 2 of b00000.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("[Acme Cloud] Investigating: Checkout errors", Eml.Parse(await MailToAsync(email)).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_javascript_off_the_comms_lead_checks_previews_and_posts_with_plain_forms()
    {
        await using var context = await console.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, "/console/incidents/new");
        Assert.EndsWith("/console/incidents/new", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Incident title").FillAsync("Sign-in failing for some customers");
        await page.GetByLabel("Message to customers").FillAsync("We are experiencing technical difficulties.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and preview" }).ClickAsync();
        Assert.True(await page.Locator("#live .finding.error").CountAsync() > 0);

        // Posting with errors and no reason is refused, and the draft is kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }).ClickAsync();
        Assert.Contains("Not posted", await page.Locator("#problems").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("We are experiencing technical difficulties.", await page.GetByLabel("Message to customers").InputValueAsync());

        var next = DateTimeOffset.UtcNow.AddMinutes(30);
        await page.GetByLabel("Message to customers").FillAsync($"Since 10:05 UTC about 20% of customers cannot sign in: they see 'session expired' right after entering their password. We are sorry. Signing in again usually works. Next update by {next:HH:mm} UTC.");
        await page.GetByLabel("Next update by (UTC)").FillAsync(next.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and preview" }).ClickAsync();
        Assert.Equal(0, await page.Locator("#live .finding.error").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }).ClickAsync();
        Assert.Matches("/console/incidents/[a-z0-9]+\\?posted=1$", page.Url);
        Assert.Contains("Posted", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_started_before_someone_elses_update_is_not_posted_over_it_and_keeps_its_text()
    {
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "Slow dashboard",
            body = "The dashboard takes up to 30 seconds to load for about half of customers. We are sorry and are looking into it.",
            next_update_at = RunnerHost.Soon(),
            candor_override_reason = "fixture",
        });
        var id = (string)created["id"]!;
        await using var context = await console.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, $"/console/incidents/{id}/update");
        var mine = "Our draft: dashboards load in under 5 seconds again for most customers; we are still watching. We are sorry for the wait.";
        await page.GetByLabel("Message to customers").FillAsync(mine);
        await page.GetByLabel("Reason to post despite the check's errors (only if it found any)").FillAsync("test");

        // Meanwhile a colleague posts through the API.
        var theirs = await Host.PatchIncidentAsync(id, new { status = "identified", body = "A slow database query is the cause; we are adding an index. We are sorry.", next_update_at = RunnerHost.Soon(), candor_override_reason = "fixture" }, null);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);

        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, response.Status);
        Assert.Contains("A slow database query is the cause", await page.Locator("[role=alert]").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(mine, await page.GetByLabel("Message to customers").InputValueAsync());
        var stored = await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}"));
        Assert.Equal(2, stored!["incident_updates"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_update_edited_through_the_API_shows_on_the_timeline_with_who_edited_it_and_the_words_first_mailed()
    {
        var (created, _) = await Host.CreateIncidentAsync(new { name = "Exports failing", body = "CSV exports fial with an error for all customers since 09:10 UTC. We are investigating and will post the next update in 30 minutes." });
        var id = (string)created["id"]!;
        var edit = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}/incident_updates/{(string)created["incident_updates"]![0]!["id"]!}"), RunnerHost.Json(new { incident_update = new { body = "CSV exports fail with an error for all customers since 09:10 UTC. We are investigating and will post the next update in 30 minutes." } }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();

        await ConsoleHost.SignInAsync(page, $"/console/incidents/{id}");

        var update = page.Locator(".timeline li").First;
        Assert.StartsWith("CSV exports fail with an error", await update.Locator(".body").InnerTextAsync(), StringComparison.Ordinal);
        var edited = await update.Locator(".edited").InnerTextAsync();
        Assert.Contains("by api; no one was mailed again.", edited, StringComparison.Ordinal);
        Assert.StartsWith("CSV exports fial", await update.Locator("q.original").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comms_lead_runs_an_incident_from_a_playbook_names_the_roles_and_ticks_a_step()
    {
        // Begun 20 minutes ago (backfilled): the playbook's deadlines count from then, so its first public update (10 minutes) is overdue.
        var began = DateTimeOffset.UtcNow.AddMinutes(-20).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var (created, _) = await Host.CreateIncidentAsync(new { name = "Card payments declined in the EU", body = "About 40% of card payments in the EU are declined with error 503 since 09:10 UTC. Other regions work. Next update in 30 minutes.", started_at = began });
        var id = (string)created["id"]!;
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, $"/console/incidents/{id}");

        await page.GetByLabel("Playbook", new() { Exact = true }).SelectOptionAsync("payment-failure");
        await page.GetByLabel("comms lead", new() { Exact = true }).FillAsync("Grace Hopper");
        await page.GetByLabel("scribe", new() { Exact = true }).FillAsync("Nobody: payment-failure has no scribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the checklist" }).ClickAsync();

        Assert.Equal("The checklist is started.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal("Checklist: Payment failure", await page.Locator("#playbook-title").InnerTextAsync());
        Assert.Contains("comms lead: Grace Hopper", await page.Locator(".checklist li").Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Done: step 1" }).ClickAsync();

        Assert.Equal($"Step 1 ticked by {ConsoleHost.Lead}.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.StartsWith($"Done by {ConsoleHost.Lead} at", await page.Locator(".checklist li").First.Locator(".ticked").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Done: step 1" }).CountAsync());
        Assert.Equal("Grace Hopper", await page.GetByLabel("comms lead", new() { Exact = true }).InputValueAsync());
        var checklist = (await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}/playbook")))!;
        Assert.Equal(ConsoleHost.Lead, (string)checklist["steps"]![0]!["done_by"]!);
        Assert.Equal("done_late", (string)checklist["steps"]![0]!["state"]!);

        // The overview says which steps are overdue, and who holds them.
        await page.GotoAsync("/console/");
        var card = page.Locator("article.card", new() { HasText = "Card payments declined in the EU" });
        Assert.StartsWith("Playbook: 1 step(s) overdue: 2. Post the first public update (comms lead: Grace Hopper)", await card.Locator(".steps-overdue").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static Regex CardPayments() => new("^Card payments");

    /// <summary>Picks a pre-written message, fills its blanks and checks it, all from the keyboard.</summary>
    private static async Task UseMessageByKeyboardAsync(IPage page, string template)
    {
        var keys = page.Keyboard;
        await TabToAsync(page, page.GetByLabel("Message", new() { Exact = true }));
        await keys.TypeAsync(template);
        Assert.Equal(template, await page.GetByLabel("Message", new() { Exact = true }).InputValueAsync());
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Use this message" }));
        await PressForNewPageAsync(page, "Enter");
        foreach (var input in await page.Locator("input[data-placeholder]").AllAsync())
        {
            await TabToAsync(page, input);
            await keys.TypeAsync(Blanks[(await input.GetAttributeAsync("name"))!["f.".Length..]]);
        }

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Fill in" }));
        await PressForNewPageAsync(page, "Enter");
        await WaitForVerdictAsync(page, "No findings");
    }

    /// <summary>Presses a key that submits a form or follows a link, and waits until the next page has loaded.</summary>
    private static async Task PressForNewPageAsync(IPage page, string key)
    {
        await page.EvaluateAsync("() => { window.statuscommsOldPage = true; }");
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => window.statuscommsOldPage === undefined && document.readyState !== 'loading'");
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus: it can be reached by keyboard, in order.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 400; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}.");
    }

    /// <summary>Types into each blank the message left, then leaves the field (the script fills it into the text).</summary>
    private static async Task FillBlanksAsync(IPage page)
    {
        foreach (var input in await page.Locator("input[data-placeholder]").AllAsync())
        {
            var name = (await input.GetAttributeAsync("name"))!["f.".Length..];
            Assert.True(Blanks.ContainsKey(name), $"The test has no words for the blank '{name}'.");
            await input.FillAsync(Blanks[name]);
            await input.PressAsync("Tab");
        }

        var text = await page.GetByLabel("Message to customers").InputValueAsync();
        Assert.True(text.Length > 0 && !text.Contains("[[", StringComparison.Ordinal), $"The message still has blanks: {text}");
    }

    private static async Task WaitForVerdictAsync(IPage page, string verdict)
    {
        try
        {
            await page.Locator("#verdict", new() { HasTextString = verdict }).WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The verdict did not become '{verdict}': {await page.Locator("#live").InnerTextAsync()}");
        }
    }

    private async Task<string> PublicPageAsync(string id)
        => WebUtility.HtmlDecode(await Host.SiteAsync($"incidents/{id}.html")) ?? throw new InvalidOperationException($"incidents/{id}.html is not published");

    /// <summary>The subjects of the mails to the flow's subscriber, once one contains each of <paramref name="expected"/>
    /// (or 30 s have passed). Waited for by subject, not by count: the subscriber follows every component, so other
    /// tests' incidents in the collection mail them too.</summary>
    private async Task<IReadOnlyList<string>> MailSubjectsAsync(params string[] expected)
    {
        IReadOnlyList<string> Subjects() => Host.Mails().Where(m => m.Contains(FlowSubscriber, StringComparison.OrdinalIgnoreCase)).Select(m => Eml.Parse(m).Subject).ToArray();
        bool All(IReadOnlyList<string> subjects) => expected.All(e => subjects.Any(s => s.Contains(e, StringComparison.Ordinal)));
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(30); !All(Subjects()) && DateTimeOffset.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }

        return Subjects();
    }

    private async Task<string> SubscribeConfirmedAsync(string email)
    {
        var store = Host.Services.GetRequiredService<ISubscriberStore>();
        var tokens = Host.Services.GetRequiredService<SubscriptionTokens>();
        var subscriber = Subscriber.ForEmail(tokens.SubscriberId(email), email, [], DateTimeOffset.UtcNow);
        subscriber.Confirm(DateTimeOffset.UtcNow);
        Assert.True(await store.TryAddAsync(subscriber, CancellationToken.None));
        return subscriber.Id;
    }

    /// <summary>The first mail in the pickup folder addressed to <paramref name="email"/>, waited for.</summary>
    private async Task<string> MailToAsync(string email)
    {
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(30); DateTimeOffset.UtcNow < deadline; await Task.Delay(100))
        {
            if (Host.Mails().FirstOrDefault(m => m.Contains(email, StringComparison.OrdinalIgnoreCase)) is { } mail)
            {
                return mail;
            }
        }

        throw new TimeoutException($"No mail to {email} arrived.");
    }

    [GeneratedRegex("/console/incidents/([a-z0-9]+)")]
    private static partial Regex IncidentId();
}
