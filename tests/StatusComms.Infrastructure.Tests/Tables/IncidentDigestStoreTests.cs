using Azure.Data.Tables;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Tables;

namespace StatusComms.Infrastructure.Tests.Tables;

/// <summary>The history index rows carry each incident's public digest, so the publisher reads 50 incidents in one query.</summary>
public sealed class IncidentDigestStoreTests : TableStoreFixture
{
    [Fact]
    public async Task Recent_digests_come_newest_first_with_their_updates_and_without_authors()
    {
        var first = NewIncident("Older incident", at: Now.AddDays(-2));
        var second = NewIncident("Newer incident", at: Now.AddDays(-1));
        await Incidents.AddAsync(first, CancellationToken.None);
        await Incidents.AddAsync(second, CancellationToken.None);
        first.PostUpdate(Update("Resolved. We're sorry.", IncidentStatus.Resolved), new Dictionary<string, Component>(), Now.AddDays(-2).AddHours(1));
        await Incidents.SaveAsync(first, first.Version!, CancellationToken.None);

        var digests = await Incidents.ListRecentDigestsAsync(10, CancellationToken.None);

        Assert.Equal(["Newer incident", "Older incident"], digests.Select(d => d.Name));
        Assert.Equal(IncidentDigest.Of(first).Updates, digests[1].Updates, (a, b) => a.Id == b.Id && a.Body == b.Body && a.Status == b.Status && a.DisplayAt == b.DisplayAt);
        Assert.Equal(IncidentStatus.Resolved, digests[1].Status);
    }

    [Fact]
    public async Task A_digest_longer_than_one_property_is_split_and_read_back_whole()
    {
        var incident = NewIncident("Long incident");
        for (var i = 0; i < 12; i++)
        {
            incident.PostUpdate(Update($"Update {i}: " + new string('x', 9_000)), new Dictionary<string, Component>(), Now.AddMinutes(i + 1));
        }

        await Incidents.AddAsync(incident, CancellationToken.None);

        var digest = Assert.Single(await Incidents.ListRecentDigestsAsync(5, CancellationToken.None));
        Assert.Equal(13, digest.Updates.Count);
        Assert.Equal(incident.Updates[^1].Body, digest.Updates[^1].Body);
        var row = Assert.Single(await Table.RangeAsync("inc-recent|", CancellationToken.None));
        Assert.True(row.GetInt32("RecordChunks") >= 4);
    }

    [Fact]
    public async Task A_page_of_incidents_is_listed_in_one_query_exactly_as_each_is_read_by_id()
    {
        var log = new RequestLog();
        var table = new StatusTable(Azurite.CountedTable(Client.Name, log), "acme");
        var incidents = new TableIncidentStore(table);
        var api = NewComponent("API");
        var known = new Dictionary<string, Component> { [api.Id] = api };
        var written = new List<Incident>();
        for (var i = 0; i < 12; i++)
        {
            var incident = NewIncident($"Incident {i}", known, new() { [api.Id] = ComponentStatus.PartialOutage }, Now.AddHours(i));
            var update = incident.PostUpdate(Update($"{i} of 100 delayed webhook batches are delivered.", IncidentStatus.Monitoring, next: Now.AddHours(i + 1)) with { Author = $"lead {i}" }, known, Now.AddHours(i).AddMinutes(5));
            incident.RecordReview(update.Id, new([new("vague-phrase", StatusComms.Candor.FindingSeverity.Error, "body", 2, 6, "Say what is delayed.", "Name the batches.")], $"Override {i}"));
            await incidents.AddAsync(incident, CancellationToken.None);
            written.Add(incident);
        }

        var before = log.Count;
        var page = await incidents.ListRecentIncidentsAsync(3, 5, CancellationToken.None);

        Assert.Equal(1, log.Count - before);
        Assert.Equal(Enumerable.Range(4, 5).Reverse().Select(i => $"Incident {i}"), page.Select(i => i.Name));
        foreach (var listed in page)
        {
            var read = (await incidents.GetAsync(listed.Id, CancellationToken.None))!;
            Assert.Equal(read.ToSnapshot() with { Components = null! }, listed.ToSnapshot() with { Components = null! });
            Assert.Equal(read.Components, listed.Components);
            Assert.Equal(read.Updates, listed.Updates, (a, b) => a.Id == b.Id && a.Body == b.Body && a.Status == b.Status && a.Author == b.Author
                && a.CreatedAt == b.CreatedAt && a.DisplayAt == b.DisplayAt && a.NextUpdateAt == b.NextUpdateAt && a.ComponentChanges.SequenceEqual(b.ComponentChanges)
                && a.Review.OverrideReason == b.Review.OverrideReason && a.Review.Findings.SequenceEqual(b.Review.Findings));
        }

        // A listed incident is for reading: a change to it is refused as stale rather than written over a newer one.
        var stale = page[0];
        stale.Rename("Renamed from a list", Now.AddDays(1));
        await Assert.ThrowsAsync<StatusComms.Common.ConcurrencyConflictException>(() => incidents.SaveAsync(stale, stale.Version!, CancellationToken.None));
    }

