using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Tests.Notifications;

/// <summary>The process dying at one point: thrown once, at the chosen step, by the decorators below.</summary>
public sealed class CrashException(string step) : Exception($"crash {step}");

/// <summary>
/// Numbers every call at the pipeline's edges (ledger, subscriber reads, queue, SendGrid) as two steps, just
/// before and just after it, and throws once at the step chosen: a crash at every point of the fan-out and the send.
/// </summary>
public sealed class CrashPlan(int crashAt)
{
    private int _step;

    public int Steps => _step;

    public string? Crashed { get; private set; }

    public async Task<T> AroundAsync<T>(string name, Func<Task<T>> call)
    {
        Step(name, "before");
        var result = await call();
        Step(name, "after");
        return result;
    }

    public Task AroundAsync(string name, Func<Task> call) => AroundAsync(name, async () => { await call(); return true; });

    private void Step(string name, string when)
    {
        if (++_step == crashAt && Crashed is null)
        {
            Crashed = $"{when} {name}";
            throw new CrashException(Crashed);
        }
    }
}

public sealed class CrashingLedger(IDeliveryLedger inner, CrashPlan plan) : IDeliveryLedger
{
    public Task<DeliveryPlan> ReadPlanAsync(string key, CancellationToken cancellationToken) => plan.AroundAsync(nameof(ReadPlanAsync), () => inner.ReadPlanAsync(key, cancellationToken));

    public Task<DeliveryBatch> AddBatchAsync(string key, DeliveryBatch batch, CancellationToken cancellationToken) => plan.AroundAsync($"{nameof(AddBatchAsync)}({batch.Index})", () => inner.AddBatchAsync(key, batch, cancellationToken));

    public Task CompletePlanAsync(string key, int batches, CancellationToken cancellationToken) => plan.AroundAsync(nameof(CompletePlanAsync), () => inner.CompletePlanAsync(key, batches, cancellationToken));

    public Task<DeliveryBatch?> GetBatchAsync(string key, int index, CancellationToken cancellationToken) => plan.AroundAsync(nameof(GetBatchAsync), () => inner.GetBatchAsync(key, index, cancellationToken));

    public Task<DeliveryRecord?> GetRecordAsync(string key, string target, CancellationToken cancellationToken) => plan.AroundAsync(nameof(GetRecordAsync), () => inner.GetRecordAsync(key, target, cancellationToken));

    public Task<IReadOnlyList<DeliveryRecord>> ListRecordsAsync(string key, CancellationToken cancellationToken) => inner.ListRecordsAsync(key, cancellationToken);

    public Task<bool> TryClaimAsync(string key, DeliveryRecord claim, DeliveryRecord? current, CancellationToken cancellationToken) => plan.AroundAsync($"{nameof(TryClaimAsync)}({claim.Target})", () => inner.TryClaimAsync(key, claim, current, cancellationToken));

    public Task RecordAsync(string key, DeliveryRecord record, CancellationToken cancellationToken) => plan.AroundAsync($"{nameof(RecordAsync)}({record.Target} {record.State})", () => inner.RecordAsync(key, record, cancellationToken));

    public Task<IReadOnlyList<DeliveryProblem>> ListProblemsAsync(int limit, CancellationToken cancellationToken) => inner.ListProblemsAsync(limit, cancellationToken);

    public Task<bool> TryNoteEventAsync(string eventId, CancellationToken cancellationToken) => inner.TryNoteEventAsync(eventId, cancellationToken);

    public Task NoteEvidenceAsync(string key, string target, string attemptId, string? subscriberId, CancellationToken cancellationToken) => inner.NoteEvidenceAsync(key, target, attemptId, subscriberId, cancellationToken);

    public Task<IReadOnlySet<string>> ListReachedAsync(string key, string target, CancellationToken cancellationToken) => plan.AroundAsync(nameof(ListReachedAsync), () => inner.ListReachedAsync(key, target, cancellationToken));

    public Task<bool> HasEvidenceAsync(string key, string target, string attemptId, CancellationToken cancellationToken) => plan.AroundAsync(nameof(HasEvidenceAsync), () => inner.HasEvidenceAsync(key, target, attemptId, cancellationToken));
}

