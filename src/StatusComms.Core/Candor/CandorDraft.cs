using StatusComms.Incidents;

namespace StatusComms.Candor;

/// <summary>A message about to be published, with what the check needs to judge it.</summary>
public sealed record CandorDraft
{
    public string? Title { get; init; }
    public required string Body { get; init; }
    public required IncidentStatus Stage { get; init; }
    public required IncidentImpact Impact { get; init; }

    /// <summary>Names of the components the incident affects.</summary>
    public IReadOnlyList<string> AffectedComponents { get; init; } = [];

    /// <summary>
    /// Names of every component on the page: the page's own vocabulary, which is never jargon to its readers.
    /// The affected components count too, whether or not they are listed here.
    /// </summary>
    public IReadOnlyList<string> PageVocabulary { get; init; } = [];

    /// <summary>
    /// When the next update is promised (UTC), as given in <c>next_update_at</c>. When null, the promise is read
    /// from the words ("Next update in 30 minutes"); while the incident is unresolved, one of the two is required.
    /// </summary>
    public DateTimeOffset? NextUpdateAt { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>
    /// The incident's own record of its impact (started, and resolved or now), when known: a resolved message or
    /// postmortem stating a duration that contradicts it is an error.
    /// </summary>
    public DateTimeOffset? ImpactStartedAt { get; init; }

    public DateTimeOffset? ImpactEndedAt { get; init; }

    /// <summary>For postmortems: what will be done so it does not happen again.</summary>
    public IReadOnlyList<ActionItem> ActionItems { get; init; } = [];

    /// <summary>
    /// True for a postmortem document, whose action items are checked (and required). A status update posted at
    /// the postmortem stage is checked for its words only: the document carries the action items.
    /// </summary>
    public bool IsPostmortemDocument { get; init; }

    /// <summary>
    /// True for scheduled maintenance: its window is the promise of when customers hear next, and planned work
    /// needs no apology; every rule about wording still applies.
    /// </summary>
    public bool IsPlannedWork { get; init; }

    public bool IsUnresolved => !IsPlannedWork && Stage is IncidentStatus.Investigating or IncidentStatus.Identified or IncidentStatus.Monitoring;

    public bool IsOver => !IsPlannedWork && Stage is IncidentStatus.Resolved or IncidentStatus.Postmortem;
}

/// <summary>A postmortem commitment: something concrete, someone who owns it, a date.</summary>
public sealed record ActionItem(string Description, string? Owner, DateOnly? DueDate);
