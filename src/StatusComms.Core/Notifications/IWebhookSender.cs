namespace StatusComms.Notifications;

/// <summary>POSTs a signed JSON payload to a webhook subscriber's endpoint.</summary>
public interface IWebhookSender
{
    Task<WebhookResult> PostAsync(Uri endpoint, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);
}

public enum WebhookOutcome
{
    Delivered,

    /// <summary>408, 429, 5xx, a timeout or no connection: try again later.</summary>
    Retry,

    /// <summary>Any other 4xx, or an endpoint that is not allowed (a private address): not retried.</summary>
    Refused,

    /// <summary>410 Gone: the receiver asks to be removed.</summary>
    Gone,
}

public sealed record WebhookResult(WebhookOutcome Outcome, int? StatusCode, string? Reason);
