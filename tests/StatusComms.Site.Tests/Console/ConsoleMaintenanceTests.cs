using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StatusComms.Functions.Tests.EndToEnd;

namespace StatusComms.Site.Tests.Console;

/// <summary>
/// A comms lead runs planned work's communication from the console in Chromium: schedules it from the announced
/// message (a vague sentence gets a finding, taking it out clears it), customers see it on the status page, then
/// starts, extends and completes it, each from its pre-written message. Scheduling with JavaScript off, and the
/// refusals: a window that ends before it starts, and an update on a maintenance cancelled meanwhile (422, the
/// reason shown, the text kept); an update written before someone else's (409, nothing overwritten).
/// </summary>
// In the published site's collection: never beside Lighthouse, which measures how busy the two cores are.
[Collection(PublishedSiteCollection.Name)]
public sealed partial class ConsoleMaintenanceTests(ConsoleHost console) : IClassFixture<ConsoleHost>
{
    private const string Change = "the dashboard is read-only and saving a report fails with error 503";
    private const string Workaround = "export the reports you need before the window starts";

    private RunnerHost Host => console.Host;

    [Fact]
    public async Task A_comms_lead_schedules_starts_extends_and_completes_maintenance_and_customers_follow()
    {
        await Host.CreateComponentAsync("Reporting");
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Maintenance" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule maintenance" }).ClickAsync();
        Assert.EndsWith("/console/maintenance/new", page.Url, StringComparison.Ordinal);

        // The form starts from the announced message; with the window and the component set, it is written again for them.
        Assert.StartsWith("From ", await page.GetByLabel("Message to customers").InputValueAsync(), StringComparison.Ordinal);
        var (start, end) = Window();
        await page.GetByLabel("Maintenance name").FillAsync("Reporting database upgrade");
        await page.GetByLabel("Starts (UTC)").FillAsync(Local(start));
        await page.GetByLabel("Ends (UTC)").FillAsync(Local(end));
        await page.GetByLabel("Reporting", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the announced message" }).ClickAsync();
        await page.GetByLabel("change").FillAsync(Change);
        await page.GetByLabel("change").PressAsync("Tab");
        await page.GetByLabel("workaround").FillAsync(Workaround);
        await page.GetByLabel("workaround").PressAsync("Tab");
        var body = page.GetByLabel("Message to customers");
        var good = await body.InputValueAsync();
        Assert.Contains($"we will carry out planned work on Reporting. During this time, {Change}.", good, StringComparison.Ordinal);
        Assert.DoesNotContain("[[", good, StringComparison.Ordinal);
        await WaitForCleanVerdictAsync(page);

        // A vague sentence gets a finding as it is typed, with the words marked; taking it out clears it.
        await body.FillAsync(good + " We may have technical difficulties.");
        await page.Locator("#live .finding[data-rule^='vague']").WaitForAsync();
        Assert.Contains("technical difficulties", string.Join(' ', await page.Locator("#live mark").AllInnerTextsAsync()), StringComparison.Ordinal);
        await body.FillAsync(good);
        await page.Locator("#live .finding[data-rule^='vague']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await WaitForCleanVerdictAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule and announce" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/maintenance/[a-z0-9]+\\?done="));
        var id = MaintenanceId().Match(page.Url).Groups[1].Value;
        Assert.Contains("Scheduled", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Scheduled", await page.Locator("#stage").InnerTextAsync());
        Assert.Contains(good.Split('.')[0], await PublicCardAsync(id), StringComparison.Ordinal);

        // The list and the Now screen link to it.
        await page.GotoAsync("/console/maintenance");
        Assert.Contains("Reporting database upgrade", await page.Locator("#upcoming-h + table").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/console/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reporting database upgrade" }).ClickAsync();
        Assert.EndsWith($"/console/maintenance/{id}", page.Url, StringComparison.Ordinal);

        // Started: from its message, the blank filled in, checked, posted.
        var started = page.Locator("#action-start");
        await started.GetByLabel("change").FillAsync(Change);
        await started.GetByRole(AriaRole.Button, new() { Name = "Fill in" }).ClickAsync();
        started = page.Locator("#action-start");
        Assert.Contains("No findings", await started.Locator(".verdict").InnerTextAsync(), StringComparison.Ordinal);
        var startedText = await started.GetByLabel("Message to customers").InputValueAsync();
        Assert.StartsWith("Planned work on Reporting has started.", startedText, StringComparison.Ordinal);
        await started.GetByRole(AriaRole.Button, new() { Name = "Post: the work has started" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/maintenance/{id}\\?done="));
        Assert.Equal("In progress", await page.Locator("#stage").InnerTextAsync());
        Assert.Contains(startedText.Split('.')[0], await PublicCardAsync(id), StringComparison.Ordinal);

        // Extended by an hour: the new end is proposed, the message says both ends.
        var extend = page.Locator("#action-extend");
        Assert.Equal(Local(end.AddHours(1)), await extend.GetByLabel("New end (UTC)").InputValueAsync());
        await extend.GetByLabel("change").FillAsync(Change);
        await extend.GetByRole(AriaRole.Button, new() { Name = "Fill in" }).ClickAsync();
        extend = page.Locator("#action-extend");
        var extendedText = await extend.GetByLabel("Message to customers").InputValueAsync();
        Assert.Contains($"It will now end by {end.AddHours(1):HH:mm} UTC instead of {end:HH:mm} UTC.", extendedText, StringComparison.Ordinal);
        await extend.GetByRole(AriaRole.Button, new() { Name = "Post: extend the window" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/maintenance/{id}\\?done="));
        Assert.Contains(Iso(end.AddHours(1)), await page.Locator("main .meta time").Nth(1).GetAttributeAsync("datetime"), StringComparison.Ordinal);
        Assert.Contains(Iso(end.AddHours(1)), await PublicCardAsync(id), StringComparison.Ordinal);

        // Completed: its message needs no blank.
        var complete = page.Locator("#action-complete");
        await complete.GetByRole(AriaRole.Button, new() { Name = "Post: the work is complete" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/maintenance/{id}\\?done="));
        Assert.Equal("Completed", await page.Locator("#stage").InnerTextAsync());
        Assert.Equal(0, await page.Locator("section.action").CountAsync());
        Assert.Equal(4, await page.Locator(".timeline > li").CountAsync());
        Assert.Equal(4, await page.Locator(".timeline .author", new() { HasTextString = ConsoleHost.Lead }).CountAsync());
        Assert.DoesNotContain($"maintenance-{id}", await Host.SiteAsync("/index.html"), StringComparison.Ordinal);
        await page.GotoAsync("/console/maintenance");
        Assert.Contains("Reporting database upgrade", await page.Locator("#recent-h + table").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_javascript_off_a_window_ending_before_it_starts_is_refused_with_the_draft_kept_then_scheduled()
    {
        await Host.CreateComponentAsync("Billing");
        await using var context = await console.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, "/console/maintenance/new");
        Assert.EndsWith("/console/maintenance/new", page.Url, StringComparison.Ordinal);

        var (start, end) = Window();
        await page.GetByLabel("Maintenance name").FillAsync("Billing system upgrade");
        await page.GetByLabel("Starts (UTC)").FillAsync(Local(end));
        await page.GetByLabel("Ends (UTC)").FillAsync(Local(start));
        await page.GetByLabel("Billing", new() { Exact = true }).CheckAsync();
        var mine = $"From {start:dddd d MMMM} at {start:HH:mm} UTC to {end:HH:mm} UTC we will upgrade Billing. During this time invoices cannot be downloaded. Download the invoices you need before then.";
        await page.GetByLabel("Message to customers").FillAsync(mine);
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Schedule and announce" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, response.Status);
        Assert.Contains("must end after it starts", await page.Locator("#problems").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(mine, await page.GetByLabel("Message to customers").InputValueAsync());
        Assert.Equal("Billing system upgrade", await page.GetByLabel("Maintenance name").InputValueAsync());
        Assert.True(await page.GetByLabel("Billing", new() { Exact = true }).IsCheckedAsync());

        // Fixed, written from the announced message with plain buttons, checked, scheduled.
        await page.GetByLabel("Starts (UTC)").FillAsync(Local(start));
        await page.GetByLabel("Ends (UTC)").FillAsync(Local(end));
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the announced message" }).ClickAsync();
        await page.GetByLabel("change").FillAsync("invoices cannot be downloaded");
        await page.GetByLabel("workaround").FillAsync("download the invoices you need before then");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fill in" }).ClickAsync();
        Assert.DoesNotContain("[[", await page.GetByLabel("Message to customers").InputValueAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        Assert.Equal(0, await page.Locator("#live .finding.error").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule and announce" }).ClickAsync();
        Assert.Matches("/console/maintenance/[a-z0-9]+\\?done=", page.Url);
        Assert.Equal("Scheduled", await page.Locator("#stage").InnerTextAsync());
    }

    [Fact]
    public async Task Starting_a_maintenance_cancelled_meanwhile_is_refused_with_the_reason_and_the_text_kept()
    {
        var component = (string)(await Host.CreateComponentAsync("Search"))["id"]!;
        var id = await ScheduleAsync("Search index rebuild", component);
        await using var context = await console.NewContextAsync(new() { JavaScriptEnabled = false });
        var stale = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(stale, $"/console/maintenance/{id}");

        // A colleague cancels it from the console meanwhile.
        var colleague = await context.NewPageAsync();
        await colleague.GotoAsync($"/console/maintenance/{id}");
        var cancel = colleague.Locator("#action-cancel");
        Assert.StartsWith("We have cancelled the planned work on Search", await cancel.GetByLabel("Message to customers").InputValueAsync(), StringComparison.Ordinal);
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Post: cancel the maintenance" }).ClickAsync();
        Assert.Equal("Completed", await colleague.Locator("#stage").InnerTextAsync());

        var mine = "Planned work on Search has started. Until 04:00 UTC, search results may be up to an hour old. We will post here when it ends.";
        var start = stale.Locator("#action-start");
        await start.GetByLabel("Message to customers").FillAsync(mine);
        var response = await stale.RunAndWaitForResponseAsync(() => start.GetByRole(AriaRole.Button, new() { Name = "Post: the work has started" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, response.Status);
        Assert.Contains("This maintenance is completed", await stale.Locator("#problems").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(mine, await stale.Locator("#action-start").GetByLabel("Message to customers").InputValueAsync());
        var stored = await Host.GetJsonAsync(RunnerHost.Api($"scheduled-maintenances/{id}"));
        Assert.Equal(2, stored!["incident_updates"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_update_written_before_someone_elses_is_not_posted_over_it_and_keeps_its_text()
    {
        var id = await ScheduleAsync("Backup storage migration", null);
        await using var context = await console.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, $"/console/maintenance/{id}");
        var mine = "Reminder: from 02:00 to 04:00 UTC tomorrow backups cannot be restored. Restore what you need before then.";
        await page.Locator("#action-update").GetByLabel("Message to customers").FillAsync(mine);
        await page.Locator("#action-update").GetByLabel("Reason to post despite the check's errors (only if it found any)").FillAsync("test");

        // Meanwhile a colleague posts through the API.
        using var theirs = new HttpRequestMessage(HttpMethod.Patch, RunnerHost.Api($"scheduled-maintenances/{id}"))
        {
            Content = RunnerHost.Json(new { scheduled_maintenance = new { body = "The migration now also moves backups older than 30 days; they can be restored again from 04:00 UTC.", candor_override_reason = "fixture" } }),
        };
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.SendAsync(theirs)).StatusCode);

        var update = page.Locator("#action-update");
        var response = await page.RunAndWaitForResponseAsync(() => update.GetByRole(AriaRole.Button, new() { Name = "Post the update" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, response.Status);
        Assert.Contains("Someone else posted", await page.Locator("#problems").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("older than 30 days", await page.Locator(".timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(mine, await page.Locator("#action-update").GetByLabel("Message to customers").InputValueAsync());

        // Posting again, having read theirs, goes on top.
        await page.Locator("#action-update").GetByRole(AriaRole.Button, new() { Name = "Post the update" }).ClickAsync();
        Assert.Matches($"/console/maintenance/{id}\\?done=", page.Url);
        Assert.Equal(3, await page.Locator(".timeline > li").CountAsync());
    }

    [Fact]
    public async Task An_extension_ending_before_the_window_starts_is_refused_with_the_reason()
    {
        var id = await ScheduleAsync("Mail relay replacement", null);
        await using var context = await console.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page, $"/console/maintenance/{id}");

        var extend = page.Locator("#action-extend");
        await extend.GetByLabel("New end (UTC)").FillAsync(Local(Window().Start.AddHours(-1)));
        await extend.GetByLabel("Message to customers").FillAsync("Planned work runs long: it now ends at 05:00 UTC.");
        var response = await page.RunAndWaitForResponseAsync(() => extend.GetByRole(AriaRole.Button, new() { Name = "Post: extend the window" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, response.Status);
        Assert.Contains("must end after it starts", await page.Locator("#problems").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Planned work runs long: it now ends at 05:00 UTC.", await page.Locator("#action-extend").GetByLabel("Message to customers").InputValueAsync());
        Assert.Equal(1, await page.Locator(".timeline > li").CountAsync());
    }

    /// <summary>Tomorrow, 02:00 to 04:00 UTC.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Window()
    {
        var day = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1);
        var start = new DateTimeOffset(day.AddHours(2), TimeSpan.Zero);
        return (start, start.AddHours(2));
    }

    private static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task WaitForCleanVerdictAsync(IPage page)
    {
        try
        {
            await page.Locator("#verdict.ok, #verdict.notice").WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The check still finds errors: {await page.Locator("#live").InnerTextAsync()}");
        }
    }

    /// <summary>The maintenance's card on the public front page, as customers get it.</summary>
    private async Task<string> PublicCardAsync(string id)
    {
        var html = WebUtility.HtmlDecode(await Host.SiteAsync("/index.html")) ?? throw new InvalidOperationException("index.html is not published");
        var at = html.IndexOf($"id=\"maintenance-{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"The front page does not show maintenance {id}.");
        return html[at..html.IndexOf("</article>", at, StringComparison.Ordinal)];
    }

    /// <summary>A maintenance scheduled through the management API, tomorrow from 02:00 to 04:00 UTC.</summary>
    private async Task<string> ScheduleAsync(string name, string? componentId)
    {
        var (start, end) = Window();
        var response = await Host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new
        {
            scheduled_maintenance = new
            {
                name,
                body = $"From {start:HH:mm} to {end:HH:mm} UTC tomorrow we will carry out planned work. During this time searches can be slow.",
                scheduled_for = Iso(start),
                scheduled_until = Iso(end),
                component_ids = componentId is null ? Array.Empty<string>() : [componentId],
                candor_override_reason = "fixture",
            },
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return (string)System.Text.Json.Nodes.JsonNode.Parse(text)!["id"]!;
    }

    [GeneratedRegex("/console/maintenance/([a-z0-9]+)")]
    private static partial Regex MaintenanceId();
}
