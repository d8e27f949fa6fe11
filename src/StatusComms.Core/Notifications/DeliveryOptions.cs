namespace StatusComms.Notifications;

/// <summary>Retry and lease settings of the send pipeline (StatusComms:Delivery).</summary>
public sealed record DeliveryOptions
{
    /// <summary>Attempts per batch or webhook before it is recorded as failed. Default 6.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First back-off after a 5xx or a lost connection; doubles each attempt, with jitter. Default 2 s.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest back-off, and longest wait for a rate limit to reset before re-queueing. Default 5 min.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a claimed send may take before a retry treats it as interrupted. One send is one call to the sender
    /// (SendGrid's times out after 30 s), so 90 s is ample, and an interrupted batch is taken up again within two
    /// minutes. Default 90 s.
    /// </summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// SendGrid's Event Webhook is configured, so every message SendGrid takes produces events that name its
    /// attempt: an interrupted or timed-out send can then be settled (sent if events arrive, sent again if none do
    /// within <see cref="EvidenceGrace"/>). Without it, such a send is recorded as ambiguous and never repeated.
    /// </summary>
    public bool ProviderEvents { get; init; }

    /// <summary>
    /// How long after a claim the provider's events must have arrived for it to count as sent. SendGrid posts its
    /// events about every 30 seconds. Default 2 min.
    /// </summary>
    public TimeSpan EvidenceGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Subscribers read per query during the fan-out.</summary>
    public int ScanPageSize { get; init; } = 1000;

    /// <summary>Bounded exponential back-off with full jitter: a random wait up to first × 2^(attempt-1), capped.</summary>
    public TimeSpan Backoff(int attempt, double random)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random * ceiling / 2));
    }
}
