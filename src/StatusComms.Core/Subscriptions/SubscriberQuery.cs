namespace StatusComms.Subscriptions;

/// <summary>
/// Which subscribers a list asks for, in Statuspage's terms: a search text (<c>q</c>), a mode (<c>type</c>:
/// email or webhook; Statuspage's sms, slack and integration_partner exist nowhere here), a status (<c>state</c>;
/// null for all), and a page of <see cref="Limit"/> after skipping <see cref="Skip"/> matches or starting after an id.
/// </summary>
public sealed record SubscriberQuery
{
    public string? Search { get; init; }

    /// <summary>"email", "webhook", or any other Statuspage type (which matches nobody); null for every mode.</summary>
    public string? Mode { get; init; }

    public SubscriberStatus? Status { get; init; }

    public int Skip { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>Start after this subscriber id (the cursor of the previous page).</summary>
    public string? AfterId { get; init; }

    public bool Matches(Subscriber subscriber)
        => (Status is null || subscriber.Status == Status)
            && (Mode is null || Mode == (subscriber.IsEmail ? "email" : "webhook"))
            && (string.IsNullOrEmpty(Search)
                || (subscriber.Email?.Contains(Search, StringComparison.OrdinalIgnoreCase) ?? false)
                || (subscriber.WebhookUrl?.AbsoluteUri.Contains(Search, StringComparison.OrdinalIgnoreCase) ?? false));
}