public sealed class CrashingSubscribers(ISubscriberStore inner, CrashPlan plan) : ISubscriberStore
{
    public Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken) => inner.TryAddAsync(subscriber, cancellationToken);

    public Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken) => inner.TrySaveAsync(subscriber, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);

    public Task<IReadOnlyList<Subscriber>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken) => plan.AroundAsync(nameof(ListAsync), () => inner.ListAsync(afterId, limit, cancellationToken));

    public Task<IReadOnlyList<SubscriberChoice>> ListChoicesAsync(string? afterId, int limit, CancellationToken cancellationToken) => plan.AroundAsync(nameof(ListChoicesAsync), () => inner.ListChoicesAsync(afterId, limit, cancellationToken));

    public Task<IReadOnlyList<SubscriberChoice>> ListRangeAsync(string firstId, string lastId, CancellationToken cancellationToken) => plan.AroundAsync(nameof(ListRangeAsync), () => inner.ListRangeAsync(firstId, lastId, cancellationToken));

    public Task<IReadOnlyDictionary<SubscriberStatus, int>> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
}

/// <summary>
/// SendGrid as seen from outside: every call it took, with its recipients. With <see cref="Evidence"/> it also plays
/// SendGrid's Event Webhook, reporting each accepted message's attempt to the ledger, as the events endpoint does.
/// </summary>
public sealed class CapturingSender(CrashPlan plan) : IMailSender
{
    private readonly List<MailBatch> _sent = [];
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public IReadOnlyList<MailBatch> Sent => _sent;

    public Func<MailBatch, Task>? Evidence { get; set; }

    /// <summary>
    /// Plays the pickup folder instead: each recipient of a notification is written once, whatever the attempt, and
    /// a batch is written in two halves, so a crash can fall in the middle of it.
    /// </summary>
    public bool OncePerRecipient { get; init; }

    public bool WritesEachRecipientOnce => OncePerRecipient;

    public Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken)
        => OncePerRecipient ? WriteOnceAsync(mail) : SendGridAsync(mail);

    private async Task<MailSendResult> WriteOnceAsync(MailBatch mail)
    {
        var prefix = mail.CustomArgs["sc_key"] + "/" + mail.CustomArgs["sc_target"] + "/";
        var fresh = mail.Recipients.Where(r => !_written.Contains(prefix + r.Email)).ToArray();
        var half = fresh.Length / 2;
        foreach (var (part, name) in new[] { (fresh[..half], "pickup first half"), (fresh[half..], "pickup second half") })
        {
            await plan.AroundAsync(name, () =>
            {
                lock (_sent)
                {
                    _sent.Add(mail with { Recipients = part });
                    _written.UnionWith(part.Select(r => prefix + r.Email));
                }

                return Task.CompletedTask;
            });
        }

        return MailSendResult.Accepted("pickup-" + _sent.Count);
    }

    private Task<MailSendResult> SendGridAsync(MailBatch mail)
        => plan.AroundAsync("SendGrid mail/send", async () =>
        {
            lock (_sent)
            {
                _sent.Add(mail);
            }

            if (Evidence is not null)
            {
                await Evidence(mail);
            }

            return MailSendResult.Accepted("msg-" + _sent.Count);
        });
}

/// <summary>The queues as the Functions host runs them: messages become due after their delay, on the test's clock.</summary>
public sealed class ClockQueue(TimeProvider time, CrashPlan plan) : INotificationQueue
{
    private readonly List<(DateTimeOffset Due, object Message)> _messages = [];

    public int Count => _messages.Count;

    public Task EnqueueFanOutAsync(NotificationRef notification, CancellationToken cancellationToken) => Add(notification, TimeSpan.Zero, "enqueue fan-out");

    public Task EnqueueBatchAsync(BatchMessage message, TimeSpan delay, CancellationToken cancellationToken) => Add(message, delay, $"enqueue batch {message.Batch}");

    public Task EnqueueWebhookAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken) => Add(message, delay, "enqueue webhook");

    /// <summary>A message back on the queue, visible at once (the host's visibilityTimeout is 0).</summary>
    public void Redeliver(object message) => _messages.Add((time.GetUtcNow(), message));

    public (DateTimeOffset Due, object Message)? TakeNext()
    {
        if (_messages.Count == 0)
        {
            return null;
        }

        var next = _messages.OrderBy(m => m.Due).First();
        _messages.Remove(next);
        return next;
    }

    private Task Add(object message, TimeSpan delay, string name)
        => plan.AroundAsync(name, () =>
        {
            _messages.Add((time.GetUtcNow() + delay, message));
            return Task.CompletedTask;
        });
}
