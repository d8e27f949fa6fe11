using StatusComms.Common;
using StatusComms.Components;

namespace StatusComms.Maintenance;

/// <summary>
/// Planned work in a window. It moves forward only — scheduled, in progress, verifying, completed — and takes no
/// update once its window has closed unless the same update extends the window. With automatic transitions on (the
/// default), the window itself moves it: in progress once the window opens and completed once it closes, unless a
/// comms lead has posted a later stage; <see cref="DueMove"/> says which move the clock owes it, and
/// <see cref="Advance"/> posts it as an announced update. Subscribers are reminded <see cref="RemindPrior"/> before
/// the start (Statuspage's <c>scheduled_remind_prior</c>).
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
    /// <summary>Who the automatic moves are posted by.</summary>
    public const string ScheduleAuthor = "StatusComms schedule";

    /// <summary>How late an automatic move may be and still be mailed to subscribers.</summary>
    public static readonly TimeSpan AnnounceGrace = TimeSpan.FromHours(1);

    /// <summary>How long before the start subscribers are reminded, by default.</summary>
    public static readonly TimeSpan DefaultRemindPrior = TimeSpan.FromMinutes(60);

    public MaintenanceStatus Status { get; private set; }
    public MaintenanceWindow Window { get; private set; }
    public DateTimeOffset ScheduledFor => Window.Start;
    public DateTimeOffset ScheduledUntil => Window.End;
    public bool AutoTransition { get; private set; } = true;

    /// <summary>How long before the start subscribers are reminded; null for no reminder.</summary>
    public TimeSpan? RemindPrior { get; private set; } = DefaultRemindPrior;

    /// <summary>When the reminder was posted, once it was.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }
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

        var maintenance = new ScheduledMaintenance(id, name, now)
        {
            Window = new MaintenanceWindow(scheduledFor, scheduledUntil),
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

    /// <summary>
    /// Posts an update on the maintenance, optionally moving it to a later stage (never back). Once the window has
    /// closed only its completion is taken, unless the window was extended first (<see cref="MoveEnd"/>).
    /// </summary>
    public MaintenanceUpdate PostUpdate(MaintenanceStatus? status, string body, string author, DateTimeOffset now)
    {
        if (Status == MaintenanceStatus.Completed)
        {
            throw new DomainRuleException("This maintenance is completed; it takes no further updates. Schedule a new one.");
        }

        if (Window.HasClosed(now) && status != MaintenanceStatus.Completed)
        {
            throw new DomainRuleException($"The window of this maintenance closed at {Clock(Window.End)}. To post more, extend the window (a later scheduled_until) in the same update, or mark it completed.");
        }

        var current = AutoTransition ? EffectiveStatus(now) : Status;
        var next = status ?? current;
        if (next < current)
        {
            throw new DomainRuleException($"A maintenance moves forward only: it is {Words(current)}, so it cannot go back to {Words(next)}. Post an update in its current stage saying what changed.");
        }

        return Append(next, body, author, now);
    }

    /// <summary>
    /// Moves the end of the window (work running long, or finishing early); an update must say so. A window that
    /// has closed is extended only to a time still ahead.
    /// </summary>
    public void MoveEnd(DateTimeOffset scheduledUntil, DateTimeOffset now)
    {
        if (Status == MaintenanceStatus.Completed)
        {
            throw new DomainRuleException("This maintenance is completed; its window can no longer change.");
        }

        if (Window.HasClosed(now) && scheduledUntil <= now)
        {
            throw new DomainRuleException($"The window closed at {Clock(Window.End)}; extending it needs an end still ahead, after {Clock(now)}.");
        }

        Window = Window.EndingAt(scheduledUntil);
        UpdatedAt = now;
    }

    /// <summary>Whether subscribers are reminded before the start, and how long before (null: not at all).</summary>
    public void SetReminder(TimeSpan? prior, DateTimeOffset now)
    {
        if (prior is { } p && (p <= TimeSpan.Zero || p > TimeSpan.FromDays(7)))
        {
            throw new DomainRuleException("A maintenance reminder goes out between 1 minute and 7 days before the start.");
        }

        RemindPrior = prior;
        UpdatedAt = now;
    }

    /// <summary>The move the clock owes this maintenance at <paramref name="now"/>, if any.</summary>
    public MaintenanceMove DueMove(DateTimeOffset now)
    {
        if (Status == MaintenanceStatus.Completed)
        {
            return MaintenanceMove.None;
        }

        if (AutoTransition && Window.HasClosed(now))
        {
            return MaintenanceMove.Complete;
        }

        if (AutoTransition && Status == MaintenanceStatus.Scheduled && Window.IsOpen(now))
        {
            return MaintenanceMove.Start;
        }

        // Announced less than the reminder's lead before the start, the announcement is reminder enough.
        return Status == MaintenanceStatus.Scheduled && RemindedAt is null && RemindPrior is { } prior && CreatedAt < Window.Start - prior && Window.IsReminderDue(prior, now)
            ? MaintenanceMove.Remind
            : MaintenanceMove.None;
    }

    /// <summary>Posts the move the clock owes (<see cref="DueMove"/>) as an update in <paramref name="body"/>'s words, announced to subscribers.</summary>
    public MaintenanceUpdate Advance(MaintenanceMove move, string body, DateTimeOffset now)
    {
        if (move == MaintenanceMove.None || move != DueMove(now))
        {
            throw new InvalidOperationException($"Maintenance {Id} is not due to {move} at {now:u}.");
        }

        if (move == MaintenanceMove.Remind)
        {
            RemindedAt = now;
        }

        var (stage, dueAt) = move switch
        {
            MaintenanceMove.Start => (MaintenanceStatus.InProgress, Window.Start),
            MaintenanceMove.Complete => (MaintenanceStatus.Completed, Window.End),
            _ => (MaintenanceStatus.Scheduled, Window.Start - RemindPrior!.Value),
        };

        // A move made long after its moment (the app was down, or the maintenance predates the schedule) is recorded
        // on the page but mailed to nobody: "it has started" an hour late is noise, not news.
        return Append(stage, body, ScheduleAuthor, now, deliver: now - dueAt <= AnnounceGrace);
    }

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Words(MaintenanceStatus status) => status switch
    {
        MaintenanceStatus.Scheduled => "scheduled",
        MaintenanceStatus.InProgress => "in progress",
        MaintenanceStatus.Verifying => "verifying",
        _ => "completed",
    };

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
            Window = new MaintenanceWindow(snapshot.ScheduledFor, snapshot.ScheduledUntil),
            AutoTransition = snapshot.AutoTransition,
            RemindPrior = snapshot.RemindPriorMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            RemindedAt = snapshot.RemindedAt,
            UpdatedAt = snapshot.UpdatedAt,
            Version = version,
        };
        maintenance._componentIds.AddRange(snapshot.ComponentIds);
        maintenance._updates.AddRange(updates.OrderBy(u => u.Sequence));
        maintenance._savedUpdateCount = maintenance._updates.Count;
        return maintenance;
    }

    public MaintenanceSnapshot ToSnapshot()
        => new(Id, Name, Status, ScheduledFor, ScheduledUntil, AutoTransition, CreatedAt, UpdatedAt, _componentIds, RemindPrior is { } prior ? (int)prior.TotalMinutes : null, RemindedAt);

    public void MarkSaved(string version)
    {
        _savedUpdateCount = _updates.Count;
        Version = version;
    }

    private MaintenanceUpdate Append(MaintenanceStatus status, string body, string author, DateTimeOffset now, bool deliver = true)
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
            DeliverNotifications = deliver,
        };
        _updates.Add(update);
        return update;
    }
}

/// <summary>What the clock can owe a maintenance.</summary>
public enum MaintenanceMove
{
    None,

    /// <summary>Remind its subscribers that the work starts soon.</summary>
    Remind,

    /// <summary>Its window has opened: in progress.</summary>
    Start,

    /// <summary>Its window has closed: completed.</summary>
    Complete,
}
