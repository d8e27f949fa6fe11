namespace StatusComms.Notifications;

/// <summary>
/// What subscribers are told about one update: the same words as the status page, and who it concerns. Raw text:
/// the email templates encode it for HTML.
/// </summary>
/// <param name="ComponentIds">The components the event affects; subscribers of any of them (or of everything) hear of it.</param>
/// <param name="Stage">"Investigating", "Resolved", "In progress", ...</param>
/// <param name="Link">The incident's page, or the maintenance's place on the front page.</param>
public sealed record NotificationContent(
    NotificationRef Notification,
    string PageName,
    string PageUrl,
    string Name,
    string Stage,
    string? ImpactLabel,
    string Body,
    DateTimeOffset PostedAt,
    IReadOnlyList<ComponentLine> Components,
    IReadOnlyList<string> ComponentIds,
    DateTimeOffset? NextUpdateAt,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    string Link,
    bool Deliver)
{
    public bool IsMaintenance => Notification.Kind == NotificationKind.Maintenance;
}

/// <summary>A component and the status this update leaves it in, in words.</summary>
public sealed record ComponentLine(string Name, string Status);

/// <summary>The model of templates/email/notification.*.cshtml.</summary>
/// <param name="ManageUrl">A substitution tag replaced per recipient (<see cref="NotificationComposer.ManageTag"/>).</param>
public sealed record NotificationEmailView(NotificationContent Content, string ManageUrl, string UnsubscribeUrl);

/// <summary>The model of templates/email/confirm.*.cshtml: the double opt-in mail, or "you are already subscribed".</summary>
public sealed record ConfirmEmailView(string PageName, string PageUrl, string ActionUrl, IReadOnlyList<string> ComponentNames, bool AlreadyConfirmed);
