using StatusComms.Common;
using StatusComms.Components;

namespace StatusComms.Maintenance;

/// <summary>
/// Planned work in a window. With automatic transitions on (the default), the window itself moves it:
/// a scheduled maintenance is in progress once its window opens and completed once it closes, unless
/// a comms lead has posted a later stage.
/// </summary>
public sealed class ScheduledMaintenance
{
    public const int MaxNameLength = 255;
    public const int MaxBodyLength = 10_000;

    private readonly List<MaintenanceUpdate> _updates = [];
    private readonly List<string> _componentIds = [];
    private int _savedUpdateCount;

    private ScheduledMaintenance(string id, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string Id { get; }
    public string Name { get; private set; }
    public MaintenanceStatus Status { get; private set; }
    public DateTimeOffset ScheduledFor { get; private set; }
    public DateTimeOffset ScheduledUntil { get; private set; }
    public bool AutoTransition { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<string> ComponentIds => _componentIds;
    public IReadOnlyList<MaintenanceUpdate> Updates => _updates;
    public IReadOnlyList<MaintenanceUpdate> UnsavedUpdates => _updates[_savedUpdateCount..];
    public string? Version { get; private set; }

    public static ScheduledMaintenance Schedule(
        string id,
        string name,
        string body,
        DateTimeOffset scheduledFor,
        DateTimeOffset scheduledUntil,
        IEnumerable<string> componentIds,
        bool autoTransition,
        IReadOnlyDictionary<string, Component> knownComponents,
        string author,
        DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new DomainRuleException($"A maintenance needs a name of 1 to {MaxNameLength} characters saying what will be worked on.");
        }

        if (scheduledUntil <= scheduledFor)
        {
            throw new DomainRuleException("A maintenance window must end after it starts.");
        }

        var maintenance = new ScheduledMaintenance(id, name, now)
        {
            ScheduledFor = scheduledFor,
            ScheduledUntil = scheduledUntil,
            AutoTransition = autoTransition,
            Status = MaintenanceStatus.Scheduled,
        };
        foreach (var componentId in componentIds.Distinct(StringComparer.Ordinal))
        {
            if (!knownComponents.ContainsKey(componentId))
            {
                throw new DomainRuleException($"There is no component with id '{componentId}'.");
            }

            maintenance._componentIds.Add(componentId);
        }

        maintenance.Append(MaintenanceStatus.Scheduled, body, author, now);
        return maintenance;
    }

    /// <summary>Posts an update on the maintenance, optionally moving it to another stage.</summary>
    public MaintenanceUpdate PostUpdate(MaintenanceStatus? status, string body, string author, DateTimeOffset now)
    {
        if (Status == MaintenanceStatus.Completed)
        {
            throw new DomainRuleException("This maintenance is completed; it takes no further updates. Schedule a new one.");
        }

        return Append(status ?? Status, body, author, now);
    }

    /// <summary>Moves the end of the window (work running long, or finishing early); an update must say so.</summary>
    public void MoveEnd(DateTimeOffset scheduledUntil, DateTimeOffset now)
    {
        if (Status == MaintenanceStatus.Completed)
        {
            throw new DomainRuleException("This maintenance is completed; its window can no longer change.");
        }

        if (scheduledUntil <= ScheduledFor)
        {
            throw new DomainRuleException("A maintenance window must end after it starts.");
        }

        ScheduledUntil = scheduledUntil;
        UpdatedAt = now;
    }

    /// <summary>The stage customers should see at <paramref name="now"/>, taking the window into account.</summary>
    public MaintenanceStatus EffectiveStatus(DateTimeOffset now)
    {
        if (!AutoTransition || Status == MaintenanceStatus.Completed)
        {
            return Status;
        }

        if (now >= ScheduledUntil)
        {
            return MaintenanceStatus.Completed;
        }

        return Status == MaintenanceStatus.Scheduled && now >= ScheduledFor ? MaintenanceStatus.InProgress : Status;
    }

    public bool IsActive(DateTimeOffset now) => EffectiveStatus(now) is MaintenanceStatus.InProgress or MaintenanceStatus.Verifying;

    public bool IsUpcoming(DateTimeOffset now) => EffectiveStatus(now) == MaintenanceStatus.Scheduled;

    /// <summary>Records what the candor check said about the update just posted.</summary>
    public void RecordReview(Candor.CandorReview review)
    {
        if (_updates.Count == _savedUpdateCount)
        {
            throw new InvalidOperationException($"Maintenance {Id} has no unsaved update to review.");
        }

        _updates[^1] = _updates[^1] with { Review = review };
    }

    public static ScheduledMaintenance Rehydrate(MaintenanceSnapshot snapshot, IEnumerable<MaintenanceUpdate> updates, string version)
    {
        var maintenance = new ScheduledMaintenance(snapshot.Id, snapshot.Name, snapshot.CreatedAt)
        {
            Status = snapshot.Status,
            ScheduledFor = snapshot.ScheduledFor,
            ScheduledUntil = snapshot.ScheduledUntil,
            AutoTransition = snapshot.AutoTransition,
            UpdatedAt = snapshot.UpdatedAt,
            Version = version,
        };
        maintenance._componentIds.AddRange(snapshot.ComponentIds);
        maintenance._updates.AddRange(updates.OrderBy(u => u.Sequence));
        maintenance._savedUpdateCount = maintenance._updates.Count;
        return maintenance;
    }

    public MaintenanceSnapshot ToSnapshot()
        => new(Id, Name, Status, ScheduledFor, ScheduledUntil, AutoTransition, CreatedAt, UpdatedAt, _componentIds);

    public void MarkSaved(string version)
    {
        _savedUpdateCount = _updates.Count;
        Version = version;
    }

    private MaintenanceUpdate Append(MaintenanceStatus status, string body, string author, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainRuleException("Every maintenance update needs a message: say what will change for customers and when.");
        }

        if (body.Length > MaxBodyLength)
        {
            throw new DomainRuleException($"A maintenance message has at most {MaxBodyLength:N0} characters.");
        }

        Status = status;
        UpdatedAt = now;
        var update = new MaintenanceUpdate
        {
            Id = Ids.NewId(),
            MaintenanceId = Id,
            Sequence = _updates.Count + 1,
            Status = status,
            Body = body,
            Author = author,
            CreatedAt = now,
        };
        _updates.Add(update);
        return update;
    }
}
