using System.Net;
using System.Text.Json;
using StatusComms.Notifications;

namespace StatusComms.Promises;

/// <summary>The words of a nudge, the same on every channel: what was promised, for when, and where to post.</summary>
public static class NudgeWords
{
    public static string Subject(Nudge nudge)
        => nudge.Stage switch
        {
            NudgeStage.StepOverdue => $"Playbook step {nudge.Step!.Step.Number} overdue: {nudge.IncidentName}",
            NudgeStage.Overdue => $"Next update overdue: {nudge.IncidentName}",
            _ => $"Next update due in {Minutes(nudge.MinutesLeft)}: {nudge.IncidentName}",
        };

    /// <summary>One paragraph, plain text; each channel encodes it for its own format.</summary>
    public static string Body(Nudge nudge)
        => nudge.Stage == NudgeStage.StepOverdue
            ? $"Step {nudge.Step!.Step.Number} of the playbook, \"{nudge.Step.Step.Title}\", was due by {Clock(nudge.DueAt)} and is not ticked. "
                + $"Owner: {Playbooks.PlaybookRoles.Name(nudge.Step.Step.Owner)}{(nudge.Step.Person is { } person ? $" ({person})" : ", nobody named")}. It must achieve: {nudge.Step.Step.Result}"
            : nudge.Stage == NudgeStage.Overdue
            ? $"The next update of \"{nudge.IncidentName}\" was promised for {Clock(nudge.DueAt)} and has not been posted. "
                + $"The status page now says \"An update was due at {Clock(nudge.DueAt)}\". Post an update, even if only to say what you are still checking and when you will write again."
            : $"The next update of \"{nudge.IncidentName}\" is promised for {Clock(nudge.DueAt)}, in {Minutes(nudge.MinutesLeft)}. "
                + "Post it in the console, or post a new promise if you need more time.";

    public const string Action = "Open the incident in the console";

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{Math.Max(minutes, 0)} minutes";
}

/// <summary>Mails the nudge to the team's internal addresses (never to subscribers), through the page's mail sender.</summary>
public sealed class MailNudgeChannel(IMailSender mail, MailIdentity from, IReadOnlyList<string> to) : INudgeChannel
{
    public string Name => "mail";

    public async Task<NudgeOutcome> SendAsync(Nudge nudge, CancellationToken cancellationToken)
    {
        var body = NudgeWords.Body(nudge);
        var link = nudge.ConsoleUrl.AbsoluteUri;
        var batch = new MailBatch(
            new MailAddressee(from.FromAddress, from.FromName),
            NudgeWords.Subject(nudge),
            $"{body}\n\n{NudgeWords.Action}: {link}\n",
            $"<!DOCTYPE html><html lang=\"en\"><body><p>{WebUtility.HtmlEncode(body)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(NudgeWords.Action)}</a></p></body></html>",
            to.Select(address => new MailRecipient(address, Empty, Empty, Empty)).ToArray(),
            Empty,
            "nudge");
        var result = await mail.SendAsync(batch, cancellationToken);
        return new NudgeOutcome(result.Outcome == MailSendOutcome.Accepted, result.Reason);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

public enum ChatFormat
{
    /// <summary>Slack's incoming webhooks: <c>{"text": …}</c> with Slack's link markup.</summary>
    Slack,

    /// <summary>Microsoft Teams incoming webhooks: a MessageCard with a button to the console.</summary>
    Teams,
}

/// <summary>Posts the nudge to the team's chat through an incoming webhook (Slack or Microsoft Teams format).</summary>
public sealed class ChatNudgeChannel(IWebhookSender sender, Uri endpoint, ChatFormat format) : INudgeChannel
{
    public string Name => format == ChatFormat.Teams ? "Teams" : "Slack";

    public async Task<NudgeOutcome> SendAsync(Nudge nudge, CancellationToken cancellationToken)
    {
        var result = await sender.PostAsync(endpoint, Payload(nudge, format), new Dictionary<string, string>(), cancellationToken);
        return new NudgeOutcome(result.Outcome == WebhookOutcome.Delivered, result.Reason);
    }

    /// <summary>The JSON the chat's incoming webhook takes.</summary>
    public static byte[] Payload(Nudge nudge, ChatFormat format)
        => format == ChatFormat.Teams
            ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = NudgeWords.Subject(nudge),
                ["themeColor"] = nudge.Stage == NudgeStage.DueSoon ? "9A6700" : "CF222E",
                ["title"] = NudgeWords.Subject(nudge),
                ["text"] = NudgeWords.Body(nudge),
                ["potentialAction"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["@type"] = "OpenUri",
                        ["name"] = NudgeWords.Action,
                        ["targets"] = new object[] { new Dictionary<string, string> { ["os"] = "default", ["uri"] = nudge.ConsoleUrl.AbsoluteUri } },
                    },
                },
            })
            : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                // Slack reads &, < and > as markup: escape them in the words, and link with <url|label>.
                ["text"] = $"*{Slack(NudgeWords.Subject(nudge))}*\n{Slack(NudgeWords.Body(nudge))}\n<{nudge.ConsoleUrl.AbsoluteUri}|{Slack(NudgeWords.Action)}>",
            });

    private static string Slack(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
