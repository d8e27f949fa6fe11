namespace StatusComms.Subscriptions;

/// <summary>
/// The small pages a subscriber sees after following a link: what happened, and the form that does the next step.
/// Raw text: templates/subscriptions/Page.cshtml encodes it.
/// </summary>
public sealed record SubscriptionPageView(string PageName, string PageUrl, string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<SubscriptionForm> Forms);

/// <param name="Choices">Component checkboxes (the manage form); none ticked means every component.</param>
/// <param name="AskEmail">Shows an email field (the subscribe form).</param>
public sealed record SubscriptionForm(string Action, string Button, IReadOnlyDictionary<string, string> Hidden, IReadOnlyList<ComponentChoice>? Choices = null, bool AskEmail = false, bool Secondary = false);

public sealed record ComponentChoice(string Id, string Name, bool Chosen);
