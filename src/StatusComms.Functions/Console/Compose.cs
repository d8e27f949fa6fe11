using System.Globalization;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.CommsConsole;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Messages;

namespace StatusComms.Functions.Console;

/// <summary>
/// console/incidents/new, console/incidents/{id}/update and …/reopen: write a message (from a pre-written one or
/// freely), see the candor findings and exactly what customers and subscribers will get, and post it. Every button
/// posts the whole form and gets the page back with the draft kept (the script only does the same as one types);
/// a successful post redirects to the incident. Errors need an override reason here whatever the API enforces; a
/// draft started before someone else's update is never posted over it.
/// </summary>
public sealed class Compose(IncidentService incidents, ComponentService components, MessageLibrary messages, ConsoleService console, ConsoleChromeFactory chrome, IConsoleRenderer renderer)
{
    private static readonly IncidentStatus[] OpenStages = [IncidentStatus.Investigating, IncidentStatus.Identified, IncidentStatus.Monitoring];
    private static readonly IncidentStatus[] UpdateStages = [.. OpenStages, IncidentStatus.Resolved];

    private enum Mode
    {
        New,
        Update,
        Reopen,
    }

    [Function("ConsoleNewIncident")]
    public Task<IActionResult> NewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleNewIncident)] HttpRequest request,
        CancellationToken cancellationToken)
        => RunAsync(request, Mode.New, null, cancellationToken);

    [Function("ConsoleUpdateIncident")]
    public Task<IActionResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleUpdateIncident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => RunAsync(request, Mode.Update, incidentId, cancellationToken);

    [Function("ConsoleReopenIncident")]
    public Task<IActionResult> ReopenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleReopenIncident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => RunAsync(request, Mode.Reopen, incidentId, cancellationToken);

    private async Task<IActionResult> RunAsync(HttpRequest request, Mode mode, string? incidentId, CancellationToken cancellationToken)
    {
        Incident? incident = null;
        IReadOnlyList<Component> known;
        IReadOnlyDictionary<string, ComponentStatus> displayed;
        if (incidentId is not null)
        {
            var details = Ids.IsWellFormed(incidentId) ? await incidents.GetAsync(incidentId, cancellationToken) : null;
            if (details is null)
            {
                return ConsoleHttp.Page(request, IncidentScreen.NotFoundPage, StatusCodes.Status404NotFound);
            }

            incident = details.Incident;
            known = details.Components.Values.ToArray();

            // What its components show now is what this incident put them in (where another open incident puts one
            // lower still, the page shows that; the form is about this incident).
            displayed = incident.Components;
        }
        else
        {
            var listing = await components.ListAsync(cancellationToken);
            known = listing.Components;
            displayed = known.Where(c => !c.IsGroup).ToDictionary(c => c.Id, c => listing.Rollup.DisplayedStatus(c.Id), StringComparer.Ordinal);
        }

        var problems = new List<string>();
        ComposeForm form;
        string action;
        if (HttpMethods.IsGet(request.Method))
        {
            form = Start(request, mode, incident);
            action = "start";
        }
        else
        {
            var posted = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
            form = Read(posted, known, problems);
            action = ConsoleHttp.Value(posted, "action") ?? "check";
        }

        if (action == "template" && form.Template is { Length: > 0 } template)
        {
            form = await UseTemplateAsync(form, template, mode, incident, known, problems, cancellationToken);
        }
        else if (action == "fill")
        {
            form = form with { Body = MessageContext.Fill(form.Body, form.Fields) };
        }

        IncidentPreview? preview = null;
        if (form.Body.Trim().Length > 0 && (incident is not null || form.Name.Trim().Length > 0))
        {
            try
            {
                preview = await PreviewAsync(mode, incident, form, Author(request), cancellationToken);
            }
            catch (DomainRuleException rule)
            {
                problems.Add(rule.Message);
            }
        }

        var status = StatusCodes.Status200OK;
        IReadOnlyList<IncidentUpdate> conflict = [];
        if (action == "post")
        {
            if (preview is null && problems.Count == 0)
            {
                problems.Add(incident is null && form.Name.Trim().Length == 0 ? "Give the incident a title customers recognise." : "Write the message customers will read.");
            }
            else if (preview is { HasErrors: true } && string.IsNullOrWhiteSpace(form.OverrideReason))
            {
                problems.Add("The candor check found errors (listed beside the form). Fix them, or say in the last field why this should go out as it is.");
            }

            if (problems.Count == 0)
            {
                try
                {
                    var id = await PostAsync(mode, incident, form, Author(request), cancellationToken);
                    return ConsoleHttp.SeeOther(request, $"/console/incidents/{id}?posted=1");
                }
                catch (ConcurrencyConflictException)
                {
                    var current = (await incidents.GetAsync(incident!.Id, cancellationToken))?.Incident ?? incident;
                    conflict = current.Updates.Where(u => u.Sequence > form.Seen).Reverse().ToArray();
                    incident = current;
                    form = form with { Version = current.Version, Seen = current.Updates.Count > 0 ? current.Updates[^1].Sequence : 0 };
                    status = StatusCodes.Status409Conflict;
                }
                catch (Exception exception) when (exception is DomainRuleException or CandorRejectedException)
                {
                    problems.Add(exception.Message);
                }
            }

            if (status == StatusCodes.Status200OK)
            {
                status = StatusCodes.Status422UnprocessableEntity;
            }
        }

        var live = preview is null ? null : await console.LiveAsync(preview, cancellationToken);
        var view = new ComposeView(
            chrome.For(request.HttpContext, mode == Mode.New ? ConsoleSection.Compose : ConsoleSection.Incident),
            mode switch { Mode.New => "New incident", Mode.Reopen => $"Reopen: {incident!.Name}", _ => $"Update: {incident!.Name}" },
            mode switch { Mode.New => "/console/incidents/new", Mode.Reopen => $"/console/incidents/{incident!.Id}/reopen", _ => $"/console/incidents/{incident!.Id}/update" },
            form,
            incident,
            mode == Mode.Reopen,
            ConsoleService.Choices(known, form.ComponentStatuses, displayed),
            Templates(),
            FieldsOf(form),
            mode == Mode.Update ? UpdateStages : OpenStages,
            live,
            problems,
            conflict);
        // The script's live check (X-Console-Live) needs only the findings and previews, not the whole page again.
        var liveOnly = action == "check" && request.Headers["X-Console-Live"] == "1";
        return ConsoleHttp.Page(request, await renderer.RenderAsync(liveOnly ? "_Live" : "Compose", view, cancellationToken), status);
    }

    /// <summary>The form as it first appears: the incident's components and stage, the latest next update the impact allows.</summary>
    private ComposeForm Start(HttpRequest request, Mode mode, Incident? incident)
    {
        var stage = WireName.TryParse<IncidentStatus>(request.Query["stage"].FirstOrDefault(), out var asked) && (mode == Mode.Update ? UpdateStages : OpenStages).Contains(asked)
            ? asked
            : mode == Mode.Update ? incident!.Status : IncidentStatus.Investigating;
        var statuses = incident?.Components.ToDictionary(c => c.Key, c => stage == IncidentStatus.Resolved ? ComponentStatus.Operational : c.Value, StringComparer.Ordinal)
            ?? new Dictionary<string, ComponentStatus>(StringComparer.Ordinal);
        return new ComposeForm
        {
            Name = incident?.Name ?? string.Empty,
            Stage = stage,
            NextUpdateAt = stage == IncidentStatus.Resolved ? null : console.DefaultNextUpdate(incident?.Impact is { } impact and not IncidentImpact.None ? impact : IncidentImpact.Major),
            ComponentStatuses = statuses,
            Version = incident?.Version,
            Seen = incident?.Updates.Count > 0 ? incident.Updates[^1].Sequence : 0,
        };
    }

    private static ComposeForm Read(IFormCollection posted, IReadOnlyList<Component> known, List<string> problems)
    {
        var statuses = new Dictionary<string, ComponentStatus>(StringComparer.Ordinal);
        foreach (var component in known.Where(c => !c.IsGroup))
        {
            var value = ConsoleHttp.Value(posted, "c." + component.Id);
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (WireName.TryParse<ComponentStatus>(value, out var status))
            {
                statuses[component.Id] = status;
            }
            else
            {
                problems.Add($"'{value}' is not a component status.");
            }
        }

        var fields = ConsoleHttp.TemplateFields(posted);

        var stage = IncidentStatus.Investigating;
        if (ConsoleHttp.Value(posted, "stage") is { Length: > 0 } stageText && !WireName.TryParse(stageText, out stage))
        {
            problems.Add($"'{stageText}' is not a stage.");
        }

        IncidentImpact? impact = null;
        if (ConsoleHttp.Value(posted, "impact") is { Length: > 0 } impactText)
        {
            if (WireName.TryParse<IncidentImpact>(impactText, out var parsed))
            {
                impact = parsed;
            }
            else
            {
                problems.Add($"'{impactText}' is not an impact.");
            }
        }

        DateTimeOffset? next = null;
        if (ConsoleHttp.Value(posted, "next_update_at") is { Length: > 0 } nextText)
        {
            if (ConsoleFormat.TryUtc(nextText, out var parsed))
            {
                next = parsed;
            }
            else
            {
                problems.Add($"'{nextText}' is not a time (use the picker, or YYYY-MM-DDTHH:MM in UTC).");
            }
        }

        return new ComposeForm
        {
            Name = ConsoleHttp.Value(posted, "name") ?? string.Empty,
            Stage = stage,
            Impact = impact,
            Body = ConsoleHttp.Text(posted, "body"),
            NextUpdateAt = stage == IncidentStatus.Resolved ? null : next,
            Template = ConsoleHttp.Value(posted, "template") is { Length: > 0 } t ? t : null,
            Fields = fields,
            ComponentStatuses = statuses,
            OverrideReason = ConsoleHttp.OverrideReason(posted),
            Version = ConsoleHttp.Value(posted, "version"),
            Seen = int.TryParse(ConsoleHttp.Value(posted, "seen"), NumberStyles.None, CultureInfo.InvariantCulture, out var seen) ? seen : 0,
            Deliver = posted.ContainsKey("deliver"),
        };
    }

    /// <summary>Replaces the text with the pre-written message, filled from the form, for the draft as it stands.</summary>
    private async Task<ComposeForm> UseTemplateAsync(ComposeForm form, string template, Mode mode, Incident? incident, IReadOnlyList<Component> known, List<string> problems, CancellationToken cancellationToken)
    {
        if (!Templates().Contains(template))
        {
            problems.Add($"There is no pre-written message '{template}'.");
            return form;
        }

        try
        {
            var stage = WireName.TryParse<IncidentStatus>(template[(template.IndexOf('/', StringComparison.Ordinal) + 1)..], out var s) ? s : form.Stage;
            var draft = form with { Stage = mode == Mode.Update || OpenStages.Contains(stage) ? stage : form.Stage, Body = "(draft)", Name = form.Name.Trim().Length > 0 ? form.Name : "[[title]]" };
            var subject = (await PreviewAsync(mode, incident, draft, "console", cancellationToken)).Incident;
            var message = await messages.DraftAsync(subject, known.ToDictionary(c => c.Id, StringComparer.Ordinal), template, form.Fields, cancellationToken);
            return form with { Body = message.Body, Stage = draft.Stage, NextUpdateAt = draft.Stage == IncidentStatus.Resolved ? null : message.NextUpdateAt };
        }
        catch (DomainRuleException rule)
        {
            problems.Add(rule.Message);
            return form;
        }
    }

    private async Task<IncidentPreview> PreviewAsync(Mode mode, Incident? incident, ComposeForm form, string author, CancellationToken cancellationToken)
        => mode switch
        {
            Mode.New => await incidents.PreviewCreateAsync(Command(form, author, opening: true), cancellationToken),
            Mode.Reopen => await incidents.PreviewReopenAsync(incident!.Id, Command(form, author, opening: false), cancellationToken) ?? throw new DomainRuleException("The incident is gone."),
            _ => await incidents.PreviewUpdateAsync(incident!.Id, Command(form, author, opening: false), cancellationToken) ?? throw new DomainRuleException("The incident is gone."),
        };

    private async Task<string> PostAsync(Mode mode, Incident? incident, ComposeForm form, string author, CancellationToken cancellationToken)
        => mode switch
        {
            Mode.New => (await incidents.CreateAsync(Command(form, author, opening: true), cancellationToken)).Incident.Id,
            Mode.Reopen => (await incidents.ReopenAsync(incident!.Id, Command(form, author, opening: false), form.Version, cancellationToken))?.Incident.Id ?? throw new DomainRuleException("The incident is gone."),
            _ => (await incidents.UpdateAsync(incident!.Id, Command(form, author, opening: false), form.Version, cancellationToken))?.Incident.Id ?? throw new DomainRuleException("The incident is gone."),
        };

    /// <summary>The incident command the form asks for; the name is read only when opening.</summary>
    private static IncidentCommand Command(ComposeForm form, string author, bool opening) => new()
    {
        Name = opening ? form.Name : null,
        Status = form.Stage,
        Body = form.Body,
        ImpactOverride = form.Impact,
        Components = form.ComponentStatuses,
        NextUpdateAt = form.NextUpdateAt,
        DeliverNotifications = form.Deliver,
        Author = author,
        CandorOverrideReason = form.OverrideReason,
    };

    private static string Author(HttpRequest request) => Caller.NameOf(request);

    private string[] Templates()
        => messages.List(null, null).Where(t => !t.StartsWith("maintenance/", StringComparison.Ordinal) && !t.EndsWith("/postmortem", StringComparison.Ordinal)).ToArray();

    /// <summary>The blanks still in the text, each with what it means.</summary>
    private static FieldInput[] FieldsOf(ComposeForm form)
        => MessageContext.FieldDescriptions
            .Where(f => form.Body.Contains($"[[{f.Key}]]", StringComparison.Ordinal))
            .Select(f => new FieldInput(f.Key, f.Value, form.Fields.GetValueOrDefault(f.Key) ?? string.Empty))
            .ToArray();
}
