namespace StatusComms.Functions.Contracts;

/// <summary>
/// The fields of Statuspage's incident object that an incident and a maintenance (planned work is an incident there)
/// share beyond their own: postmortem flags, scheduling switches, reminders, metadata. Each has the value that is
/// true here (no Twitter, a postmortem is never opted out of; a maintenance's reminder and announced moves as it has
/// them), so a client that reads any field of
/// Statuspage's incident finds it on both.
/// </summary>
public abstract record IncidentObjectFields
{
    public DateTimeOffset? PostmortemBodyLastUpdatedAt { get; init; }
    public bool PostmortemIgnored { get; init; }
    public bool PostmortemNotifiedSubscribers { get; init; }
    public bool PostmortemNotifiedTwitter { get; init; }
    public bool ScheduledAutoInProgress { get; init; }
    public bool ScheduledAutoCompleted { get; init; }
    public bool ScheduledRemindPrior { get; init; }
    public DateTimeOffset? ScheduledRemindedAt { get; init; }
    public IReadOnlyList<int>? ReminderIntervals { get; init; }
    public bool AutoTransitionDeliverNotificationsAtStart { get; init; }
    public bool AutoTransitionDeliverNotificationsAtEnd { get; init; }
    public IReadOnlyDictionary<string, object> Metadata { get; init; } = new Dictionary<string, object>();
}
