using System.Security.Cryptography;
using StatusComms.Common;
using StatusComms.Playbooks;

namespace StatusComms.Drills;

/// <summary>
/// A rehearsal of a playbook on a sandbox page: its own page id, its own folder of the site, its participants as
/// the only people mailed. The script's injects are revealed on the drill's clock, which may run faster than the
/// wall clock; at the end the drill is scored from what the participants did on the sandbox page.
/// </summary>
public sealed class Drill
{
    public const int MaxParticipants = 20;
    public const int MaxSpeed = 60;

    private readonly Dictionary<int, DateTimeOffset> _revealed;

    private Drill(string id, DrillScript script, IReadOnlyList<DrillParticipant> participants, int speed, DateTimeOffset startedAt, string startedBy, Dictionary<int, DateTimeOffset> revealed)
    {
        Id = id;
        Script = script;
        Participants = participants;
        Speed = speed;
        StartedAt = startedAt;
        StartedBy = startedBy;
        _revealed = revealed;
    }

    /// <summary>16 lowercase hex characters: nobody finds the sandbox page by guessing.</summary>
    public string Id { get; }

    /// <summary>The sandbox page's id: its rows, its subscribers and its deliveries are kept apart under it.</summary>
    public string PageId => PageIdFor(Id);

    /// <summary>The folder of the site the sandbox page is published to (<c>drills/{id}/</c>).</summary>
    public string SiteFolder => $"drills/{Id}/";

    /// <summary>The sandbox page's address: its folder of the real page's site.</summary>
    public string SandboxUrl(string realPageUrl) => $"{realPageUrl}/{SiteFolder}";

    /// <summary>The script as it was when the drill started: editing the file later changes no drill already run.</summary>
    public DrillScript Script { get; }

    public IReadOnlyList<DrillParticipant> Participants { get; }

    /// <summary>How many drill minutes pass in one wall-clock minute (1 = real time).</summary>
    public int Speed { get; }

    public DateTimeOffset StartedAt { get; }

    public string StartedBy { get; }

    /// <summary>Each revealed inject's index, and when (on the drill's clock) it was revealed.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> Revealed => _revealed;

    /// <summary>When it ended, on the drill's clock.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndedBy { get; private set; }

    public DrillReport? Report { get; private set; }

    public bool IsRunning => EndedAt is null;

    public string? Version { get; private set; }

    public static string PageIdFor(string drillId) => "drill-" + drillId;

