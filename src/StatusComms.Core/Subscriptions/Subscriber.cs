using StatusComms.Common;

namespace StatusComms.Subscriptions;

/// <summary>
/// Someone who asked to hear about incidents: by email (double opt-in) or through a webhook endpoint. An email
/// subscriber's id is derived from the address with a keyed hash (<see cref="SubscriptionTokens.SubscriberId"/>), so
/// one address is one subscriber and the id reveals nothing about the address. An empty component list means
/// every component.
/// </summary>
public sealed class Subscriber
{
    /// <summary>A subscriber may pick at most this many components (a page has at most a few hundred).</summary>
    public const int MaxComponents = 500;

    private Subscriber()
    {
    }

    public string Id { get; private set; } = string.Empty;

    /// <summary>The normalised address, for email subscribers; never published.</summary>
    public string? Email { get; private set; }

    /// <summary>The https endpoint, for webhook subscribers.</summary>
    public Uri? WebhookUrl { get; private set; }

    /// <summary>The key the webhook's deliveries are signed with (HMAC-SHA256), base64; shown to its owner once.</summary>
    public string? WebhookSecret { get; private set; }

    public SubscriberStatus Status { get; private set; }

    public IReadOnlyList<string> ComponentIds { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>Why mail stopped: "unsubscribed by link", "bounce: 550 mailbox unavailable", ...</summary>
    public string? StoppedReason { get; private set; }

    /// <summary>Opaque version of the stored row (its ETag), for conditional writes.</summary>
    public string? Version { get; private set; }

    public bool IsEmail => Email is not null;

    /// <summary>True for a confirmed subscriber who wants to hear about an event touching <paramref name="componentIds"/>.</summary>
    public bool WantsToHearAbout(IReadOnlyCollection<string> componentIds) => Wants(Status, ComponentIds, componentIds);

    /// <summary>Confirmed, and chose no component (everything), or one the event affects; a page-wide event reaches all.</summary>
    public static bool Wants(SubscriberStatus status, IReadOnlyList<string> chosen, IReadOnlyCollection<string> affected)
        => status == SubscriberStatus.Confirmed && (chosen.Count == 0 || affected.Count == 0 || chosen.Any(affected.Contains));

    public static Subscriber ForEmail(string id, string email, IReadOnlyList<string> componentIds, DateTimeOffset now)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            throw new DomainRuleException("That is not an email address we can send to: give one address such as name@example.com.");
        }

