namespace StatusComms.Notifications;

/// <summary>Sends one message to many recipients in one call (SendGrid personalizations, or the pickup folder).</summary>
public interface IMailSender
{
    Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken);

    /// <summary>
    /// Sending the same batch again (same notification and target) reaches only the recipients who did not get it
    /// the first time: the pickup folder can promise this, SendGrid cannot. An interrupted send is then simply sent
    /// again once its lease ends, with nobody mailed twice and no person needed.
    /// </summary>
    bool WritesEachRecipientOnce => false;
}

/// <summary>
/// One message for up to 1,000 recipients. The bodies may hold each recipient's own values as substitution tags
/// (<see cref="MailRecipient.Substitutions"/>): their manage and unsubscribe links.
/// </summary>
/// <param name="Subject">One line: the composer removes line breaks and control characters.</param>
public sealed record MailBatch(
    MailAddressee From,
    string Subject,
    string Text,
    string Html,
    IReadOnlyList<MailRecipient> Recipients,
    IReadOnlyDictionary<string, string> CustomArgs,
    string Category);

public sealed record MailAddressee(string Email, string? Name);

/// <param name="Headers">Extra headers for this recipient (List-Unsubscribe, List-Unsubscribe-Post).</param>
/// <param name="CustomArgs">Echoed back by the provider's events (the subscriber id).</param>
public sealed record MailRecipient(
    string Email,
    IReadOnlyDictionary<string, string> Substitutions,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs);

public enum MailSendOutcome
{
    Accepted,

    /// <summary>429: wait until <see cref="MailSendResult.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>5xx or no connection: the request was not taken; try again after a back-off.</summary>
    Transient,

    /// <summary>A 4xx other than 429: this request will never be taken.</summary>
    Permanent,

    /// <summary>The request went out but no answer came (a timeout): it may or may not have been taken.</summary>
    Ambiguous,
}

public sealed record MailSendResult(MailSendOutcome Outcome, int? StatusCode = null, string? Reason = null, DateTimeOffset? RetryAt = null, string? MessageId = null)
{
    public static MailSendResult Accepted(string? messageId, int statusCode = 202) => new(MailSendOutcome.Accepted, statusCode, null, null, messageId);
}
