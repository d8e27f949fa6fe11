using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST incidents and PATCH incidents/{id}: <c>{"incident": {...}}</c>, as in Statuspage's API.</summary>
public sealed record IncidentRequest
{
    public required IncidentFields Incident { get; init; }
}

/// <summary>
/// Statuspage's incident fields. The Statuspage fields that have no meaning here (tweets, metadata, backfill flags,
/// reminders) are accepted and ignored, so existing automation keeps working; anything else unknown is refused.
/// As in Statuspage, planned work is an incident too: a maintenance status (<c>scheduled</c>, <c>in_progress</c>,
/// <c>verifying</c>, <c>completed</c>), a <c>scheduled_for</c> or <c>impact_override: maintenance</c> makes the body a scheduled maintenance
/// (<see cref="IsMaintenance"/>), kept and answered as one.
/// </summary>
[AcceptsAndIgnores(
    "metadata", "backfilled", "backfill_date", "wants_twitter_update", "reminder_intervals", "custom_tweet",
    "auto_tweet_at_beginning", "auto_tweet_on_completion", "auto_tweet_on_creation", "auto_tweet_one_hour_before",
    "auto_transition_deliver_notifications_at_start", "auto_transition_deliver_notifications_at_end")]
public sealed record IncidentFields
{
    public string? Name { get; init; }

    /// <summary>An incident stage or, for planned work, a maintenance stage (Statuspage has one field for both).</summary>
    public StageName? Status { get; init; }
    /// <summary>An impact, or <c>maintenance</c> for planned work.</summary>
    public ImpactName? ImpactOverride { get; init; }
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

    /// <summary>Statuspage's switches for moving a maintenance by its window; here one switch does all (<see cref="NewMaintenance.AutoTransition"/>).</summary>
    public bool? ScheduledAutoInProgress { get; init; }
    public bool? ScheduledAutoCompleted { get; init; }
    public bool? ScheduledAutoTransition { get; init; }
    public bool? AutoTransitionToMaintenanceState { get; init; }
    public bool? AutoTransitionToOperationalState { get; init; }

    /// <summary>Statuspage's switch for reminding subscribers before planned work: here 60 minutes before the start.</summary>
    public bool? ScheduledRemindPrior { get; init; }

    /// <summary>Planned work: a maintenance status, or a window, was sent.</summary>
    public bool IsMaintenance => MaintenanceStage is not null || ScheduledFor is not null || ImpactOverride?.IsMaintenance == true;

    private MaintenanceStatus? MaintenanceStage => Status?.Maintenance;

    private IncidentStatus? Stage => Status?.Incident;

    public NewMaintenance ToNewMaintenance(HttpRequest request)
    {
        if (ScheduledFor is null || ScheduledUntil is null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Window missing", "Planned work needs scheduled_for and scheduled_until (ISO 8601).");
        }

        if (MaintenanceStage is MaintenanceStatus.Verifying or MaintenanceStatus.Completed)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Not a first stage", "A maintenance starts scheduled (or in_progress, when its window has begun); verifying and completed come later, with an update.");
        }

        return new NewMaintenance
        {
            Name = Name ?? string.Empty,
            Body = Body ?? string.Empty,
            ScheduledFor = ScheduledFor.Value,
            ScheduledUntil = ScheduledUntil.Value,
            ComponentIds = (ComponentIds ?? []).Concat(Components?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray(),
            AutoTransition = ScheduledAutoInProgress ?? ScheduledAutoTransition ?? ScheduledAutoCompleted ?? AutoTransitionToMaintenanceState ?? AutoTransitionToOperationalState ?? true,
            RemindPrior = ScheduledRemindPrior == false ? null : ScheduledMaintenance.DefaultRemindPrior,
            Author = Caller.NameOf(request),
            CandorOverrideReason = CandorOverrideReason,
        };
    }

    /// <summary>An update to a maintenance sent to incidents/{id}: a stage, a body, a new end of the window.</summary>
    public MaintenanceChanges ToMaintenanceChanges(HttpRequest request)
    {
        if (Stage is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Not a maintenance stage", $"This is a scheduled maintenance: its status is one of {string.Join(", ", WireName.AllOf<MaintenanceStatus>())}.");
        }

        if (Name is not null || ScheduledFor is not null || ComponentIds is not null || Components is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Field not changeable", "An update on a maintenance takes a status, a body and a new scheduled_until; for another start or scope, schedule a new maintenance.");
        }

        return new MaintenanceChanges { Status = MaintenanceStage, ScheduledUntil = ScheduledUntil, Body = Body ?? string.Empty, Author = Caller.NameOf(request), CandorOverrideReason = CandorOverrideReason };
    }

    /// <summary>The command these fields ask for: opening an incident, or (<paramref name="opening"/> false) changing one.</summary>
    public IncidentCommand ToCommand(HttpRequest request, bool opening)
    {
        RefuseMaintenance();
        if (!opening && StartedAt is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Field not changeable", "started_at is set when an incident is opened and cannot be changed afterwards.");
        }

        return new IncidentCommand
        {
            Name = opening ? Name ?? string.Empty : Name,
            Status = Stage,
            Body = opening ? Body ?? string.Empty : Body,
            ImpactOverride = ImpactOverride?.Incident,
            StartedAt = StartedAt,
            ComponentIds = ComponentIds ?? [],
            Components = Components ?? [],
            NextUpdateAt = NextUpdateAt,
            DeliverNotifications = DeliverNotifications ?? true,
            Author = Caller.NameOf(request),
            CandorOverrideReason = CandorOverrideReason,
        };
    }

    /// <summary>The answer to planned-work fields sent for an incident.</summary>
    public static ApiProblemException NotPlannedWork()
        => new(StatusCodes.Status422UnprocessableEntity, "Not planned work", "This is an incident: a maintenance status or window applies only to scheduled maintenances.");

    private void RefuseMaintenance()
    {
        if (IsMaintenance || ScheduledUntil is not null)
        {
            throw NotPlannedWork();
        }
    }
}
