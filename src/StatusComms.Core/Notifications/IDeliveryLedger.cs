using System.Text.Json.Serialization;

namespace StatusComms.Notifications;

/// <summary>
/// The record of who is sent what. For each update: its fan-out plan (batches of at most 1,000 recipients, written
/// insert-if-absent, so a re-run of the fan-out keeps what a crashed run wrote), and for each batch and each webhook
/// a delivery record, claimed insert-if-absent before the send and given its outcome after. SendGrid has no
/// idempotency key: this ledger is it.
/// </summary>
public interface IDeliveryLedger
{
    Task<DeliveryPlan> ReadPlanAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes the batch if no batch with its index exists; returns the stored one (the earlier run's, if any).</summary>
    Task<DeliveryBatch> AddBatchAsync(string key, DeliveryBatch batch, CancellationToken cancellationToken);

    Task CompletePlanAsync(string key, int batches, CancellationToken cancellationToken);

    Task<DeliveryBatch?> GetBatchAsync(string key, int index, CancellationToken cancellationToken);

    Task<DeliveryRecord?> GetRecordAsync(string key, string target, CancellationToken cancellationToken);

    /// <summary>Every send record of one update (its batches and webhooks), in one query.</summary>
    Task<IReadOnlyList<DeliveryRecord>> ListRecordsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a send: adds the record, or moves a record waiting for a retry to <see cref="DeliveryState.Claimed"/>,
    /// only if it is still as <paramref name="current"/> was read. False when someone else changed it first.
    /// </summary>
    Task<bool> TryClaimAsync(string key, DeliveryRecord claim, DeliveryRecord? current, CancellationToken cancellationToken);

    /// <summary>Stores what happened to a claimed send (and indexes failures and ambiguous sends for the management API).</summary>
    Task RecordAsync(string key, DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>Failed and ambiguous deliveries, newest first.</summary>
    Task<IReadOnlyList<DeliveryProblem>> ListProblemsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Notes an event id (a SendGrid event webhook's sg_event_id); false when it was seen before.</summary>
    Task<bool> TryNoteEventAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the provider reported on an attempt (so it took the message) and, when the event names its
    /// recipient, that this subscriber was reached, whichever attempt reached them.
    /// </summary>
    Task NoteEvidenceAsync(string key, string target, string attemptId, string? subscriberId, CancellationToken cancellationToken);

    /// <summary>
    /// The subscribers of one batch the provider reported on, for any attempt: a later attempt leaves them out, so a
    /// resend (a person's, or after an interrupted send) never mails them twice.
    /// </summary>
    Task<IReadOnlySet<string>> ListReachedAsync(string key, string target, CancellationToken cancellationToken);

    Task<bool> HasEvidenceAsync(string key, string target, string attemptId, CancellationToken cancellationToken);
}

/// <summary>The batches written so far, in order, and whether the fan-out finished writing them.</summary>
public sealed record DeliveryPlan(IReadOnlyList<DeliveryBatch> Batches, bool IsComplete);

/// <summary>
/// One batch: the email subscribers it goes to (ids, in id order) and the webhook subscribers of the same id range.
/// Batches cover consecutive id ranges: this one ends at <see cref="LastScannedId"/> and the next starts after it,
/// so every subscriber falls in exactly one batch.
/// </summary>
public sealed record DeliveryBatch(int Index, IReadOnlyList<string> EmailSubscriberIds, IReadOnlyList<string> WebhookSubscriberIds, string? LastScannedId)
{
    /// <summary>SendGrid takes at most 1,000 personalizations per mail/send request.</summary>
    public const int MaxRecipients = 1000;

    public string Target => $"b{Index:D5}";
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
public enum DeliveryState
{
    /// <summary>Being sent now (claimed insert-if-absent just before the call).</summary>
    [JsonStringEnumMemberName("claimed")]
    Claimed,

    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>A temporary failure (429, 5xx, no connection): another attempt is queued.</summary>
    [JsonStringEnumMemberName("retry_scheduled")]
    RetryScheduled,

    /// <summary>Refused for good (a permanent 4xx), or out of attempts: recorded with the reason, not retried.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>
    /// Claimed, but whether the provider took it is unknown (the worker stopped mid-send, or the call timed out after
    /// the request went out). Not sent again on its own, so nobody gets it twice; resolved to sent if the provider's
    /// events show it was processed, otherwise left for a person, with the cause.
    /// </summary>
    [JsonStringEnumMemberName("ambiguous")]
    Ambiguous,
}

/// <param name="Target">"b00003" for a batch, "w{subscriber id}" for a webhook delivery.</param>
/// <param name="Attempt">1 for the first try; each retry claims the next number.</param>
/// <param name="AttemptId">A random id per attempt, sent along as a custom argument, so provider events name it.</param>
/// <param name="Version">The stored row's ETag; null before it is stored.</param>
public sealed record DeliveryRecord(
    string Target,
    DeliveryState State,
    int Attempt,
    string AttemptId,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? FinishedAt = null,
    int Recipients = 0,
    int? StatusCode = null,
    string? Reason = null,
    string? ProviderMessageId = null,
    string? Version = null);

public sealed record DeliveryProblem(string Key, DeliveryRecord Record);
