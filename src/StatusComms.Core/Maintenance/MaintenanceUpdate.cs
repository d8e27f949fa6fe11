using StatusComms.Candor;

namespace StatusComms.Maintenance;

/// <summary>One message posted on a scheduled maintenance; append-only like incident updates.</summary>
public sealed record MaintenanceUpdate
{
    public required string Id { get; init; }
    public required string MaintenanceId { get; init; }
    public required int Sequence { get; init; }
    public required MaintenanceStatus Status { get; init; }
    public required string Body { get; init; }
    public required string Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool DeliverNotifications { get; init; } = true;

    /// <summary>What the candor check found when this update was posted, and any override reason.</summary>
    public CandorReview Review { get; init; } = CandorReview.None;
}
