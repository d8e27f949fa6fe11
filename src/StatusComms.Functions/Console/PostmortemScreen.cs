using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.CommsConsole;
using StatusComms.Postmortems;

namespace StatusComms.Functions.Console;

/// <summary>
/// GET/POST console/incidents/{id}/postmortem: start the postmortem, write its sections, add timeline entries and
/// action items, change an item, move it through review (draft → in review → final), see the customer summary
/// exactly as it will be published, and publish it. Each button posts a form; success redirects back with a note,
/// a refusal shows the page again with the reason beside the field it concerns and the text kept.
/// </summary>
public sealed class PostmortemScreen(PostmortemService postmortems, PostmortemConsole editor, ConsoleChromeFactory chrome, ConsoleNotices notices, IConsoleRenderer renderer)
{
    [Function("ConsolePostmortem")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsolePostmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(incidentId))
        {
            return ConsoleHttp.Page(request, IncidentScreen.NotFoundPage, StatusCodes.Status404NotFound);
        }

        if (HttpMethods.IsGet(request.Method))
        {
            var done = notices.Read(request);
            return await PageAsync(request, incidentId, null, done, new Dictionary<string, string>(), null, false, StatusCodes.Status200OK, cancellationToken);
        }

        var posted = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        var action = ConsoleHttp.Value(posted, "action") ?? string.Empty;
        var by = Caller.NameOf(request);
        PostmortemForm? kept = action == "save" ? Read(posted) : null;
        try
        {
            var notice = await ApplyAsync(incidentId, action, posted, kept, by, cancellationToken);
            return notices.Redirect(request, $"/console/incidents/{incidentId}/postmortem", notice);
        }
        catch (IncidentNotFoundException)
        {
            return ConsoleHttp.Page(request, IncidentScreen.NotFoundPage, StatusCodes.Status404NotFound);
        }
        catch (ConcurrencyConflictException)
        {
            // Someone saved meanwhile: their text is on the page (preview, revisions, "saved meanwhile"); ours stays in
            // the fields, now based on their version, so saving again is a decision taken having seen theirs.
            var current = await postmortems.GetAsync(incidentId, cancellationToken);
            var problems = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [string.Empty] = kept is null
                    ? $"{current?.Postmortem.Revisions[^1].By ?? "Someone"} changed this postmortem at the same moment, so yours was not applied. The page shows theirs: do yours again."
                    : $"{current?.Postmortem.Revisions[^1].By ?? "Someone"} saved this postmortem after you opened it. Your text is kept in the fields below; what they saved is shown beside each section it changed and in the preview. Save again to replace theirs with yours.",
            };
            // Only a save carries text to keep; another action met a colleague's change: it is shown, try it again.
            return await PageAsync(request, incidentId, kept is null ? null : kept with { Version = current?.Postmortem.Version }, null, problems, kept is null ? posted : null, kept is not null, StatusCodes.Status409Conflict, cancellationToken);
        }
        catch (Exception exception) when (exception is DomainRuleException or CandorRejectedException)
        {
            var field = action switch
            {
                "add-entry" => "new_entry",
                "add-item" => "new_item",
                "save-item" => "item:" + ConsoleHttp.Value(posted, "item_id"),
                "move" or "publish" => "workflow",
                _ => string.Empty,
            };
            var message = exception is CandorRejectedException rejected
                ? $"The candor check found {rejected.Findings.Count(f => f.Severity == FindingSeverity.Error)} error(s); each is shown beside the section it concerns. A postmortem is published only without errors."
                : exception.Message;
            return await PageAsync(request, incidentId, kept, null, new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message }, posted, false, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
    }

    private async Task<string> ApplyAsync(string incidentId, string action, IFormCollection posted, PostmortemForm? form, string by, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case "start":
                var (_, created) = await postmortems.StartAsync(incidentId, by, cancellationToken);
                return created ? "Started the postmortem as a draft. Write it, put it through review, then publish it." : "This incident has a postmortem already.";
            case "save":
                await postmortems.EditAsync(incidentId, form!.ToEdit(), by, form.Version ?? throw new DomainRuleException("Reload the page and save again."), cancellationToken);
                return "Saved.";
            case "add-entry":
                if (!ConsoleFormat.TryUtc(ConsoleHttp.Value(posted, "at") ?? string.Empty, out var at))
                {
                    throw new DomainRuleException("Give the moment's time in UTC (the picker, or YYYY-MM-DDTHH:MM).");
                }

                var text = ConsoleHttp.Value(posted, "text")?.Trim() ?? string.Empty;
                if (text.Length == 0)
                {
                    throw new DomainRuleException("Say what happened at that moment.");
                }

                await postmortems.AddTimelineEntryAsync(incidentId, at, text, posted.ContainsKey("public"), by, cancellationToken);
                return "Added the timeline entry.";
            case "add-item":
                var item = Item(posted);
                if (string.IsNullOrWhiteSpace(item.Description))
                {
                    throw new DomainRuleException("Say what will be done.");
                }

                await postmortems.AddActionItemAsync(incidentId, item.Description, item.Owner, item.DueDate, item.Kind ?? ActionItemKind.LongTermPrevention, null, item.Public ?? false, by, cancellationToken);
                return "Added the action item.";
            case "save-item":
                var itemId = ConsoleHttp.Value(posted, "item_id") ?? string.Empty;
                await postmortems.ChangeActionItemAsync(incidentId, itemId, Item(posted), by, null, cancellationToken);
                return "Saved the action item.";
            case "move":
                if (!WireName.TryParse<PostmortemStatus>(ConsoleHttp.Value(posted, "to"), out var to))
                {
                    throw new DomainRuleException("Use one of the review buttons.");
                }

                await postmortems.MoveAsync(incidentId, to, by, null, cancellationToken);
                return to switch
                {
                    PostmortemStatus.InReview => "Sent for review.",
                    PostmortemStatus.Final => "Made final: it can be published.",
                    _ => "Back to draft.",
                };
            case "publish":
                await postmortems.PublishAsync(incidentId, by, cancellationToken);
                return "Published: the summary is on the status page, and subscribers are being told.";
            default:
                throw new DomainRuleException("Use one of the buttons on this page.");
        }
    }

    /// <summary>An action item as its form posts it: every field it shows (an empty owner or due date removes it).</summary>
    private static ActionItemChange Item(IFormCollection posted)
    {
        var due = ConsoleHttp.Value(posted, "due_date")?.Trim() ?? string.Empty;
        DateOnly? date = null;
        if (due.Length > 0)
        {
            date = ConsoleFormat.TryDate(due, out var d) ? d : throw new DomainRuleException($"'{due}' is not a date (YYYY-MM-DD).");
        }

        ActionItemStatus? status = null;
        if (ConsoleHttp.Value(posted, "status") is { Length: > 0 } statusText)
        {
            status = WireName.TryParse<ActionItemStatus>(statusText, out var s) ? s : throw new DomainRuleException("Choose one of the statuses listed.");
        }

        ActionItemKind? kind = null;
        if (ConsoleHttp.Value(posted, "kind") is { Length: > 0 } kindText)
        {
            kind = WireName.TryParse<ActionItemKind>(kindText, out var k) ? k : throw new DomainRuleException("Choose one of the kinds listed.");
        }

        return new ActionItemChange
        {
            Description = ConsoleHttp.Value(posted, "description") ?? string.Empty,
            Owner = ConsoleHttp.Value(posted, "owner") ?? string.Empty,
            DueDate = date,
            ClearDueDate = date is null,
            Kind = kind,
            Public = posted.ContainsKey("public"),
            Status = status,
        };
    }

    private static PostmortemForm Read(IFormCollection posted)
    {
        string Text(string name) => ConsoleHttp.Text(posted, name);
        var shown = posted.TryGetValue("show", out var show) ? show.OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
        var computed = posted.TryGetValue("computed", out var all) ? all.OfType<string>() : [];
        return new PostmortemForm
        {
            Title = Text("title"),
            Owners = Text("owners"),
            Authors = Text("authors"),
            Participants = Text("participants"),
            ExecutiveSummary = Text("executive_summary"),
            BusinessImpact = Text("business_impact"),
            RootCause = Text("root_cause"),
            LessonsLearned = Text("lessons_learned"),
            Apology = Text("apology"),
            Hidden = computed.Where(id => !shown.Contains(id)).Distinct(StringComparer.Ordinal).ToArray(),
            Version = ConsoleHttp.Value(posted, "version"),
        };
    }

    private async Task<IActionResult> PageAsync(HttpRequest request, string incidentId, PostmortemForm? form, string? notice, IReadOnlyDictionary<string, string> problems, IFormCollection? posted, bool conflict, int status, CancellationToken cancellationToken)
    {
        var echo = posted?.Where(f => f.Key != "_csrf").ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var view = await editor.EditorAsync(chrome.For(request.HttpContext, ConsoleSection.Postmortem), incidentId, form, notice, problems, echo, conflict, cancellationToken);
        return view is null
            ? ConsoleHttp.Page(request, IncidentScreen.NotFoundPage, StatusCodes.Status404NotFound)
            : ConsoleHttp.Page(request, await renderer.RenderAsync("Postmortem", view, cancellationToken), status);
    }
}
