using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Core.Tests.Incidents;

public class IncidentUpdateEditTests
{
    private static readonly IReadOnlyDictionary<string, Component> Known = Given.Components(Given.Component("api", "API"));

    private static Incident TwoUpdates()
    {
        var incident = Given.OpenIncident(Known, new() { ["api"] = ComponentStatus.MajorOutage });
        incident.PostUpdate(Given.Update("We found the cause: an expired certificate. We are replacing it.", IncidentStatus.Identified), Known, Given.Now.AddMinutes(10));
        incident.MarkSaved("v1");
        return incident;
    }

    [Fact]
    public void An_edit_rewords_a_posted_update_keeps_what_was_first_posted_and_changes_nothing_else()
    {
        var incident = TwoUpdates();
        var first = incident.Updates[0];

        incident.EditUpdate(first.Id, "The API fails for all requests. We are investigating.", null, "ada", Given.Now.AddMinutes(20));
        var edited = incident.EditUpdate(first.Id, "The API fails for all requests since 09:55 UTC. We are investigating.", null, "bob", Given.Now.AddMinutes(21))!;

        Assert.Equal("The API fails for all requests since 09:55 UTC. We are investigating.", edited.Body);
        Assert.Equal(first.Body, edited.OriginalBody);
        Assert.Equal(("bob", Given.Now.AddMinutes(21)), (edited.EditedBy, edited.EditedAt));
        Assert.Equal((first.Status, first.CreatedAt, first.DisplayAt, first.NextUpdateAt, first.Sequence), (edited.Status, edited.CreatedAt, edited.DisplayAt, edited.NextUpdateAt, edited.Sequence));
        Assert.Equal(first.ComponentChanges, edited.ComponentChanges);
        Assert.Equal([edited], incident.EditedUpdates);
        Assert.Empty(incident.UnsavedUpdates);
        Assert.Equal(IncidentStatus.Identified, incident.Status);

        incident.MarkSaved("v2");
        Assert.Empty(incident.EditedUpdates);
    }

    [Fact]
    public void A_display_time_stays_in_the_past_and_between_its_neighbours()
    {
        var incident = TwoUpdates();
        var (first, second) = (incident.Updates[0], incident.Updates[1]);
        var now = Given.Now.AddMinutes(30);

        Assert.Throws<DomainRuleException>(() => incident.EditUpdate(second.Id, null, now.AddMinutes(1), "ada", now));
        Assert.Throws<DomainRuleException>(() => incident.EditUpdate(second.Id, null, first.DisplayAt.AddSeconds(-1), "ada", now));
        Assert.Throws<DomainRuleException>(() => incident.EditUpdate(first.Id, null, second.DisplayAt.AddSeconds(1), "ada", now));

        var moved = incident.EditUpdate(first.Id, null, first.DisplayAt.AddMinutes(-15), "ada", now)!;
        Assert.Equal(Given.Now.AddMinutes(-15), moved.DisplayAt);
        Assert.Null(moved.OriginalBody);
    }

    [Fact]
    public void An_edit_needs_words_or_a_time_and_an_update_of_this_incident()
    {
        var incident = TwoUpdates();

        Assert.Null(incident.EditUpdate("nosuchupdate", "x", null, "ada", Given.Now));
        Assert.Throws<DomainRuleException>(() => incident.EditUpdate(incident.Updates[0].Id, null, null, "ada", Given.Now));
        Assert.Throws<DomainRuleException>(() => incident.EditUpdate(incident.Updates[0].Id, "  ", null, "ada", Given.Now));
        Assert.Throws<DomainRuleException>(() => incident.EditUpdate(incident.Updates[0].Id, new string('x', Incident.MaxBodyLength + 1), null, "ada", Given.Now));
        Assert.Empty(incident.EditedUpdates);
    }
}
