using StatusComms.Subscriptions;

namespace StatusComms.Notifications;

/// <summary>Where the links in emails point: the public subscription endpoints, each taking ?token=.</summary>
public sealed record SubscriptionLinks(string Confirm, string Manage, string Unsubscribe, string? UnsubscribeMailto = null)
{
    public string ConfirmUrl(string token) => Confirm + "?token=" + token;

    public string ManageUrl(string token) => Manage + "?token=" + token;

    public string UnsubscribeUrl(string token) => Unsubscribe + "?token=" + token;
}

/// <summary>The sender's address (StatusComms:Email:FromAddress) and name (the page's name when empty).</summary>
public sealed record MailIdentity(string FromAddress, string? FromName);

/// <summary>
/// Builds the mails: one message per batch with each recipient's own links as substitutions, the RFC 8058
/// one-click unsubscribe headers, and custom arguments that let the provider's events name the send and the subscriber.
/// </summary>
public sealed class NotificationComposer(IEmailRenderer renderer, SubscriptionTokens tokens, SubscriptionLinks links, MailIdentity identity, TimeProvider time)
{
    /// <summary>Replaced in the bodies by each recipient's manage link (SendGrid substitutions; the pickup folder does the same).</summary>
    public const string ManageTag = "-manage_url-";

    public const string UnsubscribeTag = "-unsubscribe_url-";

    public async Task<MailBatch> ComposeAsync(NotificationContent content, IReadOnlyList<SubscriberChoice> recipients, IReadOnlyDictionary<string, string> customArgs, CancellationToken cancellationToken)
    {
        var body = await renderer.RenderAsync("notification", new NotificationEmailView(content, ManageTag, UnsubscribeTag), cancellationToken);
        var now = time.GetUtcNow();
        var personal = recipients.Select(r =>
        {
            var unsubscribe = links.UnsubscribeUrl(tokens.Create(TokenPurpose.Unsubscribe, r.Id, now));
            var listUnsubscribe = links.UnsubscribeMailto is { Length: > 0 } mailto
                ? $"<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>"
                : $"<{unsubscribe}>";
            return new MailRecipient(
                r.Email!,
                new Dictionary<string, string>
                {
                    [ManageTag] = links.ManageUrl(tokens.Create(TokenPurpose.Manage, r.Id, now)),
                    [UnsubscribeTag] = unsubscribe,
                },
                new Dictionary<string, string>
                {
                    // RFC 8058: a mail client's "unsubscribe" button POSTs List-Unsubscribe=One-Click to the https URL.
                    ["List-Unsubscribe"] = listUnsubscribe,
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                },
                new Dictionary<string, string> { ["sc_subscriber"] = r.Id });
        }).ToArray();
        var subject = content.IsMaintenance
            ? $"[{content.PageName}] Maintenance {content.Stage.ToLowerInvariant()}: {content.Name}"
            : $"[{content.PageName}] {content.Stage}: {content.Name}";
        return new MailBatch(From(content.PageName), OneLine(subject), body.Text, body.Html, personal, customArgs, content.IsMaintenance ? "maintenance" : "incident");
    }

    /// <summary>Replaced in the bodies of subscription mails by each recipient's confirm (or manage) link.</summary>
    public const string ActionTag = "-action_url-";

    /// <summary>
    /// The double opt-in mail to any number of pending subscribers (each with their own confirmation link), or, for
    /// subscribers confirmed already, a mail with their manage link. All of <paramref name="subscribers"/> are in the
    /// same state; at most <see cref="DeliveryBatch.MaxRecipients"/> per mail.
    /// </summary>
    public async Task<MailBatch> ComposeConfirmationAsync(string pageName, string pageUrl, IReadOnlyList<Subscriber> subscribers, IReadOnlyList<string> componentNames, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var confirmed = subscribers[0].Status == SubscriberStatus.Confirmed;
        var body = await renderer.RenderAsync("confirm", new ConfirmEmailView(pageName, pageUrl, ActionTag, componentNames, confirmed), cancellationToken);
        var subject = confirmed ? $"[{pageName}] You are subscribed to status updates" : $"[{pageName}] Confirm your subscription to status updates";
        var recipients = subscribers.Select(s => new MailRecipient(
            s.Email!,
            new Dictionary<string, string>
            {
                [ActionTag] = confirmed
                    ? links.ManageUrl(tokens.Create(TokenPurpose.Manage, s.Id, now))
                    : links.ConfirmUrl(tokens.Create(TokenPurpose.Confirm, s.Id, now)),
            },
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["sc_subscriber"] = s.Id })).ToArray();
        return new MailBatch(From(pageName), OneLine(subject), body.Text, body.Html, recipients, new Dictionary<string, string> { ["sc_kind"] = "confirmation" }, "subscription");
    }

    /// <summary>Header values are single lines: CR, LF and other control characters become spaces (no header injection).</summary>
    public static string OneLine(string text)
    {
        var chars = text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private MailAddressee From(string pageName) => new(identity.FromAddress, OneLine(identity.FromName is { Length: > 0 } name ? name : pageName + " status"));
}
