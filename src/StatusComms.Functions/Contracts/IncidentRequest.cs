using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST incidents and PATCH incidents/{id}: <c>{"incident": {...}}</c>, as in Statuspage's API.</summary>
public sealed record IncidentRequest
{
    public required IncidentFields Incident { get; init; }
}

/// <summary>
/// Statuspage's incident fields. The Statuspage fields that have no meaning here (tweets, metadata, backfill flags,
/// reminders) are accepted and ignored, so existing automation keeps working; anything else unknown is refused.
/// </summary>
[AcceptsAndIgnores(
    "metadata", "backfilled", "backfill_date", "wants_twitter_update", "reminder_intervals", "custom_tweet",
    "auto_tweet_at_beginning", "auto_tweet_on_completion", "auto_tweet_on_creation", "auto_tweet_one_hour_before")]
public sealed record IncidentFields
{
    public string? Name { get; init; }
    public IncidentStatus? Status { get; init; }
    public IncidentImpact? ImpactOverride { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<string>? ComponentIds { get; init; }
    public Dictionary<string, ComponentStatus>? Components { get; init; }
    public bool? DeliverNotifications { get; init; }

    /// <summary>When the problem began, if before the incident was opened (Statuspage's backfill).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When customers will hear from us next (StatusComms' addition; UTC).</summary>
    public DateTimeOffset? NextUpdateAt { get; init; }

    /// <summary>Why this message should go out although the candor check found errors (StatusComms' addition).</summary>
    public string? CandorOverrideReason { get; init; }

    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset? ScheduledUntil { get; init; }

    public NewIncident ToNewIncident(HttpRequest request)
    {
        RefuseScheduling();
        return new NewIncident
        {
            Name = Name ?? string.Empty,
            Status = Status,
            Body = Body ?? string.Empty,
            ImpactOverride = ImpactOverride,
            StartedAt = StartedAt,
            ComponentIds = ComponentIds ?? [],
            Components = Components ?? [],
            NextUpdateAt = NextUpdateAt,
            DeliverNotifications = DeliverNotifications ?? true,
            Author = Caller.NameOf(request),
            CandorOverrideReason = CandorOverrideReason,
        };
    }

    public IncidentChanges ToChanges(HttpRequest request)
    {
        RefuseScheduling();
        if (StartedAt is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Field not changeable", "started_at is set when an incident is opened and cannot be changed afterwards.");
        }

        return new IncidentChanges
        {
            Name = Name,
            Status = Status,
            Body = Body,
            ImpactOverride = ImpactOverride,
            ComponentIds = ComponentIds ?? [],
            Components = Components ?? [],
            NextUpdateAt = NextUpdateAt,
            DeliverNotifications = DeliverNotifications ?? true,
            Author = Caller.NameOf(request),
            CandorOverrideReason = CandorOverrideReason,
        };
    }

    private void RefuseScheduling()
    {
        if (ScheduledFor is not null || ScheduledUntil is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Use scheduled-maintenances", "Planned work is created with POST /api/v1/pages/{page_id}/scheduled-maintenances, not as an incident.");
        }
    }
}
