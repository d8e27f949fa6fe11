using System.Globalization;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.CommsConsole;
using StatusComms.Messages;
using StatusComms.Components;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Console;

/// <summary>
/// console/maintenance, …/new and …/{id}: planned work listed, scheduled from the announced message, and its updates
/// posted (free text, started, extended, completed, cancelled), each starting from its pre-written message and
/// checked by the candor check before it goes out (errors need an override reason here, whatever the API enforces).
/// Every button posts its form and gets the page back with the draft kept; a successful post redirects (303) to the
/// maintenance with a notice; what the maintenance refuses is shown on the page with 422, the draft kept.
/// </summary>
public sealed class MaintenanceScreen(MaintenanceService maintenances, IComponentStore components, MaintenanceConsole console, ConsoleChromeFactory chrome, ConsoleNotices notices, IConsoleRenderer renderer)
{
    private const string OverrideNeeded = "The candor check found errors (listed with the form). Fix them, or say in the last field why this should go out as it is.";

    [Function("ConsoleMaintenances")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleMaintenances)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var view = await console.ListAsync(chrome.For(request.HttpContext, ConsoleSection.Maintenance), cancellationToken);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Maintenances", view, cancellationToken));
    }

    [Function("ConsoleNewMaintenance")]
    public async Task<IActionResult> NewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleNewMaintenance)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var known = await components.ListAsync(cancellationToken);
        var problems = new List<string>();
        var (form, action) = HttpMethods.IsGet(request.Method)
            ? (console.NewForm(), "template")
            : await ReadNewAsync(request, known, problems, cancellationToken);
        if (action == "template")
        {
            form = await AnnounceAsync(form, Author(request), problems, cancellationToken);
        }
        else if (action == "fill")
        {
            form = form with { Body = MessageContext.Fill(form.Body, form.Fields) };
        }

        var preview = await PreviewNewAsync(form, Author(request), problems, cancellationToken);
        var status = StatusCodes.Status200OK;
        if (action == "post")
        {
            Refuse(problems, preview, form.OverrideReason, form.Name.Trim().Length == 0 ? "Give the maintenance a name customers recognise: what will be worked on." : Missing(form));
            if (problems.Count == 0)
            {
                try
                {
                    var created = await maintenances.CreateAsync(New(form, Author(request)), cancellationToken);
                    return notices.Redirect(request, $"/console/maintenance/{created.Maintenance.Id}", MaintenanceConsole.ScheduledNotice);
                }
                catch (Exception exception) when (exception is DomainRuleException or CandorRejectedException)
                {
                    problems.Add(exception.Message);
                }
            }

            status = StatusCodes.Status422UnprocessableEntity;
        }

        var view = new NewMaintenanceView(
            chrome.For(request.HttpContext, ConsoleSection.Maintenance),
            form,
            MaintenanceConsole.Choices(known, form.ComponentIds),
            MaintenanceConsole.Blanks(form.Body, form.Fields),
            preview is null ? null : MaintenanceConsole.Check(preview.Findings, form.Body),
            problems);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("NewMaintenance", view, cancellationToken), status);
    }

    [Function("ConsoleMaintenance")]
    public async Task<IActionResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleMaintenance)] HttpRequest request,
        string maintenanceId,
        CancellationToken cancellationToken)
    {
        var details = Ids.IsWellFormed(maintenanceId) ? await maintenances.GetAsync(maintenanceId, cancellationToken) : null;
        if (details is null)
        {
            return ConsoleHttp.Page(request, NotFoundPage, StatusCodes.Status404NotFound);
        }

        var pageChrome = chrome.For(request.HttpContext, ConsoleSection.Maintenance);
        if (HttpMethods.IsGet(request.Method))
        {
            var notice = notices.Read(request);
            return ConsoleHttp.Page(request, await renderer.RenderAsync("Maintenance", await console.PageAsync(pageChrome, details, null, notice, [], cancellationToken), cancellationToken));
        }

        var posted = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        var problems = new List<string>();
        if (!WireName.TryParse<MaintenanceAction>(ConsoleHttp.Value(posted, "kind"), out var kind))
        {
            problems.Add("Use one of the forms on this page.");
            return ConsoleHttp.Page(request, await renderer.RenderAsync("Maintenance", await console.PageAsync(pageChrome, details, null, null, problems, cancellationToken), cancellationToken), StatusCodes.Status422UnprocessableEntity);
        }

        var (draft, check, status) = await ActAsync(request, details, kind, ReadAction(posted, kind, problems), ConsoleHttp.Value(posted, "action") ?? "check", problems, cancellationToken);
        if (status == StatusCodes.Status303SeeOther)
        {
            return notices.Redirect(request, $"/console/maintenance/{details.Maintenance.Id}", MaintenanceConsole.Done(kind));
        }

        if (status == StatusCodes.Status409Conflict)
        {
            // The page shows the maintenance as it is now, their update in the timeline; posting again goes on top of it.
            details = await maintenances.GetAsync(details.Maintenance.Id, cancellationToken) ?? details;
            draft = draft with { Version = details.Maintenance.Version };
        }

        var view = await console.PageAsync(pageChrome, details, (kind, draft, check), null, problems, cancellationToken);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Maintenance", view, cancellationToken), status);
    }

    /// <summary>Applies one button of one form: refill from the message, fill the blanks, check, or post.</summary>
    private async Task<(MaintenanceActionDraft Draft, MaintenanceCheck? Check, int Status)> ActAsync(
        HttpRequest request, MaintenanceDetails details, MaintenanceAction kind, MaintenanceActionDraft draft, string step, List<string> problems, CancellationToken cancellationToken)
    {
        if (step == "template")
        {
            try
            {
                draft = await console.DraftAsync(details, kind, draft, cancellationToken) is { } written ? draft with { Body = written.Body } : draft;
            }
            catch (DomainRuleException rule)
            {
                problems.Add(rule.Message);
            }
        }
        else if (step == "fill")
        {
            draft = draft with { Body = MessageContext.Fill(draft.Body, draft.Fields) };
        }

        MaintenancePreview? preview = null;
        if (draft.Body.Trim().Length > 0 && problems.Count == 0)
        {
            try
            {
                preview = await maintenances.PreviewUpdateAsync(details.Maintenance.Id, MaintenanceConsole.Changes(kind, draft, Author(request)), cancellationToken);
            }
            catch (DomainRuleException rule)
            {
                problems.Add(rule.Message);
            }
        }

        var check = preview is null ? null : MaintenanceConsole.Check(preview.Findings, draft.Body);
        if (step != "post")
        {
            return (draft, check, StatusCodes.Status200OK);
        }

        Refuse(problems, preview, draft.OverrideReason, "Write the message customers will read.");
        if (problems.Count > 0)
        {
            return (draft, check, StatusCodes.Status422UnprocessableEntity);
        }

        try
        {
            await maintenances.UpdateAsync(details.Maintenance.Id, MaintenanceConsole.Changes(kind, draft, Author(request)), draft.Version, cancellationToken);
            return (draft, check, StatusCodes.Status303SeeOther);
        }
        catch (ConcurrencyConflictException)
        {
            problems.Add("Someone else posted on this maintenance while you were writing. Your draft is kept and was not posted: read their update in the timeline, then post again.");
            return (draft, check, StatusCodes.Status409Conflict);
        }
        catch (Exception exception) when (exception is DomainRuleException or CandorRejectedException)
        {
            problems.Add(exception.Message);
            return (draft, check, StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>Replaces the text with the announced message, written for the draft as it stands.</summary>
    private async Task<MaintenanceForm> AnnounceAsync(MaintenanceForm form, string author, List<string> problems, CancellationToken cancellationToken)
    {
        if (form.ScheduledFor is null || form.ScheduledUntil is null)
        {
            problems.Add("Give the window's start and end first: the message says them.");
            return form;
        }

        try
        {
            var draft = await maintenances.PreviewCreateAsync(New(form with { Name = form.Name.Trim().Length > 0 ? form.Name : "(draft)", Body = "(draft)" }, author), cancellationToken);
            return form with { Body = await console.AnnouncementAsync(draft, form.Fields, cancellationToken) };
        }
        catch (DomainRuleException rule)
        {
            problems.Add(rule.Message);
            return form;
        }
    }

    /// <summary>The maintenance as it would be scheduled, once there is a name, a window and a text to judge.</summary>
    private async Task<MaintenancePreview?> PreviewNewAsync(MaintenanceForm form, string author, List<string> problems, CancellationToken cancellationToken)
    {
        if (form.Name.Trim().Length == 0 || form.Body.Trim().Length == 0 || form.ScheduledFor is null || form.ScheduledUntil is null)
        {
            return null;
        }

        try
        {
            return await maintenances.PreviewCreateAsync(New(form, author), cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            problems.Add(rule.Message);
            return null;
        }
    }

    /// <summary>Why a post cannot go out yet, if the maintenance itself has not said so already.</summary>
    private static void Refuse(List<string> problems, MaintenancePreview? preview, string? overrideReason, string missing)
    {
        if (preview is null && problems.Count == 0)
        {
            problems.Add(missing);
        }
        else if (preview is { HasErrors: true } && string.IsNullOrWhiteSpace(overrideReason))
        {
            problems.Add(OverrideNeeded);
        }
    }

    private static string Missing(MaintenanceForm form)
        => form.ScheduledFor is null || form.ScheduledUntil is null ? "Give the window's start and end (UTC)." : "Write the message customers will read.";

    private static async Task<(MaintenanceForm Form, string Action)> ReadNewAsync(HttpRequest request, IReadOnlyList<Component> known, List<string> problems, CancellationToken cancellationToken)
    {
        var posted = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        var chosen = posted.TryGetValue("components", out var values) ? values.OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
        var form = new MaintenanceForm
        {
            Name = ConsoleHttp.Value(posted, "name") ?? string.Empty,
            ScheduledFor = Time(posted, "scheduled_for", problems),
            ScheduledUntil = Time(posted, "scheduled_until", problems),
            ComponentIds = known.Where(c => !c.IsGroup && chosen.Contains(c.Id)).Select(c => c.Id).ToArray(),
            AutoTransition = posted.ContainsKey("auto_transition"),
            Body = ConsoleHttp.Text(posted, "body"),
            Fields = ConsoleHttp.TemplateFields(posted),
            OverrideReason = ConsoleHttp.OverrideReason(posted),
        };
        return (form, ConsoleHttp.Value(posted, "action") ?? "check");
    }

    private static MaintenanceActionDraft ReadAction(IFormCollection posted, MaintenanceAction kind, List<string> problems)
    {
        var end = kind == MaintenanceAction.Extend ? Time(posted, "new_end", problems) : null;
        if (kind == MaintenanceAction.Extend && end is null && problems.Count == 0)
        {
            problems.Add("Give the new end of the window (UTC).");
        }

        return new MaintenanceActionDraft { Body = ConsoleHttp.Text(posted, "body"), Fields = ConsoleHttp.TemplateFields(posted), OverrideReason = ConsoleHttp.OverrideReason(posted), NewEnd = end, Version = ConsoleHttp.Value(posted, "version") };
    }

    /// <summary>A time from a <c>datetime-local</c> input, read as UTC, as the compose form reads next_update_at.</summary>
    private static DateTimeOffset? Time(IFormCollection posted, string name, List<string> problems)
    {
        if (ConsoleHttp.Value(posted, name) is not { Length: > 0 } text)
        {
            return null;
        }

        if (ConsoleFormat.TryUtc(text, out var parsed))
        {
            return parsed;
        }

        problems.Add($"'{text}' is not a time (use the picker, or YYYY-MM-DDTHH:MM in UTC).");
        return null;
    }

    private static NewMaintenance New(MaintenanceForm form, string author) => new()
    {
        Name = form.Name,
        Body = form.Body,
        ScheduledFor = form.ScheduledFor!.Value,
        ScheduledUntil = form.ScheduledUntil!.Value,
        ComponentIds = form.ComponentIds,
        AutoTransition = form.AutoTransition,
        Author = author,
        CandorOverrideReason = form.OverrideReason,
    };

    private static string Author(HttpRequest request) => Caller.NameOf(request);

    private const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found · comms console</title></head>
        <body><main><h1>There is no such maintenance</h1><p><a href="/console/maintenance">Back to maintenance</a></p></main></body></html>
        """;
}
