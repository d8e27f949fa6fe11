namespace StatusComms.Incidents;

/// <summary>What an edit of a posted update changes: its body, the time it is shown at, or both.</summary>
/// <param name="By">Who edits it (kept with the update).</param>
public sealed record UpdateEdit(string By)
{
    public string? Body { get; init; }
    public DateTimeOffset? DisplayAt { get; init; }

    /// <summary>Why the edited words go out despite the candor check's errors, if they do.</summary>
    public string? CandorOverrideReason { get; init; }
}

/// <summary>The incident exists, but has no update with that id.</summary>
public sealed class UpdateNotFoundException(string incidentId, string updateId)
    : Exception($"Incident '{incidentId}' has no update with id '{updateId}'.")
{
    public string IncidentId { get; } = incidentId;
    public string UpdateId { get; } = updateId;
}
