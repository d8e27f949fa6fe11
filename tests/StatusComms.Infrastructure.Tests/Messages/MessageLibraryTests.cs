using Microsoft.Extensions.Time.Testing;
using Moq;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Templates;
using StatusComms.Messages;
using Xunit.Abstractions;

namespace StatusComms.Infrastructure.Tests.Messages;

/// <summary>Every pre-written message, filled for a realistic incident, is one the candor check lets through.</summary>
public class MessageLibraryTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 9, 42, 0, TimeSpan.Zero);
    private static readonly RazorLightMessageRenderer Renderer = new(Path.Combine(AppContext.BaseDirectory, "templates"));

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["symptom"] = "error 503 when they load a page",
        ["share"] = "about 30% of API requests",
        ["region"] = "the EU region (Frankfurt)",
        ["workaround"] = "retrying a failed request usually works",
        ["cause"] = "a configuration change removed one of the routes that sends requests to our servers",
        ["fix"] = "restored the missing route",
        ["provider"] = "our payment processor",
        ["data"] = "the names and email addresses of 212 customers were visible to other users of the same workspace",
        ["customer_action"] = "tell your team members not to forward the shared report, and reset the link in Settings",
        ["authority"] = "the Irish Data Protection Commission on 25 November at 14:00 UTC",
        ["window_start"] = "Saturday 6 December at 02:00 UTC",
        ["window_end"] = "04:00 UTC",
        ["new_window_end"] = "05:00 UTC",
        ["change"] = "the dashboard is read-only and the API rejects changes with error 503",
        ["prevention"] = "adding a check that blocks any configuration change that removes a route, by 15 December",
    };

    public static TheoryData<string> Templates => new(Renderer.TemplateIds);

    [Fact]
    public void The_library_covers_every_stage_of_every_kind_of_event()
    {
        foreach (var kind in new[] { "outage", "degraded", "regional", "security", "third-party" })
        {
            foreach (var stage in new[] { "investigating", "identified", "monitoring", "resolved", "postmortem" })
            {
                Assert.Contains($"{kind}/{stage}", Renderer.TemplateIds);
            }
        }

        foreach (var stage in new[] { "announced", "started", "extended", "completed", "cancelled" })
        {
            Assert.Contains($"maintenance/{stage}", Renderer.TemplateIds);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task A_filled_template_passes_its_own_candor_check(string templateId)
    {
        var (library, incident, known) = Setup(templateId);

        var draft = await library.DraftAsync(incident, known, templateId, Fields, CancellationToken.None);

        output.WriteLine(draft.Body);
        Assert.Empty(draft.Placeholders);
        Assert.DoesNotContain(draft.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Contains("API", draft.Body, StringComparison.Ordinal);
        if (templateId.EndsWith("/resolved", StringComparison.Ordinal) || templateId.EndsWith("/postmortem", StringComparison.Ordinal))
        {
            Assert.Contains("sorry", draft.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("inconvenience", draft.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("outage/investigating")]
    [InlineData("security/identified")]
    public async Task What_the_incident_cannot_fill_stays_a_named_placeholder_that_blocks_publishing(string templateId)
    {
        var (library, incident, known) = Setup(templateId);

        var draft = await library.DraftAsync(incident, known, templateId, new Dictionary<string, string>(), CancellationToken.None);

        Assert.NotEmpty(draft.Placeholders);
        Assert.All(draft.Placeholders, p => Assert.Contains($"[[{p}]]", draft.Body, StringComparison.Ordinal));
        Assert.Contains(draft.Findings, f => f.RuleId == "placeholder-unfilled" && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public async Task The_incident_fills_components_times_and_the_next_update()
    {
        var (library, incident, known) = Setup("outage/investigating");

        var draft = await library.DraftAsync(incident, known, "outage/investigating", Fields, CancellationToken.None);

        Assert.StartsWith("Since 09:42 UTC, API and Dashboard are down", draft.Body, StringComparison.Ordinal);
        Assert.Contains("Next update by 10:30 UTC.", draft.Body, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero), draft.NextUpdateAt);
    }

    [Theory]
    [InlineData("maintenance/announced")]
    [InlineData("maintenance/started")]
    [InlineData("maintenance/extended")]
    [InlineData("maintenance/completed")]
    [InlineData("maintenance/cancelled")]
    [InlineData("maintenance/reminder")]
    [InlineData("maintenance/window-opened")]
    public async Task A_maintenance_fills_its_components_and_window_and_a_filled_message_passes_the_check(string templateId)
    {
        var (library, _, known) = Setup(templateId);
        var maintenance = Maintenance.ScheduledMaintenance.Schedule(
            "mnt1", "Database upgrade", "(draft)", new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero), new(2026, 12, 5, 4, 0, 0, TimeSpan.Zero), ["api", "dash"], true, known, "lead", Started);
        var fields = new Dictionary<string, string>
        {
            ["change"] = Fields["change"],
            ["workaround"] = "plan changes before 02:00 UTC or after 04:00 UTC",
            ["new_window_end"] = "05:00 UTC",
        };

        var draft = await library.DraftMaintenanceAsync(maintenance, known, templateId, fields, CancellationToken.None);

        output.WriteLine(draft.Body);
        Assert.Empty(draft.Placeholders);
        Assert.DoesNotContain(draft.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Contains("API and Dashboard", draft.Body, StringComparison.Ordinal);
        if (templateId is "maintenance/reminder" or "maintenance/window-opened" or "maintenance/completed")
        {
            // Posted by the schedule, with no fields: nothing is left for a person to fill.
            Assert.Empty((await library.DraftMaintenanceAsync(maintenance, known, templateId, new Dictionary<string, string>(), CancellationToken.None)).Placeholders);
        }

        if (templateId == "maintenance/announced")
        {
            Assert.StartsWith("From Saturday 5 December at 02:00 UTC to 04:00 UTC we will carry out planned work on API and Dashboard.", draft.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_maintenance_message_is_written_for_a_maintenance_only()
    {
        var (library, _, known) = Setup("maintenance/announced");
        var maintenance = Maintenance.ScheduledMaintenance.Schedule("mnt1", "Database upgrade", "(draft)", Started.AddDays(3), Started.AddDays(3).AddHours(2), [], true, known, "lead", Started);

        await Assert.ThrowsAsync<DomainRuleException>(() => library.DraftMaintenanceAsync(maintenance, known, "outage/investigating", new Dictionary<string, string>(), CancellationToken.None));
    }

    private static (MessageLibrary Library, Incident Incident, IReadOnlyDictionary<string, Component> Known) Setup(string templateId)
    {
        var now = Started.AddMinutes(18);
        var clock = new FakeTimeProvider(now);
        Component api = new() { Id = "api", Name = "API", CreatedAt = Started, UpdatedAt = Started };
        Component dashboard = new() { Id = "dash", Name = "Dashboard", CreatedAt = Started, UpdatedAt = Started };
        var known = new Dictionary<string, Component> { ["api"] = api, ["dash"] = dashboard };
        var incident = Incident.Open(
            "inc1",
            "API and Dashboard unavailable in the EU region",
            new IncidentCommand { Status = IncidentStatus.Investigating, Body = "first", Components = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.MajorOutage, ["dash"] = ComponentStatus.MajorOutage }, Author = "lead" },
            null,
            null,
            known,
            Started);
        if (templateId.EndsWith("/resolved", StringComparison.Ordinal) || templateId.EndsWith("/postmortem", StringComparison.Ordinal))
        {
            incident.PostUpdate(new IncidentCommand { Status = IncidentStatus.Resolved, Body = "resolved", Author = "lead" }, known, Started.AddMinutes(52));
        }

        // The library reads incidents and components through its ports only in the by-id overload; isolate them.
        var library = new MessageLibrary(Renderer, Mock.Of<IIncidentStore>(), Mock.Of<IComponentStore>(), new CandorCheck(new CandorOptions()), new CandorOptions(), clock);
        return (library, incident, known);
    }
}
