using StatusComms.Maintenance;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST/PATCH scheduled-maintenances: <c>{"scheduled_maintenance": {...}}</c>.</summary>
public sealed record MaintenanceRequest
{
    public required MaintenanceFields ScheduledMaintenance { get; init; }
}

public sealed record MaintenanceFields
{
    public string? Name { get; init; }
    public MaintenanceStatus? Status { get; init; }
    public string? Body { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset? ScheduledUntil { get; init; }
    public IReadOnlyList<string>? ComponentIds { get; init; }
    public bool? AutoTransition { get; init; }

    /// <summary>Remind subscribers 60 minutes before the start (Statuspage's name); default on.</summary>
    public bool? ScheduledRemindPrior { get; init; }
    public bool? DeliverNotifications { get; init; }
    public string? CandorOverrideReason { get; init; }

    public NewMaintenance ToNewMaintenance(HttpRequest request)
    {
        if (ScheduledFor is null || ScheduledUntil is null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Window missing", "A scheduled maintenance needs scheduled_for and scheduled_until (UTC, ISO 8601).");
        }

        return new NewMaintenance
        {
            Name = Name ?? string.Empty,
            Body = Body ?? string.Empty,
            ScheduledFor = ScheduledFor.Value,
            ScheduledUntil = ScheduledUntil.Value,
            ComponentIds = ComponentIds ?? [],
            AutoTransition = AutoTransition ?? true,
            RemindPrior = ScheduledRemindPrior == false ? null : ScheduledMaintenance.DefaultRemindPrior,
            Author = Caller.NameOf(request),
            CandorOverrideReason = CandorOverrideReason,
        };
    }

    public MaintenanceChanges ToChanges(HttpRequest request)
    {
        if (Name is not null || ScheduledFor is not null || ComponentIds is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Field not changeable", "An update on a maintenance takes a status, a body and a new scheduled_until; for another start or scope, schedule a new maintenance.");
        }

        return new MaintenanceChanges { Status = Status, ScheduledUntil = ScheduledUntil, Body = Body ?? string.Empty, Author = Caller.NameOf(request), CandorOverrideReason = CandorOverrideReason };
    }
}