    [Fact]
    public async Task An_incident_too_large_for_its_index_row_is_listed_whole_from_its_own_rows()
    {
        var incident = NewIncident("Very long incident");
        await Incidents.AddAsync(incident, CancellationToken.None);
        for (var i = 0; i < 50; i++)
        {
            incident.PostUpdate(Update($"Update {i}: " + new string('x', 9_000)), new Dictionary<string, Component>(), Now.AddMinutes(i + 1));
            if (i % 10 == 9)
            {
                await Incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
            }
        }

        var row = Assert.Single(await Table.RangeAsync("inc-recent|", CancellationToken.None));
        Assert.Null(row.GetInt32("RecordChunks"));
        Assert.True(row.GetInt32("DigestChunks") is > 0 and <= 14);
        var listed = Assert.Single(await Incidents.ListRecentIncidentsAsync(0, 5, CancellationToken.None));
        Assert.Equal(51, listed.Updates.Count);
        Assert.Equal(incident.Updates[0].Body, listed.Updates[0].Body);
        var digest = Assert.Single(await Incidents.ListRecentDigestsAsync(5, CancellationToken.None));
        Assert.Equal(incident.Updates[^1].Body, digest.Updates[^1].Body);
    }

    [Fact]
    public async Task A_history_row_written_before_digests_is_read_from_the_incident_itself()
    {
        var incident = NewIncident("Legacy incident");
        await Incidents.AddAsync(incident, CancellationToken.None);
        var row = Assert.Single(await Table.RangeAsync("inc-recent|", CancellationToken.None));
        var legacy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var key in new[] { "Id", "Name", "Status", "Impact", "CreatedAt", "StartedAt", "UpdatedAt", "ResolvedAt" })
        {
            legacy[key] = row[key];
        }

        await Client.UpsertEntityAsync(legacy, TableUpdateMode.Replace);

        var digest = Assert.Single(await Incidents.ListRecentDigestsAsync(5, CancellationToken.None));
        Assert.Equal("Legacy incident", digest.Name);
        Assert.Single(digest.Updates);
    }

    [Fact]
    public async Task Incidents_are_found_by_the_month_they_were_created_in()
    {
        foreach (var (name, at) in new[] { ("September", new DateTimeOffset(2026, 9, 30, 23, 59, 0, TimeSpan.Zero)), ("October A", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)), ("October B", new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero)), ("November", Now) })
        {
            await Incidents.AddAsync(NewIncident(name, at: at), CancellationToken.None);
        }

        var october = await Incidents.ListCreatedBetweenAsync(new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        var beforeOctober = await Incidents.LatestCreatedBeforeAsync(new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        var beforeAll = await Incidents.LatestCreatedBeforeAsync(new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(["October B", "October A"], october.Select(i => i.Name));
        Assert.Equal("September", beforeOctober?.Name);
        Assert.Null(beforeAll);
    }
}
