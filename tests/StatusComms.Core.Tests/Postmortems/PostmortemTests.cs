using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Postmortems;

namespace StatusComms.Core.Tests.Postmortems;

public sealed class PostmortemTests
{
    private static readonly DateTimeOffset Start = Given.Now;

    [Fact]
    public void Impact_counts_each_components_time_in_each_status_from_the_start_of_the_incident()
    {
        var incident = Replayed();

        var impact = ImpactAnalysis.Compute(incident, subscribersNotified: 12);

        Assert.Equal(Start.AddMinutes(-10), impact.StartedAt); // started before the first post
        Assert.Equal(TimeSpan.FromMinutes(10), impact.TimeToFirstUpdate);
        Assert.Equal(Start.AddMinutes(30), impact.MitigatedAt);
        Assert.Equal(TimeSpan.FromMinutes(50), impact.Duration);
        var api = Assert.Single(impact.Components);
        Assert.Equal([new StatusTime(ComponentStatus.MajorOutage, TimeSpan.FromMinutes(25)), new StatusTime(ComponentStatus.PartialOutage, TimeSpan.FromMinutes(15))], api.Times);
        Assert.Equal(12, impact.SubscribersNotified);
    }

    [Fact]
    public void The_timeline_has_every_update_and_component_change_in_order_with_the_teams_entries()
    {
        var incident = Replayed();
        var content = new PostmortemContent { Title = "t", TimelineEntries = [new TeamTimelineEntry("e1", Start.AddMinutes(-5), "Alert fired", Public: false)], HiddenComputedEntries = [$"c{incident.Updates[1].Id}-api"] };

        var timeline = PostmortemTimeline.Build(incident, content);

        Assert.Equal(["Team", "Update", "ComponentChange", "Update", "ComponentChange", "Update", "ComponentChange", "Update"], timeline.Select(e => e.Source.ToString()));
        Assert.False(timeline[0].Public);
        Assert.False(timeline[4].Public); // hidden by the team
        Assert.Equal("API: Major outage → Partial outage", timeline[4].Text);
        Assert.Equal(timeline.Select(e => e.At).Order(), timeline.Select(e => e.At));
    }

    [Fact]
    public void A_postmortem_goes_through_review_before_it_is_final_and_keeps_every_change()
    {
        var postmortem = Postmortem.Start(Replayed(), "priya", Start);
        postmortem.Edit(c => c with { RootCause = "A config change." }, "edited root cause", "sam", Start.AddMinutes(1));

        Assert.Throws<DomainRuleException>(() => postmortem.MoveTo(PostmortemStatus.Final, "sam", Start));
        Assert.Throws<DomainRuleException>(() => postmortem.MarkPublished("sam", Start));
        postmortem.MoveTo(PostmortemStatus.InReview, "sam", Start.AddMinutes(2));
        postmortem.MoveTo(PostmortemStatus.Final, "lead", Start.AddMinutes(3));
        Assert.Throws<DomainRuleException>(() => postmortem.Edit(c => c with { RootCause = "x" }, "edited", "sam", Start));
        postmortem.MarkPublished("lead", Start.AddMinutes(4));

        Assert.Equal(["started the postmortem", "edited root cause", "moved it to in_review", "moved it to final", "published the customer summary"], postmortem.Revisions.Select(r => r.Change));
        Assert.Equal(["priya", "sam", "sam", "lead", "lead"], postmortem.Revisions.Select(r => r.By));
        Assert.Equal(5, postmortem.PublishedRevision);
        Assert.Equal("A config change.", postmortem.Revisions[^1].Content.RootCause);
    }

    [Fact]
    public void An_open_incident_has_no_postmortem_yet()
    {
        var known = Given.Components(Given.Component("api", "API"));
        var open = Incident.Open("inc2", "API errors", Given.Update("API calls fail with error 500 for all customers.", IncidentStatus.Investigating, new() { ["api"] = ComponentStatus.MajorOutage }, Start.AddMinutes(30)), null, null, known, Start);

        Assert.Throws<DomainRuleException>(() => Postmortem.Start(open, "priya", Start));
    }

