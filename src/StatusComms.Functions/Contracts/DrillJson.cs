using StatusComms.Drills;
using StatusComms.Playbooks;

namespace StatusComms.Functions.Contracts;

/// <summary>A drill as the management API answers it: its sandbox page, clock, injects so far and, once ended, its report.</summary>
/// <param name="PageId">The sandbox page's id: the management API addresses it under /pages/{page_id}/ while the drill runs.</param>
/// <param name="Clock">The drill's clock now (or when it ended).</param>
public sealed record DrillJson(
    string Id,
    string PageId,
    string SandboxUrl,
    string Script,
    string Title,
    string Playbook,
    int Speed,
    DateTimeOffset StartedAt,
    string StartedBy,
    DateTimeOffset Clock,
    int ElapsedMinutes,
    IReadOnlyList<DrillParticipantJson> Participants,
    IReadOnlyList<DrillInjectJson> Injects,
    int InjectsToCome,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    DrillReportJson? Report,
    int? ScoreChange = null)
{
    /// <param name="realPageUrl">The real page's URL (<see cref="StatusPage.PageSettings.RealUrl"/>).</param>
    public static DrillJson From(Drill drill, DateTimeOffset clock, string realPageUrl, int? scoreChange = null)
    {
        ArgumentNullException.ThrowIfNull(drill);
        var at = drill.EndedAt ?? clock;
        return new(
            drill.Id,
            drill.PageId,
            drill.SandboxUrl(realPageUrl),
            drill.Script.Id,
            drill.Script.Title,
            drill.Script.PlaybookId,
            drill.Speed,
            drill.StartedAt,
            drill.StartedBy,
            at,
            (int)drill.Elapsed(at).TotalMinutes,
            drill.Participants.Select(p => new DrillParticipantJson(p.Name, p.Email, p.Role is { } r ? PlaybookRoles.Name(r) : null)).ToArray(),
            drill.Revealed.OrderBy(r => r.Key).Select(r => new DrillInjectJson((int)drill.Script.Injects[r.Key].At.TotalMinutes, drill.Script.Injects[r.Key].Text, r.Value)).ToArray(),
            drill.Script.Injects.Count - drill.Revealed.Count,
            drill.EndedAt,
            drill.EndedBy,
            drill.Report is { } report ? DrillReportJson.From(report) : null,
            scoreChange);
    }
}

public sealed record DrillParticipantJson(string Name, string Email, string? Role);

/// <param name="AtMinutes">Minutes after the start, on the drill's clock.</param>
public sealed record DrillInjectJson(int AtMinutes, string Text, DateTimeOffset RevealedAt);

public sealed record DrillReportJson(
    int Score,
    IReadOnlyList<DrillCheckJson> Checks,
    double? FirstUpdateMinutes,
    double? FirstUpdateTargetMinutes,
    int PromisesKept,
    int PromisesBroken,
    int PromisesOpen,
    int Updates,
    int ErrorsOverridden,
    int Warnings,
    int StepsOnTime,
    int StepsJudged,
    bool PostmortemDrafted,
    int ActionItems,
    int ActionItemsConcrete)
{
    public static DrillReportJson From(DrillReport r)
        => new(r.Score, r.Checks.Select(c => new DrillCheckJson(c.Name, c.Points, DrillReport.PointsPerCheck, c.Detail)).ToArray(), r.FirstUpdateAfter?.TotalMinutes, r.FirstUpdateTarget?.TotalMinutes, r.PromisesKept, r.PromisesBroken, r.PromisesOpen, r.Updates, r.ErrorsOverridden, r.Warnings, r.StepsOnTime, r.StepsJudged, r.PostmortemDrafted, r.ActionItems, r.ActionItemsConcrete);
}

public sealed record DrillCheckJson(string Name, int Points, int Of, string Detail);

/// <summary>
/// Body of POST drills: <c>{"script": "payment-failure", "speed": 4, "participants": [{"name": "Ana", "email": "ana@example.com", "role": "comms lead"}]}</c>.
/// </summary>
public sealed record DrillRequest
{
    public string? Script { get; init; }
    public int? Speed { get; init; }
    public IReadOnlyList<DrillParticipantJson?>? Participants { get; init; }

    public IReadOnlyList<DrillParticipant> ParticipantList()
        => (Participants ?? []).Select((p, i) => p is null
            ? throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Participant missing", $"Participant {i + 1} is null.")
            : DrillParticipant.Create(p.Name ?? string.Empty, p.Email ?? string.Empty, p.Role is { Length: > 0 } role ? PlaybookRoles.Parse(role) ?? throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "No such role", $"\"{role}\" is not a role; roles are {string.Join(", ", PlaybookRoles.All)}.") : null, i + 1)).ToArray();
}
