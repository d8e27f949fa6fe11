using StatusComms.CommsConsole;

namespace StatusComms.Functions.Console;

/// <summary>GET console: the page's status as customers see it, open incidents with their promises, maintenance, subscribers, problem deliveries.</summary>
public sealed class Now(ConsoleService console, ConsoleChromeFactory chrome, IConsoleRenderer renderer)
{
    [Function("ConsoleNow")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Console)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var view = await console.NowAsync(chrome.For(request.HttpContext, ConsoleSection.Now), cancellationToken);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Now", view, cancellationToken));
    }
}
