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

/// <summary>A subscriber as the management API shows it (the webhook secret is never shown again).</summary>
public sealed record SubscriberJson(
    string Id,
    string Mode,
    string? Email,
    string? Endpoint,
    SubscriberStatus Status,
    IReadOnlyList<string> ComponentIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ConfirmedAt,
    string? StoppedReason)
{
    public static SubscriberJson From(Subscriber s)
        => new(s.Id, s.IsEmail ? "email" : "webhook", s.Email, s.WebhookUrl?.AbsoluteUri, s.Status, s.ComponentIds, s.CreatedAt, s.UpdatedAt, s.ConfirmedAt, s.StoppedReason);
}

/// <summary>A failed or ambiguous delivery, as the management API lists it.</summary>
public sealed record DeliveryProblemJson(string Notification, string Target, DeliveryState State, int Attempt, int Recipients, int? StatusCode, string? Reason, DateTimeOffset ClaimedAt, DateTimeOffset? FinishedAt)
{
    public static DeliveryProblemJson From(DeliveryProblem p)
        => new(p.Key, p.Record.Target, p.Record.State, p.Record.Attempt, p.Record.Recipients, p.Record.StatusCode, p.Record.Reason, p.Record.ClaimedAt, p.Record.FinishedAt);
}
