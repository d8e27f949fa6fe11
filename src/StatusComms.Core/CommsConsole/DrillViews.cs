using StatusComms.Drills;
using StatusComms.Playbooks;

namespace StatusComms.CommsConsole;

/// <summary>templates/console/Drills.cshtml: the drill history, and the form to start one.</summary>
/// <param name="Form">What was posted, kept after a refusal.</param>
public sealed record DrillsView(ConsoleChrome Chrome, IReadOnlyList<DrillScript> Scripts, IReadOnlyList<DrillHistoryRow> History, string? Notice, string? Problem, DrillStartForm Form);

/// <param name="Speed">null: the script's own clock.</param>
public sealed record DrillStartForm(string? Script, string Participants, int? Speed);

/// <summary>templates/console/Drill.cshtml: one drill, its clock, its injects so far, its participants and, once ended, its report.</summary>
/// <param name="Now">The drill's clock.</param>
/// <param name="Joined">This person's console works on the drill's sandbox page.</param>
public sealed record DrillView(ConsoleChrome Chrome, Drill Drill, Playbook? Playbook, DateTimeOffset Now, bool Joined, string SandboxUrl, string? Notice)
{
    public TimeSpan Elapsed => Drill.Elapsed(Drill.EndedAt ?? Now);

    public IReadOnlyList<(DrillInject Inject, DateTimeOffset RevealedAt)> Revealed
        => Drill.Revealed.OrderBy(r => r.Key).Select(r => (Drill.Script.Injects[r.Key], r.Value)).ToArray();

    public int StillToCome => Drill.Script.Injects.Count - Drill.Revealed.Count;
}
