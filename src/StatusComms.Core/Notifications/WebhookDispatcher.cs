using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.PublicApi;
using StatusComms.StatusPage;
using StatusComms.Subscriptions;

namespace StatusComms.Notifications;

/// <summary>
/// Posts an update to a webhook subscriber in Statuspage's webhook shape (meta, page, incident), signed with
/// HMAC-SHA256 over the body with the subscriber's secret (<c>X-StatusComms-Signature: sha256=…</c>). Delivery is at
/// least once, with back-off: the receiver de-duplicates on <c>X-StatusComms-Delivery</c>, the same for every try.
/// </summary>
public sealed partial class WebhookDispatcher(
    IDeliveryLedger ledger,
    ISubscriberStore subscribers,
    IComponentStore components,
    IIncidentStore incidents,
    IMaintenanceStore maintenances,
    IWebhookSender sender,
    INotificationQueue queue,
    SubscriptionTokens tokens,
    SubscriptionLinks links,
    PageSettings page,
    DeliveryOptions options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    public const string SignatureHeader = "X-StatusComms-Signature";
    public const string DeliveryHeader = "X-StatusComms-Delivery";

    public async Task<DeliveryRecord?> DeliverAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var notification = NotificationRef.TryParse(message.Key);
        var subscriber = notification is null ? null : await subscribers.GetAsync(message.SubscriberId, cancellationToken);
        if (notification is null || subscriber?.WebhookUrl is null || subscriber.WebhookSecret is null || subscriber.Status != SubscriberStatus.Confirmed)
        {
            return null; // Gone or stopped since the fan-out.
        }

        var target = "w" + subscriber.Id;
        var now = time.GetUtcNow();
        var current = await ledger.GetRecordAsync(message.Key, target, cancellationToken);
        if (current?.State is DeliveryState.Sent or DeliveryState.Failed)
        {
            return current;
        }

        if (current?.State == DeliveryState.Claimed && now - current.ClaimedAt < options.ClaimLease)
        {
            await queue.EnqueueWebhookAsync(message, options.ClaimLease - (now - current.ClaimedAt), cancellationToken);
            return current;
        }

        var body = await PayloadAsync(notification, subscriber, now, cancellationToken);
        if (body is null)
        {
            return null;
        }

        var claim = new DeliveryRecord(target, DeliveryState.Claimed, (current?.Attempt ?? 0) + 1, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), now, Recipients: 1);
        if (!await ledger.TryClaimAsync(message.Key, claim, current, cancellationToken))
        {
            return null;
        }

        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(subscriber.WebhookSecret), body));
        var result = await sender.PostAsync(subscriber.WebhookUrl, body, new Dictionary<string, string> { [SignatureHeader] = signature, [DeliveryHeader] = message.Key }, cancellationToken);
        var state = result.Outcome switch
        {
            WebhookOutcome.Delivered => DeliveryState.Sent,
            WebhookOutcome.Retry when claim.Attempt < options.MaxAttempts => DeliveryState.RetryScheduled,
            _ => DeliveryState.Failed,
        };
        var record = claim with { State = state, FinishedAt = time.GetUtcNow(), StatusCode = result.StatusCode, Reason = result.Reason };
        await ledger.RecordAsync(message.Key, record, cancellationToken);
        Common.StatusCommsTelemetry.Deliveries.Add(1, new KeyValuePair<string, object?>("statuscomms.channel", "webhook"), new KeyValuePair<string, object?>("statuscomms.outcome", Common.WireName.Of(record.State)));
        if (state == DeliveryState.RetryScheduled)
        {
            await queue.EnqueueWebhookAsync(message, options.Backoff(claim.Attempt, Random.Shared.NextDouble()), cancellationToken);
        }
        else if (result.Outcome == WebhookOutcome.Gone)
        {
            subscriber.Unsubscribe("the endpoint answered 410 Gone", time.GetUtcNow());
            await subscribers.TrySaveAsync(subscriber, cancellationToken);
        }

        if (state == DeliveryState.Failed)
        {
            LogFailed(logger, message.Key, subscriber.Id, result.Reason);
        }

        return record;
    }

    /// <summary>A webhook message the host gave up on: recorded as failed with its cause.</summary>
    public async Task GiveUpAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var target = "w" + message.SubscriberId;
        var current = await ledger.GetRecordAsync(message.Key, target, cancellationToken);
        if (current?.State is DeliveryState.Sent or DeliveryState.Failed)
        {
            return;
        }

        var now = time.GetUtcNow();
        var failed = (current ?? new DeliveryRecord(target, DeliveryState.Failed, 0, "none", now, Recipients: 1)) with
        {
            State = DeliveryState.Failed,
            FinishedAt = now,
            Reason = "The delivery failed on every try and was moved to the poison queue." + (current?.Reason is { } last ? $" Last cause: {last}" : string.Empty),
        };
        if (current is null)
        {
            await ledger.TryClaimAsync(message.Key, failed, null, cancellationToken);
        }
        else
        {
            await ledger.RecordAsync(message.Key, failed, cancellationToken);
        }
    }

    /// <summary>The payload, Statuspage's webhook shape, as JSON (what is signed is exactly what is sent).</summary>
    public async Task<byte[]?> PayloadAsync(NotificationRef notification, Subscriber subscriber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var componentsTask = components.ListAsync(cancellationToken);
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var maintenancesTask = maintenances.ListOpenAsync(cancellationToken);
        var content = new SiteContent(page, await componentsTask, await openTask, [], await maintenancesTask, now);
        var meta = new WebhookMeta(links.UnsubscribeUrl(tokens.Create(TokenPurpose.Unsubscribe, subscriber.Id, now)), page.Url + "/api/v2/summary.json");
        var status = new WebhookPage(page.Id, content.Rollup.Indicator, content.Rollup.Description);
        object? payload = notification.Kind == NotificationKind.Incident
            ? await incidents.GetAsync(notification.SubjectId, cancellationToken) is { } incident ? new IncidentWebhook(meta, status, PublicApiBuilder.IncidentOf(incident, content)) : null
            : await maintenances.GetAsync(notification.SubjectId, cancellationToken) is { } maintenance ? new MaintenanceWebhook(meta, status, PublicApiBuilder.MaintenanceOf(maintenance, content)) : null;
        return payload is null ? null : PublicJson.Serialize(payload);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Key} to subscriber {SubscriberId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string subscriberId, string? reason);
}

public sealed record WebhookMeta(string Unsubscribe, string Documentation);

public sealed record WebhookPage(string Id, PageIndicator StatusIndicator, string StatusDescription);

/// <summary>Statuspage's incident webhook: <c>{"meta", "page", "incident"}</c>.</summary>
public sealed record IncidentWebhook(WebhookMeta Meta, WebhookPage Page, PublicIncident Incident);

/// <summary>Statuspage sends maintenances in the same shape, under "incident".</summary>
public sealed record MaintenanceWebhook(WebhookMeta Meta, WebhookPage Page, PublicMaintenance Incident);
