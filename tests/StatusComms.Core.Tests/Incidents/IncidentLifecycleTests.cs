using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Core.Tests.Incidents;

public class IncidentLifecycleTests
{
    private static readonly IReadOnlyDictionary<string, Component> Known = Given.Components(
        Given.Component("api", "API"),
        Given.Component("eu", "Europe"),
        Given.Component("platform", "Platform", isGroup: true));

    [Fact]
    public void Components_named_without_a_status_join_at_the_status_they_have_and_change_nothing()
    {
        var known = Given.Components(Given.Component("api", "API", ComponentStatus.DegradedPerformance), Given.Component("eu", "Europe"), Given.Component("platform", "Platform", isGroup: true));
        var incident = Incident.Open("inc1", "API slow", Given.Update("The API answers in 5-10 seconds for all customers.") with { ComponentIds = ["api"], Components = new Dictionary<string, ComponentStatus> { ["eu"] = ComponentStatus.MajorOutage } }, null, null, known, Given.Now);

        Assert.Equal(ComponentStatus.DegradedPerformance, incident.Components["api"]);
        Assert.Equal(["eu"], incident.Updates[0].ComponentChanges.Select(c => c.ComponentId));

        // Already affected: naming it again keeps the status the incident gave it.
        incident.PostUpdate(Given.Update("Still slow; we are adding capacity.") with { ComponentIds = ["eu"] }, known, Given.Now.AddMinutes(5));
        Assert.Equal(ComponentStatus.MajorOutage, incident.Components["eu"]);
        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("x") with { ComponentIds = ["nope"] }, known, Given.Now.AddMinutes(6)));
        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("x") with { ComponentIds = ["platform"] }, known, Given.Now.AddMinutes(6)));
    }

    [Fact]
    public void Opening_an_incident_records_its_first_update_and_timestamps()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.MajorOutage });

        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal(Given.Now, incident.CreatedAt);
        Assert.Equal(Given.Now, incident.StartedAt);
        var update = Assert.Single(incident.Updates);
        Assert.Equal(1, update.Sequence);
        Assert.Equal("comms-lead", update.Author);
        Assert.Equal(Given.Now.AddMinutes(30), update.NextUpdateAt);
        var change = Assert.Single(update.ComponentChanges);
        Assert.Equal(new ComponentChange("api", "API", ComponentStatus.Operational, ComponentStatus.MajorOutage), change);
        Assert.Single(incident.UnsavedUpdates);
    }

    [Fact]
    public void Impact_follows_the_worst_component_when_not_overridden()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.PartialOutage });
        Assert.Equal(IncidentImpact.Major, incident.Impact);

        incident.PostUpdate(Given.Update("EU checkout is now fully down.", components: new() { ["eu"] = ComponentStatus.MajorOutage }), Known, Given.Now.AddMinutes(5));

        Assert.Equal(IncidentImpact.Critical, incident.Impact);
    }

    [Fact]
    public void Impact_does_not_drop_as_components_recover()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.MajorOutage });

        incident.PostUpdate(Given.Update("Recovering.", IncidentStatus.Monitoring, new() { ["api"] = ComponentStatus.DegradedPerformance }), Known, Given.Now.AddMinutes(20));

        Assert.Equal(IncidentImpact.Critical, incident.Impact);
    }

    [Fact]
    public void An_overridden_impact_stays_as_set()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.MajorOutage }, impact: IncidentImpact.Minor);

        Assert.Equal(IncidentImpact.Minor, incident.Impact);
        Assert.True(incident.ImpactOverridden);
    }

    [Fact]
    public void Moving_through_the_stages_sets_monitoring_and_resolved_times()
    {
        var incident = Given.OpenIncident(Known);

        incident.PostUpdate(Given.Update("Found a bad config push.", IncidentStatus.Identified), Known, Given.Now.AddMinutes(10));
        incident.PostUpdate(Given.Update("Rolled back; watching.", IncidentStatus.Monitoring), Known, Given.Now.AddMinutes(20));
        incident.PostUpdate(Given.Update("Still watching.", IncidentStatus.Monitoring), Known, Given.Now.AddMinutes(25));
        incident.PostUpdate(Given.Update("Resolved. We're sorry.", IncidentStatus.Resolved), Known, Given.Now.AddMinutes(40));

        Assert.Equal(Given.Now.AddMinutes(20), incident.MonitoringAt);
        Assert.Equal(Given.Now.AddMinutes(40), incident.ResolvedAt);
        Assert.Equal([1, 2, 3, 4, 5], incident.Updates.Select(u => u.Sequence));
        Assert.False(incident.IsOpen);
        Assert.Null(incident.NextUpdateAt);
    }

    [Fact]
    public void Resolved_incident_rejects_a_new_update()
    {
        var incident = Resolved();

        var error = Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("Actually it is back.", IncidentStatus.Investigating), Known, Given.Now.AddHours(2)));

        Assert.Contains("reopen", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, incident.Updates.Count);
    }

    [Fact]
    public void Resolved_incident_rejects_an_update_without_a_status_too()
    {
        var incident = Resolved();

        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("One more thing."), Known, Given.Now.AddHours(2)));
    }

    [Fact]
    public void Resolved_incident_accepts_its_postmortem()
    {
        var incident = Resolved();

        incident.PostUpdate(Given.Update("Postmortem: a config push removed the EU card route.", IncidentStatus.Postmortem), Known, Given.Now.AddDays(2));

        Assert.Equal(IncidentStatus.Postmortem, incident.Status);
    }

    [Fact]
    public void Open_incident_cannot_jump_to_postmortem()
    {
        var incident = Given.OpenIncident(Known);

        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("Postmortem.", IncidentStatus.Postmortem), Known, Given.Now.AddMinutes(5)));
    }

    [Fact]
    public void Incident_with_a_postmortem_takes_no_further_updates()
    {
        var incident = Resolved();
        incident.PostUpdate(Given.Update("Postmortem.", IncidentStatus.Postmortem), Known, Given.Now.AddDays(2));

        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("More.", IncidentStatus.Postmortem), Known, Given.Now.AddDays(3)));
        Assert.Throws<DomainRuleException>(() => incident.Reopen(Given.Update("Back."), Known, Given.Now.AddDays(3)));
    }

    [Fact]
    public void Reopening_is_explicit_and_clears_the_resolved_time()
    {
        var incident = Resolved();

        var update = incident.Reopen(Given.Update("Errors are back for EU cards."), Known, Given.Now.AddHours(3));

        Assert.Equal(IncidentStatus.Investigating, update.Status);
        Assert.True(incident.IsOpen);
        Assert.Null(incident.ResolvedAt);
    }

    [Fact]
    public void An_open_incident_cannot_be_reopened()
    {
        var incident = Given.OpenIncident(Known);

        Assert.Throws<DomainRuleException>(() => incident.Reopen(Given.Update("Again."), Known, Given.Now.AddMinutes(5)));
    }

    [Fact]
    public void A_new_incident_cannot_start_at_postmortem()
    {
        Assert.Throws<DomainRuleException>(() => Incident.Open("x", "Name", Given.Update("Body", IncidentStatus.Postmortem), null, null, Known, Given.Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Every_update_needs_words_for_customers(string body)
    {
        var incident = Given.OpenIncident(Known);

        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update(body, IncidentStatus.Identified), Known, Given.Now.AddMinutes(5)));
        Assert.Single(incident.Updates);
    }

    [Fact]
    public void An_overlong_update_is_refused()
    {
        var incident = Given.OpenIncident(Known);

        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update(new string('a', Incident.MaxBodyLength + 1)), Known, Given.Now));
    }

    [Fact]
    public void Unknown_components_are_refused()
    {
        var incident = Given.OpenIncident(Known);

        var error = Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("x", components: new() { ["nope"] = ComponentStatus.MajorOutage }), Known, Given.Now));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_cannot_be_given_a_status_directly()
    {
        var incident = Given.OpenIncident(Known);

        Assert.Throws<DomainRuleException>(() => incident.PostUpdate(Given.Update("x", components: new() { ["platform"] = ComponentStatus.MajorOutage }), Known, Given.Now));
    }

    [Fact]
    public void An_incident_cannot_start_in_the_future()
    {
        Assert.Throws<DomainRuleException>(() => Incident.Open("x", "Name", Given.Update("Body"), null, Given.Now.AddMinutes(1), Known, Given.Now));
    }

    [Fact]
    public void Component_changes_record_only_real_moves()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.MajorOutage });

        var update = incident.PostUpdate(Given.Update("Same.", components: new() { ["api"] = ComponentStatus.MajorOutage, ["eu"] = ComponentStatus.DegradedPerformance }), Known, Given.Now);

        var change = Assert.Single(update.ComponentChanges);
        Assert.Equal("eu", change.ComponentId);
    }

    [Fact]
    public void A_stored_incident_rehydrates_with_no_unsaved_updates()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.MajorOutage });

        var copy = Incident.Rehydrate(incident.ToSnapshot(), incident.Updates, "etag-1");

        Assert.Empty(copy.UnsavedUpdates);
        Assert.Equal("etag-1", copy.Version);
        Assert.Equal(incident.Components, copy.Components);
        Assert.Equal(incident.Updates, copy.Updates);
    }

    private static Incident Resolved()
    {
        var incident = Given.OpenIncident(Known);
        incident.PostUpdate(Given.Update("Fixed. We're sorry.", IncidentStatus.Resolved), Known, Given.Now.AddHours(1));
        return incident;
    }
}
