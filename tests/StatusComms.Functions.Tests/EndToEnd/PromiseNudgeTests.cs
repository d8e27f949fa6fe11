using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// The clock that keeps the promise of the next update, through the local runner on a fake clock: a promise at
/// :30 nudges the team once at :25 (by mail to the configured addresses), is overdue at :30 (a second nudge, and the
/// public page says "An update was due"), and the next update clears it.
/// </summary>
public sealed class PromiseNudgeTests
{
    [Fact]
    public async Task A_promise_nudges_once_when_near_is_shown_overdue_when_past_and_an_update_clears_it()
    {
        var clock = RunnerHost.MinuteClock();
        var due = clock.GetUtcNow().AddMinutes(30);
        await using var host = await RunnerHost.StartAsync(s => s.AddSingleton<TimeProvider>(clock), "--StatusComms:Nudges:Emails=comms@acme.test, oncall@acme.test");
        var (created, _) = await host.CreateIncidentAsync(new
        {
            name = "Card payments failing in the EU",
            body = "About 40% of card payments in the EU are declined with error 503. Other regions work.",
            impact_override = "major",
            next_update_at = due.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
        var id = (string)created["id"]!;

        clock.SetUtcNow(due.AddMinutes(-6));
        await host.RunFunctionAsync("NudgePromises");
        Assert.Empty(host.Mails());

        clock.SetUtcNow(due.AddMinutes(-5));
        await host.RunFunctionAsync("NudgePromises");
        await host.RunFunctionAsync("NudgePromises"); // a second run, as the next minute's: nothing more
        var soon = (await host.MailsAsync(2)).Select(Eml.Parse).ToArray();
        Assert.Equal(2, soon.Length);
        Assert.Equal(["comms@acme.test", "oncall@acme.test"], soon.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(soon, m => Assert.Equal("Next update due in 5 minutes: Card payments failing in the EU", m.Subject));
        Assert.Contains($"https://status.acme.test/console/incidents/{id}", soon[0].Text, StringComparison.Ordinal);
        Assert.Contains("Next update by", await host.SiteAsync($"/incidents/{id}.html"), StringComparison.Ordinal);

        clock.SetUtcNow(due);
        await host.RunFunctionAsync("ReconcileSite");
        await host.RunFunctionAsync("NudgePromises");
        var page = await host.SiteAsync($"/incidents/{id}.html");
        Assert.Contains($"An update was due at <time datetime=\"{due:yyyy-MM-ddTHH:mm:ss}Z\">{due:HH:mm} UTC</time>.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Next update by", page, StringComparison.Ordinal);
        Assert.Contains("An update was due at", await host.SiteAsync("/"), StringComparison.Ordinal);
        var all = (await host.MailsAsync(4)).Select(Eml.Parse).ToArray();
        Assert.Equal(4, all.Length);
        Assert.Equal(2, all.Count(m => m.Subject == "Next update overdue: Card payments failing in the EU"));

        clock.SetUtcNow(due.AddMinutes(2));
        var posted = await host.PatchIncidentAsync(id, new
        {
            status = "identified",
            body = "A certificate on our EU card gateway expired at 09:58 UTC; we are installing a new one. We're sorry for the failed payments.",
            next_update_at = due.AddMinutes(32).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        }, ifMatch: null);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await host.RunFunctionAsync("NudgePromises");

        page = await host.SiteAsync($"/incidents/{id}.html");
        Assert.DoesNotContain("An update was due", page, StringComparison.Ordinal);
        Assert.Contains("Next update by", page, StringComparison.Ordinal);
        Assert.Equal(4, host.Mails().Count);
    }
}
