namespace StatusComms.Functions.Console;

/// <summary>
/// Who may use the console, checked before any console function runs: a signed session cookie (or, in Azure, an
/// App Service Authentication principal with the admin role), and on every POST the form's anti-forgery token. The
/// sign-in page and the assets are open; everything else sends a person without a session to sign in.
/// </summary>
public sealed class ConsoleGate(ConsoleSessions sessions, Hosting.DrillPages drills)
{
    public const string Root = "/console";
    public const string SignInPath = "/console/sign-in";

    /// <param name="principalName">The name of an admitted App Service Authentication principal, if any.</param>
    /// <param name="route">The invoked console function's route template: its sign-in and assets are open.</param>
    public async Task<IActionResult?> AdmitAsync(HttpContext context, string? principalName, string route)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (route is Routes.ConsoleAsset or Routes.ConsoleSignIn)
        {
            return null;
        }

        var user = sessions.Read(request.Cookies[ConsoleSessions.SecureCookie] ?? request.Cookies[ConsoleSessions.PlainCookie])
            ?? (principalName is { } name ? new ConsoleUser(name, "principal\n" + name, DateTimeOffset.MaxValue) : null);
        if (user is null)
        {
            var back = HttpMethods.IsGet(request.Method) ? ConsoleHttp.LocalReturn(path + request.QueryString.Value) : null;
            return ConsoleHttp.SeeOther(request, back is null ? SignInPath : $"{SignInPath}?return={Uri.EscapeDataString(back)}");
        }

        ConsoleHttp.SetUser(context, user);
        Http.Caller.Set(context, user.Name);
        if (sessions.ReadDrillCookie(user.SessionId, request.Cookies[ConsoleSessions.DrillCookie]) is { } drillId
            && await drills.RunningAsync(drillId, context.RequestAborted) is { } drill)
        {
            // Working in a drill: every screen but the drills' own runs on its sandbox page.
            ConsoleHttp.SetDrill(context, drill);
            if (!route.StartsWith(Routes.ConsoleDrills, StringComparison.Ordinal))
            {
                Hosting.DrillRouting.Set(context, drill);
            }
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            IFormCollection form;
            try
            {
                form = await ConsoleHttp.ReadFormAsync(request, context.RequestAborted);
            }
            catch (Http.ApiProblemException problem)
            {
                return ConsoleHttp.Page(request, RefusedPage.Replace("It did not carry this session's anti-forgery token: it came from another site, or from before you signed in again.", problem.Message, StringComparison.Ordinal), problem.Status);
            }

            if (!sessions.IsValidAntiForgery(user.SessionId, ConsoleHttp.Value(form, "_csrf")))
            {
                return ConsoleHttp.Page(request, RefusedPage, StatusCodes.Status403Forbidden);
            }
        }

        return null;
    }

    /// <summary>A plain page (the console's templates are not needed to refuse).</summary>
    private const string RefusedPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Form refused · comms console</title></head>
        <body><main><h1>This form was refused</h1><p>It did not carry this session's anti-forgery token: it came from another site, or from before you signed in again. Nothing was changed.</p><p><a href="/console/">Back to the console</a></p></main></body></html>
        """;
}
