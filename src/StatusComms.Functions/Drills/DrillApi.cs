using StatusComms.Drills;

namespace StatusComms.Functions.Drills;

/// <summary>GET drills: every drill, newest first, each ended one with the change in score since the last drill of its playbook.</summary>
public sealed class ListDrills(DrillService drills, PageSettings page)
{
    [Function(nameof(ListDrills))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Drills)] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.Ok((await drills.HistoryAsync(cancellationToken)).Select(row => DrillJson.From(row.Drill, drills.NowIn(row.Drill), page.RealUrl, row.ScoreChange)).ToArray());
}

/// <summary>POST drills: starts a drill from its script (templates/drills/), with its participants and the clock's speed (1 = real time).</summary>
public sealed class StartDrill(DrillService drills, PageSettings page)
{
    [Function(nameof(StartDrill))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Drills)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<DrillRequest>(request, cancellationToken);
        if (body.Script is not { Length: > 0 } script)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Script missing", $"Name the drill's script (\"script\": \"payment-failure\"). Scripts: {string.Join(", ", drills.Scripts.Select(s => s.Id))}.");
        }

        var drill = await drills.StartAsync(script, body.ParticipantList(), body.Speed, Caller.NameOf(request), cancellationToken);
        return ApiResults.Created(DrillJson.From(drill, drills.NowIn(drill), page.RealUrl));
    }
}

/// <summary>GET drills/{id}: the drill, its injects so far and, once ended, its report.</summary>
public sealed class GetDrill(DrillService drills, PageSettings page)
{
    [Function(nameof(GetDrill))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Drill)] HttpRequest request,
        string drillId,
        CancellationToken cancellationToken)
        => await drills.GetAsync(drillId, cancellationToken) is { } drill
            ? ApiResults.Ok(DrillJson.From(drill, drills.NowIn(drill), page.RealUrl))
            : Problems.NotFound("drill", drillId, request.HttpContext);
}

/// <summary>POST drills/{id}/end: ends the drill and scores it from what happened on its sandbox page; 422 if it has ended already.</summary>
public sealed class EndDrill(DrillService drills, PageSettings page)
{
    [Function(nameof(EndDrill))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.EndDrill)] HttpRequest request,
        string drillId,
        CancellationToken cancellationToken)
        => await drills.EndAsync(drillId, Caller.NameOf(request), cancellationToken) is { } drill
            ? ApiResults.Ok(DrillJson.From(drill, drills.NowIn(drill), page.RealUrl))
            : Problems.NotFound("drill", drillId, request.HttpContext);
}