        return new Subscriber { Id = id, Email = normalized, Status = SubscriberStatus.Pending, ComponentIds = Checked(componentIds), CreatedAt = now, UpdatedAt = now };
    }

    public static Subscriber ForWebhook(string id, Uri url, string secret, IReadOnlyList<string> componentIds, DateTimeOffset now)
        => new() { Id = id, WebhookUrl = url, WebhookSecret = secret, Status = SubscriberStatus.Confirmed, ComponentIds = Checked(componentIds), CreatedAt = now, UpdatedAt = now, ConfirmedAt = now };

    /// <summary>
    /// The address reported our mail as spam. Nothing is sent to it again, not even a confirmation link: a request
    /// to subscribe it can come from anyone, and a spam report never lifts by itself.
    /// </summary>
    public bool ReportedSpam => Status == SubscriberStatus.Suppressed && StoppedReason?.StartsWith("spamreport", StringComparison.Ordinal) == true;

    /// <summary>
    /// Asked again to subscribe: an unsubscribed subscriber starts double opt-in again with the new choice. A
    /// suppressed one (a bounce, a drop) stays suppressed, so no update reaches it on a stranger's word, until the
    /// person follows a confirmation link (<see cref="Confirm"/>).
    /// </summary>
    public void Resubscribe(IReadOnlyList<string> componentIds, DateTimeOffset now)
    {
        if (Status is SubscriberStatus.Confirmed or SubscriberStatus.Suppressed)
        {
            return; // Nothing changes until they use the link in the mail they will get (none after a spam report).
        }

        Status = SubscriberStatus.Pending;
        ComponentIds = Checked(componentIds);
        StoppedReason = null;
        UpdatedAt = now;
    }

    /// <summary>
    /// The confirmation link was followed: the person reads mail at this address. That lifts a bounce or drop
    /// suppression (the mailbox works now); a spam report is never lifted this way, and an unsubscribe needs a new
    /// request first. Confirming twice is harmless.
    /// </summary>
    public void Confirm(DateTimeOffset now)
    {
        if (Status == SubscriberStatus.Unsubscribed || ReportedSpam)
        {
            throw new DomainRuleException("This subscription was stopped after the link was sent. Subscribe again to get a new link.");
        }

        if (Status is SubscriberStatus.Pending or SubscriberStatus.Suppressed)
        {
            Status = SubscriberStatus.Confirmed;
            StoppedReason = null;
            ConfirmedAt = now;
            UpdatedAt = now;
        }
    }

    public void ChooseComponents(IReadOnlyList<string> componentIds, DateTimeOffset now)
    {
        ComponentIds = Checked(componentIds);
        UpdatedAt = now;
    }

    public void Unsubscribe(string reason, DateTimeOffset now)
    {
        if (Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
        {
            return;
        }

        Status = SubscriberStatus.Unsubscribed;
        StoppedReason = reason;
        UpdatedAt = now;
    }

    /// <summary>A bounce, drop or spam report: stop for good (a new subscription is a new opt-in).</summary>
    public void Suppress(string reason, DateTimeOffset now)
    {
        if (Status == SubscriberStatus.Suppressed)
        {
            return;
        }

        Status = SubscriberStatus.Suppressed;
        StoppedReason = reason;
        UpdatedAt = now;
    }

    public static Subscriber Restore(SubscriberSnapshot s)
        => new()
        {
            Id = s.Id,
            Email = s.Email,
            WebhookUrl = s.WebhookUrl,
            WebhookSecret = s.WebhookSecret,
            Status = s.Status,
            ComponentIds = s.ComponentIds,
            CreatedAt = s.CreatedAt,
            UpdatedAt = s.UpdatedAt,
            ConfirmedAt = s.ConfirmedAt,
            StoppedReason = s.StoppedReason,
            Version = s.Version,
        };

    public SubscriberChoice ToChoice() => new(Id, Email, IsEmail, Status, ComponentIds);

    /// <summary>Called by the store after a write, with the stored row's new version.</summary>
    public void MarkSaved(string? version) => Version = version;

    public SubscriberSnapshot ToSnapshot()
        => new(Id, Email, WebhookUrl, WebhookSecret, Status, ComponentIds, CreatedAt, UpdatedAt, ConfirmedAt, StoppedReason, Version);

    private static string[] Checked(IReadOnlyList<string> componentIds)
    {
        if (componentIds.Count > MaxComponents || componentIds.Any(id => !Ids.IsWellFormed(id)))
        {
            throw new DomainRuleException($"Choose at most {MaxComponents} components by their ids.");
        }

        return componentIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }
}

/// <summary>
/// Just what the fan-out and the send need to know of a subscriber: id, address (null for a webhook; not read by
/// the fan-out), status and choice.
/// </summary>
public sealed record SubscriberChoice(string Id, string? Email, bool IsEmail, SubscriberStatus Status, IReadOnlyList<string> ComponentIds)
{
    public bool WantsToHearAbout(IReadOnlyCollection<string> componentIds) => Subscriber.Wants(Status, ComponentIds, componentIds);
}

public sealed record SubscriberSnapshot(
    string Id,
    string? Email,
    Uri? WebhookUrl,
    string? WebhookSecret,
    SubscriberStatus Status,
    IReadOnlyList<string> ComponentIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ConfirmedAt,
    string? StoppedReason,
    string? Version);
