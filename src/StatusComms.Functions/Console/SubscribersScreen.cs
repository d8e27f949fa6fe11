using Microsoft.Extensions.Options;
using StatusComms.Common;
using StatusComms.CommsConsole;
using StatusComms.Components;
using StatusComms.Functions.Hosting;
using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Console;

/// <summary>
/// GET/POST console/subscribers: counts by status and by component, the deliveries that need a person (send one
/// again), the addresses no longer sent to, and an import of addresses (each is sent a confirmation first).
/// </summary>
public sealed class SubscribersScreen(
    SubscribersConsole screen,
    SubscriptionService subscriptions,
    NotificationDispatcher dispatcher,
    ComponentService components,
    IOptions<StatusCommsOptions> options,
    ConsoleChromeFactory chrome,
    ConsoleNotices notices,
    IConsoleRenderer renderer)
{
    [Function("ConsoleSubscribers")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleSubscribers)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var done = notices.Read(request);
            return await PageAsync(request, done, [], null, string.Empty, StatusCodes.Status200OK, cancellationToken);
        }

        var form = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        switch (ConsoleHttp.Value(form, "action"))
        {
            case "resend":
                var key = ConsoleHttp.Value(form, "key") ?? string.Empty;
                var target = ConsoleHttp.Value(form, "target") ?? string.Empty;
                var record = NotificationRef.TryParse(key) is null ? null : await dispatcher.ResendAsync(key, target, Caller.NameOf(request), cancellationToken);
                return record is null
                    ? await PageAsync(request, null, ["That delivery is no longer failed or ambiguous (someone may have sent it again already)."], null, string.Empty, StatusCodes.Status409Conflict, cancellationToken)
                    : notices.Redirect(request, "/console/subscribers", $"Queued attempt {record.Attempt + 1} of {target}.");
            case "import":
                return await ImportAsync(request, form, cancellationToken);
            default:
                return await PageAsync(request, null, ["Use one of the buttons on this page."], null, string.Empty, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
    }

    /// <summary>One address per line (or separated by commas), each subscribed to the components ticked (none: all).</summary>
    private async Task<IActionResult> ImportAsync(HttpRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var text = ConsoleHttp.Value(form, "addresses") ?? string.Empty;
        var addresses = text.Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var max = options.Value.Subscriptions.MaxImport;
        if (addresses.Length == 0 || addresses.Length > max)
        {
            return await PageAsync(request, null, [$"Paste 1 to {max:N0} addresses, one per line."], null, text, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var known = (await components.ListAsync(cancellationToken)).Components.Where(c => !c.IsGroup).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = form.TryGetValue("component", out var values) ? values.OfType<string>().Where(known.Contains).Distinct(StringComparer.Ordinal).ToArray() : [];
        try
        {
            var report = await subscriptions.ImportAsync(addresses.Select(a => (a, (IReadOnlyList<string>)chosen)).ToArray(), cancellationToken);
            var summary = $"Imported: {report.ConfirmationsSent} confirmation mail(s) sent, {report.AlreadyConfirmed} already confirmed, {report.MailFailures} confirmation(s) could not be sent{(report.ReportedSpam > 0 ? $", {report.ReportedSpam} address(es) that reported our mail as spam were sent nothing" : string.Empty)}.";

            // The addresses refused stay in the box to be corrected; the rest are done (a reload sends nothing twice).
            return report.Invalid.Count == 0
                ? notices.Redirect(request, "/console/subscribers", summary)
                : await PageAsync(request, summary, [$"{report.Invalid.Count} address(es) are not valid and were not imported; they are left in the box to correct."], report, string.Join('\n', report.Invalid), StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            return await PageAsync(request, null, [rule.Message], null, text, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
    }

    private async Task<IActionResult> PageAsync(HttpRequest request, string? notice, IReadOnlyList<string> refusals, ImportReport? import, string importText, int status, CancellationToken cancellationToken)
    {
        var view = await screen.ViewAsync(chrome.For(request.HttpContext, ConsoleSection.Subscribers), notice, refusals, import, importText, cancellationToken);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Subscribers", view, cancellationToken), status);
    }
}
