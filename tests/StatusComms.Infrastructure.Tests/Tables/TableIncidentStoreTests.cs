using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Infrastructure.Tests.Tables;

public sealed class TableIncidentStoreTests : TableStoreFixture
{
    [Fact]
    public async Task An_incident_round_trips_with_every_field_of_its_updates()
    {
        var api = NewComponent("API");
        await Components.AddAsync(api, CancellationToken.None);
        var known = new Dictionary<string, Component> { [api.Id] = api };
        var incident = NewIncident("Card payments failing", known, new() { [api.Id] = ComponentStatus.MajorOutage });
        await Incidents.AddAsync(incident, CancellationToken.None);
        var version = incident.Version!;
        incident.PostUpdate(Update("Rolled back; watching.", IncidentStatus.Monitoring, new() { [api.Id] = ComponentStatus.DegradedPerformance }, Now.AddHours(1)), known, Now.AddMinutes(20));
        await Incidents.SaveAsync(incident, version, CancellationToken.None);

        var stored = await Incidents.GetAsync(incident.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(incident.ToSnapshot() with { Components = null! }, stored.ToSnapshot() with { Components = null! });
        Assert.Equal(incident.Components, stored.Components);
        Assert.Equal(incident.Updates, stored.Updates, (a, b) => a.Id == b.Id && a.Body == b.Body && a.Status == b.Status && a.Author == b.Author
            && a.CreatedAt == b.CreatedAt && a.NextUpdateAt == b.NextUpdateAt && a.ComponentChanges.SequenceEqual(b.ComponentChanges));
        Assert.Equal(incident.Version, stored.Version);
        Assert.NotEqual(version, stored.Version);
    }

    [Fact]
    public async Task A_deleted_incident_leaves_every_read_in_one_transaction_and_a_stale_delete_is_refused()
    {
        var open = NewIncident("Webhooks delayed");
        var other = NewIncident("Search slow");
        await Incidents.AddAsync(open, CancellationToken.None);
        await Incidents.AddAsync(other, CancellationToken.None);
        var stale = open.Version!;
        open.Rename("Webhooks delayed for all customers", Now.AddMinutes(1));
        await Incidents.SaveAsync(open, stale, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Incidents.DeleteAsync(open, stale, "api", Now.AddMinutes(2), CancellationToken.None));
        Assert.NotNull(await Incidents.GetAsync(open.Id, CancellationToken.None));

        await Incidents.DeleteAsync(open, open.Version!, "Ada", Now.AddMinutes(2), CancellationToken.None);

        Assert.Null(await Incidents.GetAsync(open.Id, CancellationToken.None));
        Assert.Equal([other.Id], (await Incidents.ListOpenAsync(CancellationToken.None)).Select(i => i.Id));
        Assert.Equal([other.Id], (await Incidents.ListRecentAsync(0, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal([other.Id], (await Incidents.ListRecentDigestsAsync(10, CancellationToken.None)).Select(i => i.Id));
    }

    [Fact]
    public async Task Two_writers_with_the_same_version_exactly_one_wins_and_nothing_is_lost()
    {
        var incident = NewIncident("Webhooks delayed");
        await Incidents.AddAsync(incident, CancellationToken.None);
        var read = incident.Version!;
        var alice = (await Incidents.GetAsync(incident.Id, CancellationToken.None))!;
        var bob = (await Incidents.GetAsync(incident.Id, CancellationToken.None))!;
        alice.PostUpdate(Update("Alice: consumer stuck.", IncidentStatus.Identified), new Dictionary<string, Component>(), Now.AddMinutes(5));
        bob.PostUpdate(Update("Bob: consumer stuck.", IncidentStatus.Identified), new Dictionary<string, Component>(), Now.AddMinutes(5));

        var results = await Task.WhenAll(
            Attempt(() => Incidents.SaveAsync(alice, read, CancellationToken.None)),
            Attempt(() => Incidents.SaveAsync(bob, read, CancellationToken.None)));

        Assert.Single(results, r => r is null);
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r is not null));
        var stored = (await Incidents.GetAsync(incident.Id, CancellationToken.None))!;
        Assert.Equal(2, stored.Updates.Count);

        // The loser re-reads and posts again: both words reach customers.
        var loserBody = results[0] is null ? "Bob: consumer stuck." : "Alice: consumer stuck.";
        stored.PostUpdate(Update(loserBody), new Dictionary<string, Component>(), Now.AddMinutes(6));
        await Incidents.SaveAsync(stored, stored.Version!, CancellationToken.None);
        var final = (await Incidents.GetAsync(incident.Id, CancellationToken.None))!;
        Assert.Equal(["Alice: consumer stuck.", "Bob: consumer stuck."], final.Updates.Skip(1).Select(u => u.Body).Order());
    }

    [Fact]
    public async Task Writes_to_different_incidents_at_once_all_succeed_and_each_raises_the_version()
    {
        var incidents = Enumerable.Range(1, 6).Select(i => NewIncident($"Incident {i}")).ToArray();

        await Task.WhenAll(incidents.Select(i => Incidents.AddAsync(i, CancellationToken.None)));

        Assert.Equal(6, await Ledger.GetPageVersionAsync(CancellationToken.None));
        Assert.Equal(6, (await Incidents.ListOpenAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Resolving_moves_an_incident_out_of_the_open_index_and_reopening_brings_it_back()
    {
        var incident = NewIncident("Search slow");
        await Incidents.AddAsync(incident, CancellationToken.None);
        var none = new Dictionary<string, Component>();

        incident.PostUpdate(Update("Fixed. We're sorry.", IncidentStatus.Resolved), none, Now.AddHours(1));
        await Incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
        Assert.Empty(await Incidents.ListOpenAsync(CancellationToken.None));

        incident.Reopen(Update("Slow again."), none, Now.AddHours(2));
        await Incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
        Assert.Equal(incident.Id, Assert.Single(await Incidents.ListOpenAsync(CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Recent_incidents_come_newest_first_a_page_at_a_time()
    {
        var incidents = Enumerable.Range(0, 7).Select(i => NewIncident($"Incident {i}", at: Now.AddHours(i))).ToArray();
        foreach (var incident in incidents)
        {
            await Incidents.AddAsync(incident, CancellationToken.None);
        }

        var first = await Incidents.ListRecentAsync(0, 3, CancellationToken.None);
        var second = await Incidents.ListRecentAsync(3, 3, CancellationToken.None);
        var last = await Incidents.ListRecentAsync(6, 3, CancellationToken.None);

        Assert.Equal(["Incident 6", "Incident 5", "Incident 4"], first.Select(i => i.Name));
        Assert.Equal(["Incident 3", "Incident 2", "Incident 1"], second.Select(i => i.Name));
        Assert.Equal(["Incident 0"], last.Select(i => i.Name));
    }

    [Fact]
    public async Task Open_incidents_are_read_without_touching_history()
    {
        var none = new Dictionary<string, Component>();
        for (var i = 0; i < 120; i++)
        {
            var past = NewIncident($"Past {i}", at: Now.AddDays(-i - 1));
            past.PostUpdate(Update("Fixed. We're sorry.", IncidentStatus.Resolved), none, Now.AddDays(-i - 1).AddHours(1));
            await Incidents.AddAsync(past, CancellationToken.None);
        }

        var open = NewIncident("Happening now");
        await Incidents.AddAsync(open, CancellationToken.None);

        var openRows = await Table.RangeAsync("inc-open|", CancellationToken.None);
        Assert.Equal(open.Id, Assert.Single(await Incidents.ListOpenAsync(CancellationToken.None)).Id);
        Assert.Single(openRows);
    }

    [Fact]
    public async Task Every_change_leaves_a_pending_mark_that_clearing_removes_unless_marked_again()
    {
        var incident = NewIncident("Exports failing");
        await Incidents.AddAsync(incident, CancellationToken.None);
        var listed = Assert.Single(await Ledger.ListPendingAsync(CancellationToken.None));
        Assert.Equal(incident.Id, listed.Id);

        // A newer change marks the page again after the publisher listed it: that mark must survive.
        incident.PostUpdate(Update("Still failing; fix in progress."), new Dictionary<string, Component>(), Now.AddMinutes(5));
        await Incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
        await Ledger.ClearAsync(listed, CancellationToken.None);
        var again = Assert.Single(await Ledger.ListPendingAsync(CancellationToken.None));

        await Ledger.ClearAsync(again, CancellationToken.None);
        Assert.Empty(await Ledger.ListPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_incident_whose_id_extends_another_ones_is_not_read_with_it()
    {
        // "inc|abc|..." must not take in "inc|abcd" and its updates: the update range starts at "inc|abc|".
        var none = new Dictionary<string, Component>();
        foreach (var id in new[] { "abc", "abcd", "abc-x" })
        {
            await Incidents.AddAsync(Incident.Open(id, $"Incident {id}", Update($"Body of {id}: the API in the EU region fails.", IncidentStatus.Investigating), null, null, none, Now), CancellationToken.None);
        }

        var abc = (await Incidents.GetAsync("abc", CancellationToken.None))!;

        Assert.Equal("Incident abc", abc.Name);
        Assert.Equal(["Body of abc: the API in the EU region fails."], abc.Updates.Select(u => u.Body));
    }

    [Fact]
    public async Task An_unknown_incident_is_null()
        => Assert.Null(await Incidents.GetAsync("doesnotexist", CancellationToken.None));

    private static async Task<Exception?> Attempt(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (ConcurrencyConflictException exception)
        {
            return exception;
        }
    }
}
