using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>
/// The unsubscribe link, also the List-Unsubscribe URL of every notification. RFC 8058: a mail client's one-click
/// unsubscribe is a POST with the body "List-Unsubscribe=One-Click" to this URL (token in the query), with no cookie
/// or login. A GET only shows a button: mail scanners follow links, and must not unsubscribe anyone.
/// </summary>
public sealed class Unsubscribe(SubscriptionService subscriptions, SubscriptionPages pages, SubscriptionTokens tokens, StatusComms.Notifications.SubscriptionLinks links, TimeProvider time)
{
    [Function(nameof(Unsubscribe))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.Unsubscribe)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, token) = await PublicHttp.FormAndTokenAsync(request, cancellationToken);
        try
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                var check = tokens.Read(token, TokenPurpose.Unsubscribe, time.GetUtcNow());
                return check.IsValid
                    ? PublicHttp.Html(request, await pages.UnsubscribePromptAsync(links.UnsubscribeUrl(token!), token!))
                    : PublicHttp.Html(request, await pages.LinkProblemAsync(check.Refusal!), StatusCodes.Status400BadRequest);
            }

            var oneClick = form is not null && form["List-Unsubscribe"] == "One-Click";
            await subscriptions.UnsubscribeAsync(token, TokenPurpose.Unsubscribe, oneClick ? "unsubscribed with the mail client's one-click button" : "unsubscribed by link", cancellationToken);
            return PublicHttp.Html(request, await pages.UnsubscribedAsync());
        }
        catch (SubscriptionLinkException link)
        {
            return PublicHttp.Html(request, await pages.LinkProblemAsync(link.Message), StatusCodes.Status400BadRequest);
        }
    }
}
