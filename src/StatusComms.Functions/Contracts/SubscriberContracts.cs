using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST public/subscriptions: <c>{"subscriber": {"email": "...", "component_ids": [...]}}</c>.</summary>
public sealed record SubscribeRequest
{
    public required SubscribeFields Subscriber { get; init; }
}

public sealed record SubscribeFields
{
    public string? Email { get; init; }
    public IReadOnlyList<string>? ComponentIds { get; init; }
}

/// <summary>Body of POST subscribers/import: <c>{"subscribers": [{"email": "...", "component_ids": [...]}]}</c>.</summary>
public sealed record ImportRequest
{
    public required IReadOnlyList<SubscribeFields> Subscribers { get; init; }
}

/// <summary>Body of POST subscribers: <c>{"subscriber": {"endpoint": "https://…", "component_ids": [...]}}</c>.</summary>
public sealed record WebhookSubscriberRequest
{
    public required WebhookSubscriberFields Subscriber { get; init; }
}

public sealed record WebhookSubscriberFields
{
    public string? Endpoint { get; init; }
    public IReadOnlyList<string>? ComponentIds { get; init; }
}

/// <summary>
/// A subscriber as the management API shows it, in Statuspage's subscriber shape (the webhook secret is never shown
/// again). Statuspage's channels we do not have (SMS, Slack, Teams) leave their fields null; <c>quarantined_at</c>
/// is when mail to a bounced or complaining address stopped.
/// </summary>
public sealed record SubscriberJson
{
    public required string Id { get; init; }
    public required string Mode { get; init; }
    public string? Email { get; init; }
    public string? Endpoint { get; init; }
    public required SubscriberStatus Status { get; init; }
    public required IReadOnlyList<string> ComponentIds { get; init; }

    /// <summary>Statuspage's name for the same list.</summary>
    public IReadOnlyList<string> Components => ComponentIds;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public string? StoppedReason { get; init; }
    public DateTimeOffset? QuarantinedAt { get; init; }
    public bool SkipConfirmationNotification { get; init; }
    public string? PhoneNumber { get; init; }
    public string? PhoneCountry { get; init; }
    public string? DisplayPhoneNumber { get; init; }
    public string? ObfuscatedChannelName { get; init; }
    public string? WorkspaceName { get; init; }
    public DateTimeOffset? PurgeAt { get; init; }
    public string? PageAccessUserId { get; init; }

    /// <summary>A webhook's signing secret, in the answer that creates it and never again.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    public static SubscriberJson From(Subscriber s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Id = s.Id,
            Mode = s.IsEmail ? "email" : "webhook",
            Email = s.Email,
            Endpoint = s.WebhookUrl?.AbsoluteUri,
            Status = s.Status,
            ComponentIds = s.ComponentIds,
            CreatedAt = s.CreatedAt,
            UpdatedAt = s.UpdatedAt,
            ConfirmedAt = s.ConfirmedAt,
            StoppedReason = s.StoppedReason,
            QuarantinedAt = s.Status == SubscriberStatus.Suppressed ? s.UpdatedAt : null,
        };
    }
}

/// <summary>A failed or ambiguous delivery, as the management API lists it.</summary>
public sealed record DeliveryProblemJson(string Notification, string Target, DeliveryState State, int Attempt, int Recipients, int? StatusCode, string? Reason, DateTimeOffset ClaimedAt, DateTimeOffset? FinishedAt)
{
    public static DeliveryProblemJson From(DeliveryProblem p)
        => new(p.Key, p.Record.Target, p.Record.State, p.Record.Attempt, p.Record.Recipients, p.Record.StatusCode, p.Record.Reason, p.Record.ClaimedAt, p.Record.FinishedAt);
}
