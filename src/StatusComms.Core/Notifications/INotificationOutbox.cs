namespace StatusComms.Notifications;

/// <summary>
/// Updates stored with notifications on and not yet handed to the fan-out queue. The store writes an outbox entry
/// in the same transaction as the update, so a crash between storing an update and queueing its notification
/// loses nothing: the entry stays until it is queued.
/// </summary>
public interface INotificationOutbox
{
    Task<IReadOnlyList<OutboxEntry>> ListAsync(CancellationToken cancellationToken);

    Task ClearAsync(OutboxEntry entry, CancellationToken cancellationToken);
}

/// <param name="Token">Opaque: clears only this entry as it was listed.</param>
public sealed record OutboxEntry(NotificationRef Notification, DateTimeOffset CreatedAt, string Token);
