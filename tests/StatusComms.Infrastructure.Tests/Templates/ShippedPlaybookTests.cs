using StatusComms.Infrastructure.Templates;
using StatusComms.Playbooks;

namespace StatusComms.Infrastructure.Tests.Templates;

/// <summary>The playbooks StatusComms ships (templates/playbooks) load, cover the scenarios a team needs, and keep the steps the law and customers expect.</summary>
public sealed class ShippedPlaybookTests
{
    private static readonly RazorLightMessageRenderer Messages = new(Path.Combine(AppContext.BaseDirectory, "templates"));
    private static readonly PlaybookLibrary Library = PlaybookFolder.Load(Path.Combine(AppContext.BaseDirectory, "templates", "playbooks"), id => Messages.TemplateIds.Contains(id));

    [Fact]
    public void Every_scenario_has_a_playbook_whose_first_public_update_is_due_early_in_its_own_words()
    {
        Assert.Equal(
            ["degraded-performance", "failed-release", "payment-failure", "personal-data-exposure", "region-outage", "security-breach", "third-party-outage"],
            Library.All.Select(p => p.Id).Order(StringComparer.Ordinal));
        foreach (var playbook in Library.All)
        {
            var first = playbook.Steps.First(s => s.Message is not null);
            Assert.Equal(PlaybookRole.CommsLead, first.Owner);
            Assert.Equal($"{playbook.MessageKind}/investigating", first.Message);
            Assert.True(first.Deadline is { } d && d <= TimeSpan.FromHours(24), $"{playbook.Id}: the first public update has a deadline");
            Assert.Contains(PlaybookRole.IncidentCommander, playbook.Roles);
            Assert.All(playbook.Steps.Where(s => s.Message is not null), s => Assert.StartsWith(playbook.MessageKind + "/", s.Message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_playbook_has_a_drill_script_that_opens_at_T0_and_leaves_time_for_its_first_update()
    {
        var drills = DrillFolder.Load(Path.Combine(AppContext.BaseDirectory, "templates", "drills"), id => Library.Find(id) is not null);

        Assert.Equal(Library.All.Select(p => p.Id).Order(StringComparer.Ordinal), drills.All.Select(d => d.PlaybookId).Order(StringComparer.Ordinal));
        foreach (var script in drills.All)
        {
            Assert.Equal(TimeSpan.Zero, script.Injects[0].At);
            Assert.True(script.Injects.Count >= 4, $"{script.Id}: a drill has something happen after the start");
            Assert.True(StatusComms.Drills.DrillReport.FirstUpdateDeadline(Library.Find(script.PlaybookId)) < script.Length, $"{script.Id}: the first update is due within the drill");
        }
    }

    [Fact]
    public void A_breach_notifies_the_authorities_and_law_enforcement_and_an_exposure_keeps_the_regulators_72_hours()
    {
        var breach = Library.Find("security-breach")!;
        var exposure = Library.Find("personal-data-exposure")!;

        var authorities = Assert.Single(breach.Steps, s => s.Title.Contains("authorities", StringComparison.Ordinal));
        Assert.Equal(PlaybookRole.LegalPrivacy, authorities.Owner);
        Assert.Contains("law enforcement", authorities.Title, StringComparison.Ordinal);
        var regulator = Assert.Single(exposure.Steps, s => s.Title.Contains("regulator", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromHours(72), regulator.Deadline);
        Assert.Contains("72 hours", string.Join(' ', regulator.Actions), StringComparison.Ordinal);
        Assert.Contains(exposure.Steps, s => s.Title == "Tell the people affected" && s.Owner == PlaybookRole.CommsLead);
    }
}
