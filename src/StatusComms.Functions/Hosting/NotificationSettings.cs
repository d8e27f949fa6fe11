namespace StatusComms.Functions.Hosting;

/// <summary>Subscriptions (<c>StatusComms:Subscriptions</c>).</summary>
public sealed class SubscriptionSettings
{
    /// <summary>
    /// Base64 secret (32 bytes or more) that signs subscription links and derives new subscribers' ids. Required in
    /// Azure; locally, when empty, it is derived from the API key. To rotate it, put the old key first in
    /// <see cref="PreviousSigningKeys"/> and the new one here: links in old mails keep working, and people who
    /// subscribed before are found again.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys signed with before (base64, comma-separated, newest first): they still verify links and find subscribers.</summary>
    public string? PreviousSigningKeys { get; set; }

    /// <summary>The configured keys as written, newest first: <see cref="SigningKey"/> (when set), then each previous one.</summary>
    public IEnumerable<string> ConfiguredSigningKeys()
        => new[] { SigningKey ?? string.Empty }.Concat((PreviousSigningKeys ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)).Where(k => k.Length > 0);

    /// <summary>Subscribe requests per client address per window. Default 5 per 10 minutes.</summary>
    public int SubscribesPerWindow { get; set; } = 5;

    public int WindowMinutes { get; set; } = 10;

    /// <summary>
    /// Confirmation mails one address may be sent per <see cref="RecipientWindowHours"/>, whoever asks: a stranger
    /// cannot flood someone's inbox from many networks. Default 3 per 24 hours; past it, requests are answered as
    /// usual and send nothing.
    /// </summary>
    public int SubscribesPerRecipient { get; set; } = 3;

    public int RecipientWindowHours { get; set; } = 24;

    /// <summary>Where the public subscription endpoints are reached (the Functions app). Default: the page URL (the local runner serves both).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Optional address for mailto: one-click unsubscribes (List-Unsubscribe).</summary>
    public string? UnsubscribeMailto { get; set; }

    /// <summary>Most addresses one import request may carry. Default 10,000.</summary>
    public int MaxImport { get; set; } = 10_000;
}

/// <summary>Email (<c>StatusComms:Email</c>): SendGrid when an API key is set, else the pickup folder.</summary>
public sealed class EmailSettings
{
    public string? SendGridApiKey { get; set; }

    /// <summary>
    /// <c>pickup</c>: write mail to <see cref="PickupFolder"/> even in Azure (a trial; nobody receives it). Unset: SendGrid
    /// when a key is set, else the pickup folder, which in Azure is refused at start so mail is never lost silently.
    /// </summary>
    public string? Mode { get; set; }

    public bool PickupChosen => string.Equals(Mode, "pickup", StringComparison.OrdinalIgnoreCase);

    /// <summary>Another SendGrid endpoint (a contract-test mock, or the EU region's https://api.eu.sendgrid.com).</summary>
    public string? SendGridHost { get; set; }

    /// <summary>SendGrid's Event Webhook verification key (the base64 public key from the Mail Settings page).</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>How old an Event Webhook timestamp may be. Default 10 minutes.</summary>
    public int EventWebhookMaxAgeMinutes { get; set; } = 10;

    public string FromAddress { get; set; } = "status@example.com";

    /// <summary>Display name of the sender; default "{page name} status".</summary>
    public string? FromName { get; set; }

    /// <summary>Folder for .eml files when no API key is set. Relative paths are from the working directory. Default ".local/mail".</summary>
    public string PickupFolder { get; set; } = Path.Combine(".local", "mail");

    /// <summary>How long a SendGrid call may take before it counts as ambiguous. Default 30 s.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Webhook subscribers (<c>StatusComms:Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    /// <summary>Allow endpoints on private, loopback and link-local addresses (for tests and private networks). Default off.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Allow plain http endpoints. Default off: https only.</summary>
    public bool AllowHttp { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// Nudges to the comms team when a promised next update is near or past (<c>StatusComms:Nudges</c>). Internal only:
/// never subscribers. With neither addresses nor a webhook, nothing is sent (the console still shows it).
/// </summary>
public sealed class NudgeSettings
{
    /// <summary>The team's addresses, comma-separated ("comms@example.com, oncall@example.com").</summary>
    public string? Emails { get; set; }

    /// <summary>The team chat's incoming-webhook URL (https).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The webhook's format: <c>Slack</c> (default) or <c>Teams</c>.</summary>
    public StatusComms.Promises.ChatFormat WebhookFormat { get; set; } = StatusComms.Promises.ChatFormat.Slack;

    /// <summary>How many minutes before the promised time the "due soon" nudge goes out. Default 5.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 120, ErrorMessage = "StatusComms:Nudges:LeadMinutes is between 1 and 120.")]
    public int LeadMinutes { get; set; } = 5;

    public IReadOnlyList<string> EmailList()
        => (Emails ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every address has a local part, an @ and a domain.</summary>
    public bool EmailsValid() => EmailList().All(e => e.IndexOf('@', StringComparison.Ordinal) is > 0 && !e.EndsWith('@'));

    /// <summary>No webhook, or an absolute https URL.</summary>
    public bool WebhookValid()
        => string.IsNullOrEmpty(WebhookUrl) || (Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
}
