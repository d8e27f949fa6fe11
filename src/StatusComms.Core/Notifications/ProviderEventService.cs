using System.Text.Json;
using StatusComms.Subscriptions;

namespace StatusComms.Notifications;

/// <summary>
/// What SendGrid's events tell us: each event once (de-duplicated by sg_event_id), bounces, drops, spam reports and
/// unsubscribes stop mail to that subscriber, and any event about one of our sends shows SendGrid took it, which
/// settles a send that was interrupted and marks its recipient as reached, so that no later attempt mails them again.
/// </summary>
public sealed class ProviderEventService(IDeliveryLedger ledger, SubscriptionService subscriptions, TimeProvider time)
{
    private static readonly HashSet<string> Stopping = new(StringComparer.Ordinal) { "bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe" };

    /// <param name="events">The webhook's body: a JSON array of event objects; our custom arguments are top-level fields.</param>
    public async Task<ProviderEventReport> HandleAsync(JsonElement events, CancellationToken cancellationToken)
    {
        if (events.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The body must be a JSON array of events.");
        }

        int processed = 0, duplicates = 0, stopped = 0, settled = 0;
        foreach (var item in events.EnumerateArray())
        {
            var type = Text(item, "event");
            var id = Text(item, "sg_event_id");
            if (type is null || id is null)
            {
                continue;
            }

            if (!await ledger.TryNoteEventAsync(id, cancellationToken))
            {
                duplicates++;
                continue;
            }

            processed++;
            if (Text(item, "sc_key") is { } key && Text(item, "sc_target") is { } target && Text(item, "sc_attempt") is { } attempt)
            {
                await ledger.NoteEvidenceAsync(key, target, attempt, Text(item, "sc_subscriber"), cancellationToken);
                var record = await ledger.GetRecordAsync(key, target, cancellationToken);
                if (record is { State: DeliveryState.Ambiguous or DeliveryState.Claimed } && record.AttemptId == attempt)
                {
                    await ledger.RecordAsync(key, record with { State = DeliveryState.Sent, FinishedAt = time.GetUtcNow(), Reason = $"Confirmed by SendGrid's {type} event." }, cancellationToken);
                    settled++;
                }
            }

            // A soft "blocked" bounce is temporary; every other stopping event stops mail to the address.
            if (Stopping.Contains(type) && !(type == "bounce" && Text(item, "type") == "blocked"))
            {
                var subscriber = Text(item, "sc_subscriber") ?? (Text(item, "email") is { } email ? await subscriptions.FindIdAsync(email, cancellationToken) : null);
                var reason = $"{type}: {Text(item, "reason") ?? Text(item, "status") ?? "reported by SendGrid"}";
                if (subscriber is not null && await subscriptions.SuppressAsync(subscriber, reason.Length > 500 ? reason[..500] : reason, cancellationToken))
                {
                    stopped++;
                }
            }
        }

        return new ProviderEventReport(processed, duplicates, stopped, settled);
    }

    private static string? Text(JsonElement item, string name)
        => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 1000 } text ? text : null;
}

public sealed record ProviderEventReport(int Processed, int Duplicates, int Stopped, int Settled);
