using StatusComms.Incidents;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of PATCH incidents/{id}/incident_updates/{id}: <c>{"incident_update": {"body", "display_at"}}</c>, as in Statuspage's API.</summary>
public sealed record IncidentUpdateRequest
{
    public required IncidentUpdateFields IncidentUpdate { get; init; }
}

/// <summary>
/// What an edit may change. Statuspage's tweet fields and <c>deliver_notifications</c> are accepted and ignored: an
/// edit never mails anyone again (subscribers were told once; the page shows the new words).
/// </summary>
[AcceptsAndIgnores("wants_twitter_update", "twitter_updated_at", "custom_tweet", "deliver_notifications")]
public sealed record IncidentUpdateFields
{
    public string? Body { get; init; }
    public DateTimeOffset? DisplayAt { get; init; }

    /// <summary>Why the new words should go out although the candor check found errors (StatusComms' addition).</summary>
    public string? CandorOverrideReason { get; init; }

    public UpdateEdit ToEdit(HttpRequest request)
        => new(Caller.NameOf(request)) { Body = Body, DisplayAt = DisplayAt, CandorOverrideReason = CandorOverrideReason };
}
