using StatusComms.CommsConsole;

namespace StatusComms.Functions.Console;

/// <summary>GET console: the page's status as customers see it, open incidents with their promises, maintenance, subscribers, problem deliveries.</summary>
public sealed class Now(ConsoleService console, ConsoleChromeFactory chrome, IConsoleRenderer renderer, StatusComms.Playbooks.PlaybookRunService runs)
{
    [Function("ConsoleNow")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Console)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var view = await console.NowAsync(chrome.For(request.HttpContext, ConsoleSection.Now), cancellationToken);
        var overdue = new Dictionary<string, IReadOnlyList<StatusComms.Playbooks.StepState>>(StringComparer.Ordinal);
        foreach (var incident in view.Incidents)
        {
            if (await runs.GetAsync(incident.Id, cancellationToken) is { } checklist && checklist.Steps.Where(s => s.Overdue).ToArray() is { Length: > 0 } late)
            {
                overdue[incident.Id] = late;
            }
        }

        view = view with { OverdueSteps = overdue };
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Now", view, cancellationToken));
    }
}
