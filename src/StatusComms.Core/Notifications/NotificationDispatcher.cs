using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using StatusComms.Subscriptions;

namespace StatusComms.Notifications;

/// <summary>
/// The email pipeline: splits an update's recipients into batches (the fan-out) and sends each batch with one call,
/// recording every step in the <see cref="IDeliveryLedger"/> so that any crash or retry leads to nobody getting a
/// mail twice and nobody being skipped. docs/notifications.md walks through each crash point.
/// </summary>
public sealed partial class NotificationDispatcher(
    IDeliveryLedger ledger,
    ISubscriberStore subscribers,
    INotificationQueue queue,
    IMailSender mail,
    NotificationComposer composer,
    NotificationSource source,
    DeliveryOptions options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    /// <summary>The delivery target of an update's fan-out itself (working out who to tell), beside its batches' <c>b00000</c>….</summary>
    public const string FanOutTarget = "plan";

    /// <summary>
    /// Writes the update's batches (continuing after the last batch an earlier, interrupted run wrote), marks the plan
    /// complete, then queues every batch. Queueing a batch twice is harmless: its send is claimed once.
    /// </summary>
    public async Task<DeliveryPlan> FanOutAsync(NotificationRef notification, CancellationToken cancellationToken)
    {
        var content = await source.LoadAsync(notification, cancellationToken);
        if (content is null || !content.Deliver)
        {
            LogNothingToSend(logger, notification.Key);
            return new DeliveryPlan([], true);
        }

        var key = notification.Key;
        var plan = await ledger.ReadPlanAsync(key, cancellationToken);
        var batches = plan.Batches.ToList();
        if (!plan.IsComplete)
        {
            await PlanRestAsync(key, content.ComponentIds, batches, cancellationToken);
            await ledger.CompletePlanAsync(key, batches.Count, cancellationToken);
        }

        foreach (var batch in batches)
        {
            await queue.EnqueueBatchAsync(new BatchMessage(key, batch.Index), TimeSpan.Zero, cancellationToken);
        }

        if (!plan.IsComplete)
        {
            Common.StatusCommsTelemetry.FanOutRecipients.Add(batches.Sum(b => b.EmailSubscriberIds.Count), new KeyValuePair<string, object?>("statuscomms.channel", "mail"));
            Common.StatusCommsTelemetry.FanOutRecipients.Add(batches.Sum(b => b.WebhookSubscriberIds.Count), new KeyValuePair<string, object?>("statuscomms.channel", "webhook"));
        }

        if (await ledger.GetRecordAsync(key, FanOutTarget, cancellationToken) is { State: not DeliveryState.Sent } given)
        {
            // A fan-out given up on and sent again by a person: it went through, so it is no longer a problem.
            await ledger.RecordAsync(key, given with { State = DeliveryState.Sent, FinishedAt = time.GetUtcNow(), Reason = $"Planned: {batches.Count} batches queued. Before: {given.Reason}" }, cancellationToken);
        }

        return new DeliveryPlan(batches, true);
    }

    /// <summary>Sends one batch, once: claim, send, record. See <see cref="DeliveryState"/> for each outcome.</summary>
    public async Task<DeliveryRecord?> SendBatchAsync(BatchMessage message, CancellationToken cancellationToken)
    {
        var notification = NotificationRef.TryParse(message.Key);
        var batch = notification is null ? null : await ledger.GetBatchAsync(message.Key, message.Batch, cancellationToken);
        if (notification is null || batch is null)
        {
            LogUnknownBatch(logger, message.Key, message.Batch);
            return null;
        }

        var now = time.GetUtcNow();
        var current = await ledger.GetRecordAsync(message.Key, batch.Target, cancellationToken);
        if (current is null)
        {
            // The batch's webhook subscribers, queued once: before its email is claimed, so a crash in between
            // queues them again (each webhook delivery is recorded, so a second message finds it done).
            foreach (var webhook in batch.WebhookSubscriberIds)
            {
                await queue.EnqueueWebhookAsync(new WebhookMessage(message.Key, webhook), TimeSpan.Zero, cancellationToken);
            }
        }

        switch (current?.State)
        {
            case DeliveryState.Sent or DeliveryState.Failed:
                return current; // Done already: a duplicate or late message.
            case DeliveryState.Claimed or DeliveryState.Ambiguous:
                var settled = await SettleAsync(message, current, now, cancellationToken);
                if (settled is not null)
                {
                    return settled;
                }

                break; // The provider's events show the claimed attempt never went out: send it now.
        }

        var content = await source.LoadAsync(notification, cancellationToken);
        if (content is null)
        {
            LogNothingToSend(logger, message.Key);
            return null;
        }

        // Who is in the batch is fixed by the plan; whether they still want mail is read now, so that someone who
        // unsubscribed since the fan-out is not written to.
        // A later attempt also leaves out whoever the provider reported an earlier attempt reached.
        var members = batch.EmailSubscriberIds.ToHashSet(StringComparer.Ordinal);
        var reached = current is null ? null : await ledger.ListReachedAsync(message.Key, batch.Target, cancellationToken);
        var wanting = batch.EmailSubscriberIds.Count == 0
            ? []
            : (await subscribers.ListRangeAsync(batch.EmailSubscriberIds[0], batch.EmailSubscriberIds[^1], cancellationToken))
                .Where(s => members.Contains(s.Id) && s.IsEmail && s.WantsToHearAbout(content.ComponentIds))
                .ToArray();
        var recipients = reached is { Count: > 0 } ? wanting.Where(s => !reached.Contains(s.Id)).ToArray() : wanting;
        var skipped = wanting.Length - recipients.Length;

        var attempt = (current?.Attempt ?? 0) + 1;
        var claim = new DeliveryRecord(
            batch.Target,
            DeliveryState.Claimed,
            attempt,
            NewAttemptId(),
            now,
            Recipients: recipients.Length,
            Reason: skipped == 0 ? null : $"Left out {skipped} {(skipped == 1 ? "recipient" : "recipients")} SendGrid reported an earlier attempt reached.");
        if (recipients.Length == 0)
        {
            var empty = claim with { State = DeliveryState.Sent, FinishedAt = now, Reason = skipped == 0 ? "Nobody in this batch wants this mail any more." : $"SendGrid reported earlier attempts reached all {skipped} recipients who still want this mail." };
            return await ledger.TryClaimAsync(message.Key, empty, current, cancellationToken) ? empty : null;
        }

        // Everything that can fail without sending happens before the claim.
        var batchMail = await composer.ComposeAsync(
            content,
            recipients,
            new Dictionary<string, string> { ["sc_key"] = message.Key, ["sc_target"] = batch.Target, ["sc_attempt"] = claim.AttemptId },
            cancellationToken);
        if (!await ledger.TryClaimAsync(message.Key, claim, current, cancellationToken))
        {
            return null; // Another worker claimed it first.
        }

        MailSendResult result;
        using (var span = Common.StatusCommsTelemetry.Traces.StartActivity("send mail batch"))
        {
            span?.SetTag("statuscomms.notification", message.Key);
            span?.SetTag("statuscomms.recipients", batchMail.Recipients.Count);
            result = await mail.SendAsync(batchMail, cancellationToken);
            span?.SetTag("statuscomms.outcome", result.Outcome.ToString());
        }

        var outcome = await RecordOutcomeAsync(message.Key, claim, result, cancellationToken);
        Common.StatusCommsTelemetry.Deliveries.Add(1, new KeyValuePair<string, object?>("statuscomms.channel", "mail"), new KeyValuePair<string, object?>("statuscomms.outcome", Common.WireName.Of(outcome.State)));
        if (outcome.State == DeliveryState.RetryScheduled)
        {
            var delay = result.Outcome == MailSendOutcome.RateLimited && result.RetryAt is { } reset
                ? Clamp(reset - time.GetUtcNow())
                : options.Backoff(attempt, Random.Shared.NextDouble());
            await queue.EnqueueBatchAsync(message, delay, cancellationToken);
        }
        else if (outcome.State == DeliveryState.Claimed)
        {
            // A timeout with provider events on: look again once the events had time to arrive.
            await queue.EnqueueBatchAsync(message, options.EvidenceGrace, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A person's decision to send a failed or ambiguous delivery again (after checking, for an ambiguous one, that
    /// it did not go out). Returns the record queued again, or null when there is no such problem.
    /// </summary>
    public async Task<DeliveryRecord?> ResendAsync(string key, string target, string by, CancellationToken cancellationToken)
    {
        var current = await ledger.GetRecordAsync(key, target, cancellationToken);
        if (current?.State is not (DeliveryState.Failed or DeliveryState.Ambiguous))
        {
            return null;
        }

        var again = current with { State = DeliveryState.RetryScheduled, FinishedAt = time.GetUtcNow(), Reason = $"Sent again at the request of {by}. Before: {current.Reason}" };
        await ledger.RecordAsync(key, again, cancellationToken);
        if (target == FanOutTarget && NotificationRef.TryParse(key) is { } notification)
        {
            await queue.EnqueueFanOutAsync(notification, cancellationToken);
        }
        else if (target.StartsWith('w'))
        {
            await queue.EnqueueWebhookAsync(new WebhookMessage(key, target[1..]), TimeSpan.Zero, cancellationToken);
        }
        else if (int.TryParse(target.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            await queue.EnqueueBatchAsync(new BatchMessage(key, index), TimeSpan.Zero, cancellationToken);
        }

        return again;
    }

    /// <summary>
    /// An update's fan-out the host gave up on (its message moved to the poison queue after maxDequeueCount
    /// failures): nobody was told of the update. Recorded as a failed delivery of target <see cref="FanOutTarget"/>
    /// with its cause, so it is listed with the problems (console, <c>GET deliveries/problems</c>) and can be sent again.
    /// </summary>
    public async Task<DeliveryRecord> GiveUpFanOutAsync(NotificationRef notification, int dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = notification.Key;
        var current = await ledger.GetRecordAsync(key, FanOutTarget, cancellationToken);
        if (current?.State is DeliveryState.Failed or DeliveryState.Sent)
        {
            return current;
        }

        var now = time.GetUtcNow();
        var plan = await ledger.ReadPlanAsync(key, cancellationToken);
        var reason = $"Working out who to tell failed {dequeueCount} times in a row and was moved to the poison queue: {(plan.Batches.Count == 0 ? "nobody was told of this update" : $"{plan.Batches.Count} batches were planned before it stopped, the rest of the subscribers were not")}. See the logs for the cause, and send it again once it is fixed.";
        var record = new DeliveryRecord(FanOutTarget, DeliveryState.Failed, dequeueCount, NewAttemptId(), now, now, plan.Batches.Sum(b => b.EmailSubscriberIds.Count), null, reason);
        if (current is null)
        {
            await ledger.TryClaimAsync(key, record, null, cancellationToken);
        }
        else
        {
            await ledger.RecordAsync(key, record, cancellationToken);
        }

        LogFanOutGivenUp(logger, key, dequeueCount);
        return record;
    }

    /// <summary>
    /// A batch message the host gave up on (moved to the poison queue after maxDequeueCount failures): recorded as
    /// failed with its cause, or as ambiguous if it was claimed, so that it shows in the management API.
    /// </summary>
    public async Task<DeliveryRecord?> GiveUpAsync(BatchMessage message, int dequeueCount, CancellationToken cancellationToken)
    {
        var batch = await ledger.GetBatchAsync(message.Key, message.Batch, cancellationToken);
        var target = batch?.Target ?? new DeliveryBatch(message.Batch, [], [], null).Target;
        var current = await ledger.GetRecordAsync(message.Key, target, cancellationToken);
        if (current?.State is DeliveryState.Sent or DeliveryState.Failed or DeliveryState.Ambiguous)
        {
            return current;
        }

        var now = time.GetUtcNow();
        var reason = $"The send failed {dequeueCount} times in a row and was moved to the poison queue." + (current?.Reason is { } last ? $" Last recorded cause: {last}" : " The function failed before it could record a cause (see the logs).");
        var record = current is null
            ? new DeliveryRecord(target, DeliveryState.Failed, 0, NewAttemptId(), now, now, batch?.EmailSubscriberIds.Count ?? 0, null, reason)
            : current with { State = current.State == DeliveryState.Claimed ? DeliveryState.Ambiguous : DeliveryState.Failed, FinishedAt = now, Reason = reason };
        if (current is null)
        {
            await ledger.TryClaimAsync(message.Key, record, null, cancellationToken);
        }
        else
        {
            await ledger.RecordAsync(message.Key, record, cancellationToken);
        }

        return record;
    }

    private async Task PlanRestAsync(string key, IReadOnlyList<string> componentIds, List<DeliveryBatch> batches, CancellationToken cancellationToken)
    {
        var after = batches.Count > 0 ? batches[^1].LastScannedId : null;
        if (batches.Count > 0 && after is null)
        {
            return; // The last batch found the end of the list.
        }

        var email = new List<string>();
        var webhooks = new List<string>();
        while (true)
        {
            var page = await subscribers.ListChoicesAsync(after, options.ScanPageSize, cancellationToken);
            var restart = false;
            foreach (var subscriber in page)
            {
                after = subscriber.Id;
                if (subscriber.WantsToHearAbout(componentIds))
                {
                    (subscriber.IsEmail ? email : webhooks).Add(subscriber.Id);
                }

                if (email.Count == DeliveryBatch.MaxRecipients || webhooks.Count == DeliveryBatch.MaxRecipients)
                {
                    var stored = await ledger.AddBatchAsync(key, new DeliveryBatch(batches.Count, email.ToArray(), webhooks.ToArray(), after), cancellationToken);
                    batches.Add(stored);
                    email.Clear();
                    webhooks.Clear();
                    if (stored.LastScannedId != after)
                    {
                        // Another fan-out of the same update wrote this batch first: continue after its range.
                        after = stored.LastScannedId;
                        restart = true;
                        break;
                    }
                }
            }

            if (restart)
            {
                if (after is null)
                {
                    return;
                }

                continue;
            }

            if (page.Count < options.ScanPageSize)
            {
                break;
            }
        }

        if (email.Count > 0 || webhooks.Count > 0)
        {
            // The last batch ends the list: its range is open-ended (null), so a re-run adds nothing after it.
            batches.Add(await ledger.AddBatchAsync(key, new DeliveryBatch(batches.Count, email.ToArray(), webhooks.ToArray(), null), cancellationToken));
        }
    }

    private async Task<DeliveryRecord> RecordOutcomeAsync(string key, DeliveryRecord claim, MailSendResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = result.Outcome switch
        {
            MailSendOutcome.Accepted => claim with { State = DeliveryState.Sent, ProviderMessageId = result.MessageId },
            MailSendOutcome.Permanent => claim with { State = DeliveryState.Failed },
            MailSendOutcome.Ambiguous => claim with { State = options.ProviderEvents ? DeliveryState.Claimed : DeliveryState.Ambiguous },
            _ when claim.Attempt >= options.MaxAttempts => claim with { State = DeliveryState.Failed, Reason = Join(claim.Reason, $"Gave up after {claim.Attempt} attempts.") },
            _ => claim with { State = DeliveryState.RetryScheduled },
        };
        record = record with
        {
            FinishedAt = now,
            StatusCode = result.StatusCode,
            // An accepted send may still say something (the recipients the sender could not write, and why).
            Reason = result.Outcome == MailSendOutcome.Accepted
                ? Join(claim.Reason, result.Reason)
                : Join(record.Reason, result.Reason ?? result.Outcome.ToString()),
        };
        await ledger.RecordAsync(key, record, cancellationToken);
        if (record.State is DeliveryState.Failed or DeliveryState.Ambiguous)
        {
            LogNotSent(logger, key, record.Target, record.State, record.Reason);
        }

        return record;
    }

    /// <summary>
    /// A send claimed earlier and never recorded as finished (its worker stopped, or the call timed out). Returns the
    /// record when it is settled or must wait, or null when the attempt provably never reached the provider and the
    /// batch is to be sent again.
    /// </summary>
    private async Task<DeliveryRecord?> SettleAsync(BatchMessage message, DeliveryRecord current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ledger.HasEvidenceAsync(message.Key, current.Target, current.AttemptId, cancellationToken))
        {
            var sent = current with { State = DeliveryState.Sent, FinishedAt = now, Reason = "Confirmed by SendGrid's events after the send was interrupted." };
            await ledger.RecordAsync(message.Key, sent, cancellationToken);
            return sent;
        }

        if (current.State == DeliveryState.Ambiguous)
        {
            return current; // Left for a person: never sent twice on a guess.
        }

        var age = now - current.ClaimedAt;
        if (age < options.ClaimLease)
        {
            // Someone may be sending it right now: look again when their lease ends.
            await queue.EnqueueBatchAsync(message, options.ClaimLease - age, cancellationToken);
            return current;
        }

        if (mail.WritesEachRecipientOnce)
        {
            // Sending again reaches only those the interrupted attempt did not (the pickup folder): no guess involved.
            LogResumingOncePerRecipient(logger, message.Key, current.Target, current.AttemptId);
            return null;
        }

        if (!options.ProviderEvents)
        {
            var ambiguous = current with
            {
                State = DeliveryState.Ambiguous,
                FinishedAt = now,
                Reason = (current.Reason is { Length: > 0 } r ? r + " " : string.Empty) + "The send was interrupted after it was claimed, and without SendGrid's events there is no telling whether it went out. Not sent again, so that nobody gets it twice.",
            };
            await ledger.RecordAsync(message.Key, ambiguous, cancellationToken);
            return ambiguous;
        }

        if (age < options.EvidenceGrace)
        {
            await queue.EnqueueBatchAsync(message, options.EvidenceGrace - age, cancellationToken);
            return current;
        }

        LogResending(logger, message.Key, current.Target, current.AttemptId);
        return null;
    }

    private static string? Join(string? first, string? second)
        => first is null ? second : second is null ? first : first + " " + second;

    private TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > options.MaxBackoff ? options.MaxBackoff : wait;

    private static string NewAttemptId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Key} {Target}: attempt {AttemptId} was interrupted; the sender writes each recipient once, so it is sent again for those it did not reach")]
    private static partial void LogResumingOncePerRecipient(ILogger logger, string key, string target, string attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Key} {Target}: attempt {AttemptId} was interrupted and SendGrid reported nothing for it; sending again")]
    private static partial void LogResending(ILogger logger, string key, string target, string attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Key}: nothing to send (the update is gone or asks for no notifications)")]
    private static partial void LogNothingToSend(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Batch} of notification {Key} is not in the ledger; the message is dropped")]
    private static partial void LogUnknownBatch(ILogger logger, string key, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Key} {Target} not sent: {State}: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string key, string target, DeliveryState state, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The fan-out of {Key} failed {DequeueCount} times and was given up: nobody (or not everybody) was told; it is listed with the delivery problems")]
    private static partial void LogFanOutGivenUp(ILogger logger, string key, int dequeueCount);
}
