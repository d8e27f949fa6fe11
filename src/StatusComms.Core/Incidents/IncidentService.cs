using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Publishing;

namespace StatusComms.Incidents;

/// <summary>Opens incidents, posts their updates, resolves and reopens them; every accepted change is published.</summary>
public sealed class IncidentService(IIncidentStore incidents, IComponentStore components, CandorCheck candor, PublishAfterChange publish, TimeProvider time)
{
    public const int MaxPerPage = 100;

    public async Task<IncidentDetails?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var incidentTask = incidents.GetAsync(id, cancellationToken);
        var known = await KnownComponentsAsync(cancellationToken);
        return await incidentTask is { } incident ? new IncidentDetails(incident, known) : null;
    }

    public async Task<IReadOnlyList<IncidentDetails>> ListUnresolvedAsync(CancellationToken cancellationToken)
    {
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var known = await KnownComponentsAsync(cancellationToken);
        return (await openTask).OrderByDescending(i => i.CreatedAt).Select(i => new IncidentDetails(i, known)).ToArray();
    }

    /// <summary>Incidents newest first, a page at a time (1-based), as Statuspage's list does.</summary>
    public async Task<IReadOnlyList<IncidentDetails>> ListAsync(int page, int perPage, CancellationToken cancellationToken)
    {
        RequirePage(page, perPage);
        var knownTask = KnownComponentsAsync(cancellationToken);
        var listed = await incidents.ListRecentIncidentsAsync((page - 1) * perPage, perPage, cancellationToken);
        var known = await knownTask;
        return listed.Select(i => new IncidentDetails(i, known)).ToArray();
    }

    /// <summary>How far back a text search (<c>q</c>) reads: the most recent incidents, in one query of their digests.</summary>
    public const int SearchDepth = 1000;

    /// <summary>
    /// Incidents newest first whose name, status, update bodies or postmortem contain <paramref name="search"/>
    /// (case-insensitive), a page at a time, among the <see cref="SearchDepth"/> most recent; every incident when the
    /// search is empty.
    /// </summary>
    public async Task<IReadOnlyList<IncidentDetails>> SearchAsync(string? search, int page, int perPage, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return await ListAsync(page, perPage, cancellationToken);
        }

        RequirePage(page, perPage);
        var text = search.Trim();
        var knownTask = KnownComponentsAsync(cancellationToken);
        var digests = await incidents.ListRecentDigestsAsync(SearchDepth, cancellationToken);
        return await LoadAsync(digests.Where(d => Mentions(d, text)).Skip((page - 1) * perPage).Take(perPage).Select(d => d.Id), knownTask, cancellationToken);
    }

    private static void RequirePage(int page, int perPage)
    {
        if (page < 1 || perPage is < 1 or > MaxPerPage)
        {
            throw new DomainRuleException($"page starts at 1 and per_page is between 1 and {MaxPerPage}.");
        }
    }

    /// <summary>The incidents with these ids, in this order, with their components.</summary>
    private async Task<IReadOnlyList<IncidentDetails>> LoadAsync(IEnumerable<string> ids, Task<IReadOnlyDictionary<string, Component>> knownTask, CancellationToken cancellationToken)
    {
        var loaded = await Task.WhenAll(ids.Select(id => incidents.GetAsync(id, cancellationToken)));
        var known = await knownTask;
        return loaded.OfType<Incident>().Select(i => new IncidentDetails(i, known)).ToArray();
    }

    private static bool Mentions(IncidentDigest digest, string text)
        => digest.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
            || WireName.Of(digest.Status).Equals(text, StringComparison.OrdinalIgnoreCase)
            || (digest.PostmortemBody?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
            || digest.Updates.Any(u => u.Body.Contains(text, StringComparison.OrdinalIgnoreCase));

    public async Task<IncidentDetails> CreateAsync(IncidentCommand draft, CancellationToken cancellationToken)
    {
        var known = await KnownComponentsAsync(cancellationToken);
        var incident = Open(draft, known, time.GetUtcNow(), enforce: true);
        var posted = incident.UnsavedUpdates.ToArray();
        await incidents.AddAsync(incident, cancellationToken);
        CountOverrides(posted);
        await publish.PublishAsync();
        return new IncidentDetails(incident, known);
    }

    /// <summary>
    /// What opening this incident would publish, without opening it: the incident as it would stand and what the
    /// candor check says of its first update (errors are reported, not thrown). The console previews drafts this way.
    /// </summary>
    public async Task<IncidentPreview> PreviewCreateAsync(IncidentCommand draft, CancellationToken cancellationToken)
    {
        var known = await KnownComponentsAsync(cancellationToken);
        return IncidentPreview.Of(Open(draft, known, time.GetUtcNow(), enforce: false), known);
    }

    private Incident Open(IncidentCommand draft, IReadOnlyDictionary<string, Component> known, DateTimeOffset now, bool enforce)
    {
        var incident = Incident.Open(Ids.NewId(), draft.Name?.Trim()!, draft, draft.ImpactOverride, draft.StartedAt, known, now);
        Review(incident, known, draft.CandorOverrideReason, now, enforce);
        return incident;
    }

    /// <param name="expectedVersion">The version the caller read (HTTP If-Match); the store's current one when null.</param>
    /// <returns>The changed incident, or null when there is none with that id.</returns>
    public async Task<IncidentDetails?> UpdateAsync(string id, IncidentCommand changes, string? expectedVersion, CancellationToken cancellationToken)
        => (await ChangeAsync(id, expectedVersion, Update(changes, enforce: true), Save(cancellationToken), cancellationToken))?.Details;

    /// <summary>What this change would publish, applied to the incident as stored now, without saving it.</summary>
    /// <returns>The preview, or null when there is no incident with that id.</returns>
    public Task<IncidentPreview?> PreviewUpdateAsync(string id, IncidentCommand changes, CancellationToken cancellationToken)
        => ChangeAsync(id, null, Update(changes, enforce: false), write: null, cancellationToken);

    /// <summary>Reopens a resolved incident with an update saying the problem is back.</summary>
    public async Task<IncidentDetails?> ReopenAsync(string id, IncidentCommand changes, string? expectedVersion, CancellationToken cancellationToken)
        => (await ChangeAsync(id, expectedVersion, Reopen(changes, enforce: true), Save(cancellationToken), cancellationToken))?.Details;

    /// <summary>What reopening would publish, without reopening.</summary>
    public Task<IncidentPreview?> PreviewReopenAsync(string id, IncidentCommand changes, CancellationToken cancellationToken)
        => ChangeAsync(id, null, Reopen(changes, enforce: false), write: null, cancellationToken);

    /// <summary>
    /// Deletes an incident as Statuspage does: it leaves the page, the feeds, the API and its subscribers' future
    /// (no mail is sent about it); the stored record keeps it, with who deleted it and when.
    /// </summary>
    /// <returns>The incident as it was, or null when there is none with that id.</returns>
    public async Task<IncidentDetails?> DeleteAsync(string id, string by, string? expectedVersion, CancellationToken cancellationToken)
        => (await ChangeAsync(id, expectedVersion, (_, _, _) => { }, (incident, version) => incidents.DeleteAsync(incident, version, by, time.GetUtcNow(), cancellationToken), cancellationToken))?.Details;

    /// <summary>
    /// Edits a posted update's body or display time, as Statuspage's "edit an incident update" does: the new words
    /// pass the candor check as the update was judged when posted (its stage, its time), the page is republished,
    /// and nobody is mailed again.
    /// </summary>
    /// <returns>The incident with the edited update, or null when there is no such incident.</returns>
    /// <exception cref="UpdateNotFoundException">The incident has no update with that id.</exception>
    public async Task<IncidentDetails?> EditUpdateAsync(string id, string updateId, UpdateEdit edit, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var edited = await ChangeAsync(
            id,
            expectedVersion,
            (incident, known, now) =>
            {
                var update = incident.EditUpdate(updateId, edit.Body, edit.DisplayAt, edit.By, now) ?? throw new UpdateNotFoundException(id, updateId);
                if (edit.Body is not null)
                {
                    Review(incident, update, known, edit.CandorOverrideReason, update.CreatedAt, enforce: true);
                }
            },
            Save(cancellationToken),
            cancellationToken);
        return edited?.Details;
    }

    private Action<Incident, IReadOnlyDictionary<string, Component>, DateTimeOffset> Update(IncidentCommand changes, bool enforce)
        => (incident, known, now) =>
        {
            if (changes.Name is null && changes.ImpactOverride is null && !changes.PostsUpdate)
            {
                throw new DomainRuleException("Nothing to change: send a new status, body, components, name or impact.");
            }

            if (changes.Name is not null)
            {
                incident.Rename(changes.Name.Trim(), now);
            }

            if (changes.ImpactOverride is { } impact)
            {
                incident.OverrideImpact(impact, now);
            }

            if (changes.PostsUpdate)
            {
                incident.PostUpdate(changes, known, now);
                Review(incident, known, changes.CandorOverrideReason, now, enforce);
            }
        };

    private Action<Incident, IReadOnlyDictionary<string, Component>, DateTimeOffset> Reopen(IncidentCommand changes, bool enforce)
        => (incident, known, now) =>
        {
            incident.Reopen(changes, known, now);
            Review(incident, known, changes.CandorOverrideReason, now, enforce);
        };

    /// <param name="write">Stores the changed incident on the version read (then it is published); null for a preview.</param>
    private Task<IncidentPreview?> ChangeAsync(
        string id,
        string? expectedVersion,
        Action<Incident, IReadOnlyDictionary<string, Component>, DateTimeOffset> change,
        Func<Incident, string, Task>? write,
        CancellationToken cancellationToken)
        => LatestVersion.ApplyAsync(expectedVersion, () => ChangeOnceAsync(id, expectedVersion, change, write, cancellationToken), time, cancellationToken);

    private async Task<IncidentPreview?> ChangeOnceAsync(
        string id,
        string? expectedVersion,
        Action<Incident, IReadOnlyDictionary<string, Component>, DateTimeOffset> change,
        Func<Incident, string, Task>? write,
        CancellationToken cancellationToken)
    {
        var incidentTask = incidents.GetAsync(id, cancellationToken);
        var knownTask = KnownComponentsAsync(cancellationToken);
        var incident = await incidentTask;
        if (incident is null)
        {
            return null;
        }

        // The rules are checked against what was read; the store writes only if that is still what is stored,
        // and only if it is what the caller read, so no one's update is lost or overwritten. A caller who read an
        // older version hears so first: someone else posted meanwhile, whatever the check would say of the draft.
        var version = expectedVersion ?? incident.Version!;
        if (!string.Equals(version, incident.Version, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException($"Incident {id} changed since version {version} was read: someone else posted meanwhile. Read it again and post on top of it.");
        }

        var known = await knownTask;
        change(incident, known, time.GetUtcNow());
        if (write is not null)
        {
            await write(incident, version);
            await publish.PublishAsync();
        }

        return IncidentPreview.Of(incident, known);
    }

    /// <summary>
    /// Runs the candor check on the update just posted, as customers will read it: errors reject it unless the
    /// comms lead gave a reason to publish anyway (or the check only warns, or <paramref name="enforce"/> is off for
    /// a preview); the findings and the reason are kept with the update. An update without next_update_at whose words promise one ("Next update in 30 minutes", as
    /// Statuspage clients write it) takes its time from the words.
    /// </summary>
    private void Review(Incident incident, IReadOnlyDictionary<string, Component> known, string? overrideReason, DateTimeOffset now, bool enforce)
        => Review(incident, incident.UnsavedUpdates[^1], known, overrideReason, now, enforce);

    /// <param name="now">When the message is read as written: now for a new update, its posting time for an edit.</param>
    private void Review(Incident incident, IncidentUpdate update, IReadOnlyDictionary<string, Component> known, string? overrideReason, DateTimeOffset now, bool enforce)
    {
        var draft = new CandorDraft
        {
            Title = incident.Name,
            Body = update.Body,
            Stage = update.Status,
            Impact = incident.Impact,
            AffectedComponents = incident.Components.Keys.Select(id => known.GetValueOrDefault(id)?.Name).OfType<string>().ToArray(),
            PageVocabulary = known.Values.Select(c => c.Name).ToArray(),
            NextUpdateAt = update.NextUpdateAt,
            Now = now,
            ImpactStartedAt = incident.StartedAt,
            ImpactEndedAt = incident.ResolvedAt is { } resolved && resolved <= now ? resolved : now,
        };
        incident.RecordReview(update.Id, CandorReview.Of(candor, draft, overrideReason, enforce));
        if (update.EditedAt is null && update.NextUpdateAt is null && draft.IsUnresolved && candor.PromiseIn(update.Body, update.Status, now) is { } promise)
        {
            incident.PromiseNextUpdate(update.Id, promise.At);
        }
    }

    private Func<Incident, string, Task> Save(CancellationToken cancellationToken)
        => async (incident, version) =>
        {
            var posted = incident.UnsavedUpdates.ToArray();
            await incidents.SaveAsync(incident, version, cancellationToken);
            CountOverrides(posted);
        };

    /// <summary>Counted once the updates are stored (a save retried after a conflict reviews them again, and is not counted twice).</summary>
    private static void CountOverrides(IEnumerable<IncidentUpdate> posted)
    {
        foreach (var update in posted.Where(u => u.Review.OverrideReason is not null && u.Review.HasErrors))
        {
            Common.StatusCommsTelemetry.CandorOverrides.Add(1, new KeyValuePair<string, object?>("statuscomms.stage", Common.WireName.Of(update.Status)));
        }
    }

    private async Task<IReadOnlyDictionary<string, Component>> KnownComponentsAsync(CancellationToken cancellationToken)
        => (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
}
