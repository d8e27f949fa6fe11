using StatusComms.CommsConsole;

namespace StatusComms.Functions.Console;

/// <summary>GET console/incidents/{id}: the timeline with authors, candor verdicts, override reasons and delivery states.</summary>
public sealed class IncidentScreen(ConsoleService console, ConsoleChromeFactory chrome, IConsoleRenderer renderer, ConsoleNotices notices, StatusComms.Playbooks.PlaybookRunService runs, StatusComms.Playbooks.PlaybookLibrary playbooks)
{
    [Function("ConsoleIncident")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleIncident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var notice = request.Query.ContainsKey("posted") ? "Posted: the status page shows it now, and subscribers are being told." : notices.Read(request);
        return await PageAsync(request, incidentId, notice, null, cancellationToken);
    }

    /// <summary>The incident's page, with its checklist (or the playbooks to start one from) and a refusal to show beside the form.</summary>
    internal async Task<IActionResult> PageAsync(HttpRequest request, string incidentId, string? notice, string? playbookProblem, CancellationToken cancellationToken)
    {
        var view = Common.Ids.IsWellFormed(incidentId) ? await console.IncidentAsync(chrome.For(request.HttpContext, ConsoleSection.Incident), incidentId, notice, cancellationToken) : null;
        if (view is null)
        {
            return ConsoleHttp.Page(request, NotFoundPage, StatusCodes.Status404NotFound);
        }

        var checklist = await runs.GetAsync(incidentId, cancellationToken);
        view = view with { Checklist = checklist, Playbooks = checklist is null ? playbooks.All : [], PlaybookProblem = playbookProblem };
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Incident", view, cancellationToken), playbookProblem is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    internal const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found · comms console</title></head>
        <body><main><h1>There is no such incident</h1><p><a href="/console/">Back to the console</a></p></main></body></html>
        """;
}