    public static bool IsWellFormedId(string? id) => id is { Length: 16 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static Drill Start(DrillScript script, IReadOnlyList<DrillParticipant> participants, int speed, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(participants);
        if (participants.Count is 0 or > MaxParticipants)
        {
            throw new DomainRuleException($"A drill needs 1 to {MaxParticipants} participants: they are the only people it mails.");
        }

        if (participants.Select(p => p.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count() != participants.Count)
        {
            throw new DomainRuleException("Each participant is named once: two have the same address.");
        }

        if (speed is < 1 or > MaxSpeed)
        {
            throw new DomainRuleException($"The drill's clock runs 1 to {MaxSpeed} times as fast as the wall clock.");
        }

        return new Drill(RandomNumberGenerator.GetHexString(16, lowercase: true), script, participants, speed, now, by, []);
    }

    /// <summary>The drill's clock at a wall-clock instant: the start, plus the time since, times the speed.</summary>
    public DateTimeOffset DrillTime(DateTimeOffset wall) => wall <= StartedAt ? wall : StartedAt + ((wall - StartedAt) * Speed);

    /// <summary>How far into the drill an instant of its own clock is ("T+6").</summary>
    public TimeSpan Elapsed(DateTimeOffset drillTime) => drillTime - StartedAt;

    /// <summary>The injects due at this drill time and not yet revealed, in order.</summary>
    public IReadOnlyList<int> DueInjects(DateTimeOffset drillTime)
        => IsRunning
            ? Enumerable.Range(0, Script.Injects.Count).Where(i => !_revealed.ContainsKey(i) && Script.Injects[i].At <= Elapsed(drillTime)).ToArray()
            : [];

    public void Reveal(int index, DateTimeOffset drillTime)
    {
        if (index < 0 || index >= Script.Injects.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        _revealed.TryAdd(index, drillTime);
    }

    /// <summary>Its length on its own clock has passed: the drill ends by itself.</summary>
    public bool IsOver(DateTimeOffset drillTime) => IsRunning && Elapsed(drillTime) >= Script.Length;

    public void End(DrillReport report, string by, DateTimeOffset drillTime)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!IsRunning)
        {
            throw new DomainRuleException("This drill has ended already; its report stands.");
        }

        EndedAt = drillTime;
        EndedBy = by;
        Report = report;
    }

    public static Drill Rehydrate(DrillSnapshot s, string version)
    {
        ArgumentNullException.ThrowIfNull(s);
        var drill = new Drill(s.Id, s.Script, s.Participants, s.Speed, s.StartedAt, s.StartedBy, new Dictionary<int, DateTimeOffset>(s.Revealed))
        {
            EndedAt = s.EndedAt,
            EndedBy = s.EndedBy,
            Report = s.Report,
            Version = version,
        };
        return drill;
    }

    public DrillSnapshot ToSnapshot() => new(Id, Script, Participants, Speed, StartedAt, StartedBy, _revealed, EndedAt, EndedBy, Report);

    public void MarkSaved(string version) => Version = version;
}

/// <summary>What a drill is stored as.</summary>
public sealed record DrillSnapshot(
    string Id,
    DrillScript Script,
    IReadOnlyList<DrillParticipant> Participants,
    int Speed,
    DateTimeOffset StartedAt,
    string StartedBy,
    IReadOnlyDictionary<int, DateTimeOffset> Revealed,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    DrillReport? Report);

/// <summary>Someone taking part: the drill mails them, and only them.</summary>
/// <param name="Role">The playbook role they play, if one was given.</param>
public sealed record DrillParticipant(string Name, string Email, PlaybookRole? Role)
{
    public const int MaxNameLength = 80;

    /// <summary>
    /// Reads one participant per line: <c>Ana Lopez &lt;ana@example.com&gt;, comms lead</c> (the role is optional).
    /// </summary>
    public static IReadOnlyList<DrillParticipant> ParseLines(string? text)
    {
        var participants = new List<DrillParticipant>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var open = line.IndexOf('<', StringComparison.Ordinal);
            var close = line.IndexOf('>', StringComparison.Ordinal);
            if (open <= 0 || close < open)
            {
                throw new DomainRuleException($"Participant line {n + 1} (\"{Clip(line)}\") is not \"Name <address>, role\".");
            }

            var name = line[..open].Trim();
            var email = line[(open + 1)..close].Trim();
            var rest = line[(close + 1)..].Trim().TrimStart(',').Trim();
            PlaybookRole? role = null;
            if (rest.Length > 0)
            {
                role = PlaybookRoles.Parse(rest) ?? throw new DomainRuleException($"Participant line {n + 1}: \"{Clip(rest)}\" is not a role; roles are {string.Join(", ", PlaybookRoles.All)}.");
            }

            participants.Add(Create(name, email, role, n + 1));
        }

        return participants;
    }

    public static DrillParticipant Create(string name, string email, PlaybookRole? role, int line = 0)
    {
        var where = line > 0 ? $"Participant line {line}" : "A participant";
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            throw new DomainRuleException($"{where}: a name is 1 to {MaxNameLength} characters.");
        }

        if (!Subscriptions.EmailAddress.TryNormalize(email, out var address))
        {
            throw new DomainRuleException($"{where}: \"{Clip(email)}\" is not an e-mail address we can send to.");
        }

        return new DrillParticipant(name, address, role);
    }

    public string Line => Role is { } role ? $"{Name} <{Email}>, {PlaybookRoles.Name(role)}" : $"{Name} <{Email}>";

    private static string Clip(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
