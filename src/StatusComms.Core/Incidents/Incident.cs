using StatusComms.Common;
using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>
/// An incident: a header plus a trail of updates, appended in order and never removed (an edit rewords one, see
/// <see cref="EditUpdate"/>). The incident owns its transitions: every change goes through <see cref="Open"/>,
/// <see cref="PostUpdate"/>, <see cref="Reopen"/>, <see cref="Rename"/> or <see cref="EditUpdate"/>, which
/// refuse an illegal move with a <see cref="DomainRuleException"/> that says which rule it breaks.
/// </summary>
public sealed class Incident
{
    public const int MaxNameLength = 255;
    public const int MaxBodyLength = 10_000;

    private readonly List<IncidentUpdate> _updates = [];
    private readonly Dictionary<string, ComponentStatus> _components = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _editedIndexes = [];
    private int _savedUpdateCount;

    private Incident(string id, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        StartedAt = createdAt;
    }

    public string Id { get; }
    public string Name { get; private set; }
    public IncidentStatus Status { get; private set; }
    public IncidentImpact Impact { get; private set; }

    /// <summary>True when the comms lead set the impact; otherwise it follows the affected components.</summary>
    public bool ImpactOverridden { get; private set; }

    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? MonitoringAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>The published postmortem's customer summary in plain text (Statuspage's postmortem_body); null until published.</summary>
    public string? PostmortemBody { get; private set; }

    public DateTimeOffset? PostmortemPublishedAt { get; private set; }

    /// <summary>The components this incident affects, with the status each is in because of it.</summary>
    public IReadOnlyDictionary<string, ComponentStatus> Components => _components;

    /// <summary>The trail of updates, oldest first.</summary>
    public IReadOnlyList<IncidentUpdate> Updates => _updates;

    /// <summary>Updates made since the incident was loaded, which the store has yet to write.</summary>
    public IReadOnlyList<IncidentUpdate> UnsavedUpdates => _updates[_savedUpdateCount..];

    /// <summary>Stored updates edited since the incident was read, which the store writes over their rows.</summary>
    public IReadOnlyList<IncidentUpdate> EditedUpdates => _editedIndexes.Select(i => _updates[i]).ToArray();

    /// <summary>Opaque concurrency token (the stored ETag); null before the incident is first stored.</summary>
    public string? Version { get; private set; }

    public bool IsOpen => Status is IncidentStatus.Investigating or IncidentStatus.Identified or IncidentStatus.Monitoring;

    public IncidentUpdate? LatestUpdate => _updates.Count == 0 ? null : _updates[^1];

    /// <summary>The promised time of the next update, while the incident is open.</summary>
    public DateTimeOffset? NextUpdateAt => IsOpen ? LatestUpdate?.NextUpdateAt : null;

    public static Incident Open(
        string id,
        string name,
        IncidentCommand first,
        IncidentImpact? impactOverride,
        DateTimeOffset? startedAt,
        IReadOnlyDictionary<string, Component> knownComponents,
        DateTimeOffset now)
    {
        ValidateName(name);
        var status = first.Status ?? IncidentStatus.Investigating;
        if (status == IncidentStatus.Postmortem)
        {
            throw new DomainRuleException("A new incident cannot start at the postmortem stage: open it, resolve it, then publish its postmortem.");
        }

        if (startedAt > now)
        {
            throw new DomainRuleException("An incident cannot have started in the future.");
        }

        var incident = new Incident(id, name, now)
        {
            StartedAt = startedAt ?? now,
            Impact = impactOverride ?? IncidentImpact.None,
            ImpactOverridden = impactOverride is not null,
        };
        incident.Append(first with { Status = status }, knownComponents, now);
        return incident;
    }

    /// <summary>Posts an update: a message, optionally with a new stage and component statuses.</summary>
    public IncidentUpdate PostUpdate(IncidentCommand request, IReadOnlyDictionary<string, Component> knownComponents, DateTimeOffset now)
    {
        var next = request.Status ?? Status;
        switch (Status)
        {
            case IncidentStatus.Postmortem:
                throw new DomainRuleException("This incident's postmortem is published; it takes no further updates. Open a new incident if the problem is back.");
            case IncidentStatus.Resolved when next != IncidentStatus.Postmortem:
                throw new DomainRuleException("A resolved incident takes no further updates except its postmortem. If the problem is back, reopen the incident explicitly.");
            case not IncidentStatus.Resolved when next == IncidentStatus.Postmortem:
                throw new DomainRuleException("Only a resolved incident can move to the postmortem stage: resolve it first.");
        }

        return Append(request with { Status = next }, knownComponents, now);
    }

    /// <summary>Reopens a resolved incident, as an explicit act, when the problem comes back.</summary>
    public IncidentUpdate Reopen(IncidentCommand request, IReadOnlyDictionary<string, Component> knownComponents, DateTimeOffset now)
    {
        if (Status != IncidentStatus.Resolved)
        {
            throw new DomainRuleException(Status == IncidentStatus.Postmortem
                ? "An incident whose postmortem is published cannot be reopened; open a new incident."
                : "Only a resolved incident can be reopened; this one is still open.");
        }

        var status = request.Status ?? IncidentStatus.Investigating;
        if (status is IncidentStatus.Resolved or IncidentStatus.Postmortem)
        {
            throw new DomainRuleException("A reopened incident goes back to investigating, identified or monitoring.");
        }

        ResolvedAt = null;
        return Append(request with { Status = status }, knownComponents, now);
    }

    /// <summary>
    /// Publishes the postmortem: a resolved incident moves to the postmortem stage with an update telling customers
    /// (which notifies its subscribers); an incident whose postmortem was published already keeps its stage and
    /// takes the corrected summary without a new update.
    /// </summary>
    /// <returns>The update posted, or null for a correction.</returns>
    public IncidentUpdate? PublishPostmortem(string summary, IncidentCommand announcement, IReadOnlyDictionary<string, Component> knownComponents, DateTimeOffset now)
    {
        if (Status is not (IncidentStatus.Resolved or IncidentStatus.Postmortem))
        {
            throw new DomainRuleException("Only a resolved incident can publish its postmortem: resolve it first.");
        }

        PostmortemBody = summary;
        PostmortemPublishedAt = now;
        UpdatedAt = now;
        return Status == IncidentStatus.Resolved ? PostUpdate(announcement with { Status = IncidentStatus.Postmortem }, knownComponents, now) : null;
    }

    public void Rename(string name, DateTimeOffset now)
    {
        ValidateName(name);
        Name = name;
        UpdatedAt = now;
    }

    public void OverrideImpact(IncidentImpact impact, DateTimeOffset now)
    {
        Impact = impact;
        ImpactOverridden = true;
        UpdatedAt = now;
    }

    /// <summary>
    /// Edits a posted update: its body, the time it is shown at, or both. What customers were told stays on record
    /// (the first body is kept, with who edited and when); nobody is mailed again, and the stage, the components and the
    /// promised next update stay as posted, since they are what the update did, not how it was worded. A display time
    /// stays in the past and between its neighbours', so the timeline keeps its order.
    /// </summary>
    /// <returns>The edited update, or null when the incident has no update with that id.</returns>
    public IncidentUpdate? EditUpdate(string updateId, string? body, DateTimeOffset? displayAt, string by, DateTimeOffset now)
    {
        var index = _updates.FindIndex(u => u.Id == updateId);
        if (index < 0)
        {
            return null;
        }

        if (body is null && displayAt is null)
        {
            throw new DomainRuleException("Nothing to change: send the update's new body or display_at.");
        }

        var update = _updates[index];
        if (body is not null)
        {
            ValidateBody(body);
        }

        if (displayAt is { } shown)
        {
            var earliest = index > 0 ? _updates[index - 1].DisplayAt : DateTimeOffset.MinValue;
            var latest = index < _updates.Count - 1 ? _updates[index + 1].DisplayAt : now;
            if (shown > now)
            {
                throw new DomainRuleException("An update cannot be shown at a time still to come: display_at must be in the past.");
            }

            if (shown < earliest || shown > latest)
            {
                throw new DomainRuleException($"display_at must keep the timeline in order: between {earliest:u} (the update before) and {latest:u}.");
            }
        }

        var edited = update with
        {
            Body = body ?? update.Body,
            DisplayAt = displayAt ?? update.DisplayAt,
            OriginalBody = body is not null && body != update.Body ? update.OriginalBody ?? update.Body : update.OriginalBody,
            EditedAt = now,
            EditedBy = by,
        };
        _updates[index] = edited;
        if (index < _savedUpdateCount)
        {
            _editedIndexes.Add(index);
        }

        UpdatedAt = now;
        return edited;
    }

    /// <summary>Records what the candor check said about an update posted or edited since the incident was read.</summary>
    public void RecordReview(string updateId, Candor.CandorReview review)
    {
        var index = _updates.FindIndex(u => u.Id == updateId);
        if (index < 0 || (index < _savedUpdateCount && !_editedIndexes.Contains(index)))
        {
            throw new InvalidOperationException($"Update {updateId} is neither new nor edited on incident {Id}.");
        }

        _updates[index] = _updates[index] with { Review = review };
    }

    /// <summary>
    /// Takes the next-update time from the words of an update posted without one ("Next update in 30 minutes"), so
    /// the page and the API show the time the message promises.
    /// </summary>
    public void PromiseNextUpdate(string updateId, DateTimeOffset at)
    {
        var index = UnsavedIndex(updateId);
        if (_updates[index].NextUpdateAt is null)
        {
            _updates[index] = _updates[index] with { NextUpdateAt = at };
        }
    }

    private int UnsavedIndex(string updateId)
    {
        var index = _updates.FindIndex(_savedUpdateCount, u => u.Id == updateId);
        return index >= 0 ? index : throw new InvalidOperationException($"Update {updateId} is not an unsaved update of incident {Id}.");
    }

    /// <summary>Rebuilds a stored incident. Only stores call this.</summary>
    public static Incident Rehydrate(IncidentSnapshot snapshot, IEnumerable<IncidentUpdate> updates, string version)
    {
        var incident = new Incident(snapshot.Id, snapshot.Name, snapshot.CreatedAt)
        {
            Status = snapshot.Status,
            Impact = snapshot.Impact,
            ImpactOverridden = snapshot.ImpactOverridden,
            UpdatedAt = snapshot.UpdatedAt,
            StartedAt = snapshot.StartedAt,
            MonitoringAt = snapshot.MonitoringAt,
            ResolvedAt = snapshot.ResolvedAt,
            PostmortemBody = snapshot.PostmortemBody,
            PostmortemPublishedAt = snapshot.PostmortemPublishedAt,
            Version = version,
        };
        foreach (var (componentId, status) in snapshot.Components)
        {
            incident._components[componentId] = status;
        }

        incident._updates.AddRange(updates.OrderBy(u => u.Sequence));
        incident._savedUpdateCount = incident._updates.Count;
        return incident;
    }

    /// <summary>The header fields, as a store writes them.</summary>
    public IncidentSnapshot ToSnapshot()
        => new(Id, Name, Status, Impact, ImpactOverridden, CreatedAt, UpdatedAt, StartedAt, MonitoringAt, ResolvedAt, _components, PostmortemBody, PostmortemPublishedAt);

    /// <summary>Called by the store once the unsaved updates are written.</summary>
    public void MarkSaved(string version)
    {
        _savedUpdateCount = _updates.Count;
        _editedIndexes.Clear();
        Version = version;
    }

    private IncidentUpdate Append(IncidentCommand request, IReadOnlyDictionary<string, Component> knownComponents, DateTimeOffset now)
    {
        var status = request.Status!.Value;
        ValidateBody(request.Body);

        var changes = new List<ComponentChange>();
        foreach (var (componentId, newStatus) in request.Components.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!knownComponents.TryGetValue(componentId, out var component))
            {
                throw new DomainRuleException($"There is no component with id '{componentId}'.");
            }

            if (component.IsGroup)
            {
                throw new DomainRuleException($"'{component.Name}' is a group; set the status of the components in it.");
            }

            var oldStatus = _components.TryGetValue(componentId, out var current) ? current : component.Status;
            _components[componentId] = newStatus;
            if (oldStatus != newStatus)
            {
                changes.Add(new ComponentChange(componentId, component.Name, oldStatus, newStatus));
            }
        }

        // Named as affected without a status: they join at the status they have now, which changes nothing.
        foreach (var componentId in request.ComponentIds.Where(id => !request.Components.ContainsKey(id) && !_components.ContainsKey(id)))
        {
            if (!knownComponents.TryGetValue(componentId, out var component))
            {
                throw new DomainRuleException($"There is no component with id '{componentId}'.");
            }

            if (component.IsGroup)
            {
                throw new DomainRuleException($"'{component.Name}' is a group; name the components in it.");
            }

            _components[componentId] = component.Status;
        }

        Status = status;
        UpdatedAt = now;
        if (status == IncidentStatus.Monitoring)
        {
            MonitoringAt ??= now;
        }

        if (status == IncidentStatus.Resolved)
        {
            ResolvedAt = now;
        }

        if (!ImpactOverridden)
        {
            var derived = IncidentImpactRules.DeriveFrom(_components.Values);
            Impact = derived > Impact ? derived : Impact;
        }

        var update = new IncidentUpdate
        {
            Id = Ids.NewId(),
            IncidentId = Id,
            Sequence = _updates.Count + 1,
            Status = status,
            Body = request.Body,
            ComponentChanges = changes,
            Author = request.Author,
            CreatedAt = now,
            DisplayAt = now,
            NextUpdateAt = IsOpen ? request.NextUpdateAt : null,
            DeliverNotifications = request.DeliverNotifications,
        };
        _updates.Add(update);
        return update;
    }

    private static void ValidateBody([System.Diagnostics.CodeAnalysis.NotNull] string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainRuleException("Every update needs a message for customers: say what they see and what you are doing.");
        }

        if (body.Length > MaxBodyLength)
        {
            throw new DomainRuleException($"An update message has at most {MaxBodyLength:N0} characters.");
        }
    }

    private static void ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("An incident needs a name that says what is affected, for example \"Card payments failing in the EU\".");
        }

        if (name.Length > MaxNameLength)
        {
            throw new DomainRuleException($"An incident name has at most {MaxNameLength} characters.");
        }
    }
}