    [Fact]
    public void The_apology_must_name_the_impact()
    {
        var impact = ImpactAnalysis.Compute(Replayed(), 0);
        var bare = new PostmortemContent { Title = "t", ExecutiveSummary = "s", RootCause = "r", Apology = "We apologise for the inconvenience." };

        Assert.Contains(PostmortemRules.Check(bare, impact), f => f.RuleId == "postmortem-apology-impact");
        Assert.Empty(PostmortemRules.Check(bare with { Apology = "We're sorry: for 50 minutes the API failed." }, impact));
    }

    /// <summary>API down 10 minutes before the first post; identified (partial) at +15; monitoring at +30; resolved at +40.</summary>
    [Fact]
    public void An_action_item_is_edited_field_by_field_and_a_status_change_alone_says_so()
    {
        var postmortem = Postmortem.Start(Replayed(), "priya", Start);
        var item = postmortem.AddActionItem("Alert before certificates expire", "sam", new DateOnly(2026, 12, 20), ActionItemKind.LongTermPrevention, null, true, "priya", Start);

        postmortem.ChangeActionItem(item.Id, new ActionItemChange { Status = ActionItemStatus.InProgress }, "sam", Start.AddMinutes(1));
        postmortem.ChangeActionItem(item.Id, new ActionItemChange { Description = " Alert 14 days before certificates expire ", Owner = "", ClearDueDate = true, Public = false }, "sam", Start.AddMinutes(2));

        var edited = Assert.Single(postmortem.Content.ActionItems);
        Assert.Equal(new PostmortemActionItem(item.Id, "Alert 14 days before certificates expire", null, null, ActionItemKind.LongTermPrevention, ActionItemStatus.InProgress, null, false), edited);
        Assert.Equal(["marked an action item in_progress", "edited an action item"], postmortem.Revisions.Skip(2).Select(r => r.Change));
        Assert.Throws<DomainRuleException>(() => postmortem.ChangeActionItem(item.Id, new ActionItemChange { Description = "  " }, "sam", Start));
        Assert.Throws<DomainRuleException>(() => postmortem.ChangeActionItem("nope", new ActionItemChange { Status = ActionItemStatus.Done }, "sam", Start));
    }

    [Fact]
    public void The_Markdown_export_shows_what_people_typed_as_text_and_links_only_the_web()
    {
        var incident = Replayed();
        var postmortem = Postmortem.Start(incident, "priya", Start);
        postmortem.Edit(c => c with { RootCause = "<script>alert(1)</script> and [click](javascript:alert(1)) & *bold*" }, "edited root cause", "sam", Start);
        postmortem.AddActionItem("Fix it | now", "Ops", null, ActionItemKind.ImmediateFix, new Uri("javascript:alert(1)"), true, "sam", Start);
        postmortem.AddActionItem("Track it", "Ops", null, ActionItemKind.ImmediateFix, new Uri("https://tracker.example.com/T-1"), true, "sam", Start);

        var md = PostmortemMarkdown.Write(incident, postmortem, ImpactAnalysis.Compute(incident, 0));

        Assert.Contains(@"\<script\>alert\(1\)\</script\> and \[click\]\(javascript:alert\(1\)\) &amp; \*bold\*", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript:", md, StringComparison.Ordinal);
        Assert.Contains(@"Fix it \| now (javascript:alert\(1\))", md, StringComparison.Ordinal);
        Assert.Contains("[Track it](<https://tracker.example.com/T-1>)", md, StringComparison.Ordinal);
    }

    private static Incident Replayed()
    {
        var known = Given.Components(Given.Component("api", "API"));
        var incident = Incident.Open("inc1", "API errors", Given.Update("API calls fail with error 500 for all customers.", IncidentStatus.Investigating, new() { ["api"] = ComponentStatus.MajorOutage }, Start.AddMinutes(30)), null, Start.AddMinutes(-10), known, Start);
        incident.PostUpdate(Given.Update("A bad deploy; rolling back. Some API calls still fail.", IncidentStatus.Identified, new() { ["api"] = ComponentStatus.PartialOutage }, Start.AddMinutes(45)), known, Start.AddMinutes(15));
        incident.PostUpdate(Given.Update("Rolled back; API calls succeed again.", IncidentStatus.Monitoring, new() { ["api"] = ComponentStatus.Operational }, Start.AddMinutes(60)), known, Start.AddMinutes(30));
        incident.PostUpdate(Given.Update("Resolved. We're sorry: for 50 minutes API calls failed.", IncidentStatus.Resolved), known, Start.AddMinutes(40));
        return incident;
    }
}
