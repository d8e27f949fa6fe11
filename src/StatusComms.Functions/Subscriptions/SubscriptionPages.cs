using StatusComms.Components;
using StatusComms.Infrastructure.Templates;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>The pages behind subscription links, in words a subscriber understands; each form posts back to its own URL.</summary>
public sealed class SubscriptionPages(RazorLightSubscriptionPages renderer, PageSettings page)
{
    public Task<string> CheckInboxAsync() => RenderAsync(
        "Check your inbox",
        ["If that address can receive mail, a message is on its way to it. Follow the link in it to confirm: nothing is sent to you until you do.", "The link works for 7 days."]);

    public Task<string> ConfirmPromptAsync(string action, string token) => RenderAsync(
        "Confirm your subscription",
        [$"Press the button to start getting {page.Name} status updates by email."],
        new SubscriptionForm(action, "Confirm subscription", Hidden(token)));

    public Task<string> ConfirmedAsync(string manageUrl) => RenderAsync(
        "You are subscribed",
        [$"You will get an email when {page.Name} posts about an incident or maintenance that concerns you.", $"To choose components or unsubscribe later, use the links at the end of every email, or keep this one: {manageUrl}"]);

    public Task<string> ManageAsync(string action, string token, Subscriber subscriber, IReadOnlyList<Component> components, string? saved = null) => RenderAsync(
        "Your subscription",
        [
            .. saved is null ? Array.Empty<string>() : [saved],
            subscriber.Status == SubscriberStatus.Confirmed
                ? $"You get {page.Name} status updates at {subscriber.Email}. Choose what you want to hear about."
                : "This subscription is stopped: you get no mail from us. Subscribe again on the status page to start again.",
        ],
        [
            .. subscriber.Status == SubscriberStatus.Confirmed && components.Count > 0
                ? [new SubscriptionForm(action, "Save", Hidden(token, "save"), components.Select(c => new ComponentChoice(c.Id, c.Name, subscriber.ComponentIds.Contains(c.Id))).ToArray())]
                : Array.Empty<SubscriptionForm>(),
            .. subscriber.Status == SubscriberStatus.Confirmed ? [new SubscriptionForm(action, "Unsubscribe from all updates", Hidden(token, "unsubscribe"), Secondary: true)] : Array.Empty<SubscriptionForm>(),
        ]);

    public Task<string> UnsubscribePromptAsync(string action, string token) => RenderAsync(
        "Unsubscribe",
        [$"Press the button to stop getting {page.Name} status updates by email. Nothing changes until you do."],
        new SubscriptionForm(action, "Unsubscribe", Hidden(token)));

    public Task<string> UnsubscribedAsync() => RenderAsync(
        "You are unsubscribed",
        [$"You will get no more {page.Name} status updates by email. The status page always shows the current status.", "Changed your mind? Subscribe again on the status page."]);

    public Task<string> LinkProblemAsync(string reason) => RenderAsync("This link does not work", [reason]);

    public Task<string> ProblemAsync(string title, string detail) => RenderAsync(title, [detail]);

    private Task<string> RenderAsync(string title, IReadOnlyList<string> paragraphs, params SubscriptionForm[] forms)
        => RenderAsync(title, paragraphs, (IReadOnlyList<SubscriptionForm>)forms);

    private Task<string> RenderAsync(string title, IReadOnlyList<string> paragraphs, IReadOnlyList<SubscriptionForm> forms)
        => renderer.RenderAsync(new SubscriptionPageView(page.Name, page.Url, title, paragraphs, forms));

    private static Dictionary<string, string> Hidden(string token, string? action = null)
        => action is null ? new() { ["token"] = token } : new() { ["token"] = token, ["action"] = action };
}
