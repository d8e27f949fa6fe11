using StatusComms.Common;
using StatusComms.CommsConsole;
using StatusComms.Drills;

namespace StatusComms.Functions.Console;

/// <summary>GET console/drills: the drill history, each with its score and how it compares with the last drill of its playbook, and the form to start one.</summary>
public sealed class DrillsScreen(DrillService drills, ConsoleChromeFactory chrome, IConsoleRenderer renderer, ConsoleNotices notices)
{
    [Function("ConsoleDrills")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleDrills)] HttpRequest request,
        CancellationToken cancellationToken)
        => await PageAsync(request, notices.Read(request), null, new DrillStartForm(null, string.Empty, null), cancellationToken);

    internal async Task<IActionResult> PageAsync(HttpRequest request, string? notice, string? problem, DrillStartForm form, CancellationToken cancellationToken)
    {
        var view = new DrillsView(chrome.For(request.HttpContext, ConsoleSection.Drills), drills.Scripts, await drills.HistoryAsync(cancellationToken), notice, problem, form);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Drills", view, cancellationToken), problem is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>
/// POST console/drills: starts a drill from its script with the participants (one per line, "Name &lt;address&gt;, role")
/// and the clock's speed; the person who started it works in it at once. A refusal shows the form again with the reason (422).
/// </summary>
public sealed class StartDrillForm(DrillService drills, DrillsScreen screen, ConsoleSessions sessions)
{
    [Function("ConsoleStartDrill")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ConsoleDrills)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        var posted = new DrillStartForm(ConsoleHttp.Value(form, "script"), ConsoleHttp.Text(form, "participants"), int.TryParse(ConsoleHttp.Value(form, "speed"), out var speed) ? speed : null);
        try
        {
            var drill = await drills.StartAsync(posted.Script ?? string.Empty, DrillParticipant.ParseLines(posted.Participants), posted.Speed, Caller.NameOf(request), cancellationToken);
            DrillCookie.Join(request, sessions, drill.Id);
            return ConsoleHttp.SeeOther(request, $"/console/drills/{drill.Id}");
        }
        catch (DomainRuleException refused)
        {
            return await screen.PageAsync(request, null, refused.Message, posted, cancellationToken);
        }
    }
}

/// <summary>GET console/drills/{id}: the drill's clock, the injects so far, the participants, and its report once it has ended.</summary>
public sealed class DrillScreen(DrillService drills, ConsoleChromeFactory chrome, IConsoleRenderer renderer, ConsoleNotices notices, StatusComms.StatusPage.PageSettings page)
{
    [Function("ConsoleDrill")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleDrill)] HttpRequest request,
        string drillId,
        CancellationToken cancellationToken)
    {
        if (await drills.GetAsync(drillId, cancellationToken) is not { } drill)
        {
            return ConsoleHttp.Page(request, NotFoundPage, StatusCodes.Status404NotFound);
        }

        var joined = ConsoleHttp.DrillOf(request.HttpContext)?.Id == drill.Id;
        var view = new DrillView(chrome.For(request.HttpContext, ConsoleSection.Drills), drill, drills.PlaybookOf(drill), drills.NowIn(drill), joined, drill.SandboxUrl(page.RealUrl), notices.Read(request));
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Drill", view, cancellationToken));
    }

    internal const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found · comms console</title></head>
        <body><main><h1>There is no such drill</h1><p><a href="/console/drills">All drills</a></p></main></body></html>
        """;
}

/// <summary>POST console/drills/{id}/join: this session's console works on the running drill's sandbox page.</summary>
public sealed class JoinDrillForm(DrillService drills, ConsoleSessions sessions, ConsoleNotices notices)
{
    [Function("ConsoleJoinDrill")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ConsoleJoinDrill)] HttpRequest request,
        string drillId,
        CancellationToken cancellationToken)
    {
        if (await drills.GetAsync(drillId, cancellationToken) is not { } drill)
        {
            return ConsoleHttp.Page(request, DrillScreen.NotFoundPage, StatusCodes.Status404NotFound);
        }

        if (!drill.IsRunning)
        {
            return notices.Redirect(request, $"/console/drills/{drill.Id}", "This drill has ended: its report is below.");
        }

        DrillCookie.Join(request, sessions, drill.Id);
        return notices.Redirect(request, $"/console/drills/{drill.Id}", "Your console now works on the drill's sandbox page.");
    }
}

/// <summary>POST console/drills/leave: back to the real page.</summary>
public sealed class LeaveDrillForm(ConsoleNotices notices)
{
    [Function("ConsoleLeaveDrill")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ConsoleLeaveDrill)] HttpRequest request)
    {
        DrillCookie.Leave(request);
        return notices.Redirect(request, "/console/drills", "You left the drill: the console works on the real page again.");
    }
}

/// <summary>POST console/drills/{id}/end: ends the drill and scores it from what happened on its sandbox page.</summary>
public sealed class EndDrillForm(DrillService drills, ConsoleNotices notices)
{
    [Function("ConsoleEndDrill")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ConsoleEndDrill)] HttpRequest request,
        string drillId,
        CancellationToken cancellationToken)
    {
        try
        {
            if (await drills.EndAsync(drillId, Caller.NameOf(request), cancellationToken) is not { } drill)
            {
                return ConsoleHttp.Page(request, DrillScreen.NotFoundPage, StatusCodes.Status404NotFound);
            }

            DrillCookie.Leave(request);
            return notices.Redirect(request, $"/console/drills/{drill.Id}", $"The drill has ended with a score of {drill.Report!.Score} of 100.");
        }
        catch (Exception refused) when (refused is DomainRuleException or ConcurrencyConflictException)
        {
            return notices.Redirect(request, $"/console/drills/{drillId}", refused.Message);
        }
    }
}

/// <summary>The cookie that points a console session at a drill's sandbox page (<see cref="ConsoleSessions.DrillCookie"/>).</summary>
internal static class DrillCookie
{
    public static void Join(HttpRequest request, ConsoleSessions sessions, string drillId)
    {
        var session = ConsoleHttp.UserOf(request.HttpContext)?.SessionId ?? throw new InvalidOperationException("Only a signed-in person joins a drill.");
        request.HttpContext.Response.Cookies.Append(ConsoleSessions.DrillCookie, sessions.DrillCookieValue(session, drillId), Options(request));
    }

    public static void Leave(HttpRequest request) => request.HttpContext.Response.Cookies.Delete(ConsoleSessions.DrillCookie, Options(request));

    private static CookieOptions Options(HttpRequest request)
        => new() { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ConsoleHttp.IsHttps(request), Path = ConsoleGate.Root, IsEssential = true };
}
