using System.Globalization;
using System.Text.RegularExpressions;
using StatusComms.Playbooks;

namespace StatusComms.Drills;

/// <summary>
/// A drill's script: the injects a facilitator would read out, each revealed at its time after the start
/// ("T+6: support has 40 tickets"), for one playbook. Shipped as Markdown in <c>templates/drills/</c>.
/// </summary>
/// <param name="Id">The file's name without <c>.md</c>.</param>
/// <param name="Length">How long the drill runs on its own clock before it ends by itself.</param>
/// <param name="Speed">The clock the script is written for: how many drill minutes pass in a wall-clock minute (a day-long breach rehearsed in an hour runs at 30).</param>
public sealed record DrillScript(string Id, string Title, string PlaybookId, TimeSpan Length, IReadOnlyList<DrillInject> Injects, int Speed = 1);

/// <param name="At">When it is revealed, after the drill's start, on the drill's clock.</param>
public sealed record DrillInject(TimeSpan At, string Text);

/// <summary>
/// Reads a drill script, written for people first:
/// <code>
/// # EU card payments failing
/// Playbook: payment-failure
/// Length: 60 minutes
/// Speed: 1
///
/// - T+0: Alerts fire: 40% of card payments from EU customers are declined.
/// - T+6: Support has 40 tickets about declined cards; two customers say they were charged twice.
/// - T+15: A journalist asks whether card details were exposed.
/// </code>
/// <c>Speed:</c> is optional (default 1, real time). Injects are in time order, minutes after the start, within the drill's length. A mistake is refused with the
/// file's line, like a playbook's.
/// </summary>
public static partial class DrillScriptParser
{
    public const int MaxInjectLength = 500;
    public const int MaxInjects = 40;

    public static DrillScript Parse(string id, string text, Func<string, bool> playbookExists)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(playbookExists);
        string? title = null, playbook = null;
        TimeSpan? length = null;
        var speed = 1;
        var injects = new List<DrillInject>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var n = 1; n <= lines.Length; n++)
        {
            var line = lines[n - 1].Trim();
            if (line.Length == 0 || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = title is null ? line[2..].Trim() : throw Refused(id, n, "a drill has one title");
            }
            else if (PlaybookParser.Field(line, "Playbook") is { } p)
            {
                playbook = playbookExists(p) ? p : throw Refused(id, n, $"there is no playbook \"{p}\" (templates/playbooks/{p}.md)");
            }
            else if (PlaybookParser.Field(line, "Length") is { } l)
            {
                length = PlaybookParser.Duration(l) is { } d && d > TimeSpan.Zero ? d : throw Refused(id, n, $"\"{l}\" is not a length; write \"60 minutes\" or \"2 hours\"");
            }
            else if (PlaybookParser.Field(line, "Speed") is { } v)
            {
                speed = int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && x is >= 1 and <= Drill.MaxSpeed ? x : throw Refused(id, n, $"\"{v}\" is not a speed; write a whole number from 1 (real time) to {Drill.MaxSpeed}");
            }
            else if (InjectLine().Match(line) is { Success: true } inject)
            {
                var at = TimeSpan.FromMinutes(int.Parse(inject.Groups[1].Value, CultureInfo.InvariantCulture));
                var words = inject.Groups[2].Value.Trim();
                if (injects.Count > 0 && at < injects[^1].At)
                {
                    throw Refused(id, n, $"injects are in time order: T+{at.TotalMinutes} comes before T+{injects[^1].At.TotalMinutes}");
                }

                if (words.Length > MaxInjectLength)
                {
                    throw Refused(id, n, $"an inject is at most {MaxInjectLength} characters");
                }

                if (injects.Count == MaxInjects)
                {
                    throw Refused(id, n, $"a drill has at most {MaxInjects} injects");
                }

                injects.Add(new DrillInject(at, words));
            }
            else
            {
                throw Refused(id, n, "a line is \"# Title\", \"Playbook:\", \"Length:\" or an inject \"- T+6: what happens\" (minutes after the start)");
            }
        }

        if (title is null || playbook is null || length is null)
        {
            throw Refused(id, 1, "a drill needs a \"# Title\", a \"Playbook:\" line and a \"Length:\" line");
        }

        if (injects.Count == 0)
        {
            throw Refused(id, lines.Length, "a drill needs at least one inject");
        }

        return injects[^1].At > length ? throw Refused(id, lines.Length, $"the last inject (T+{injects[^1].At.TotalMinutes}) comes after the drill's length") : new DrillScript(id, title, playbook, length.Value, injects, speed);
    }

    private static InvalidPlaybookException Refused(string id, int line, string why) => new($"Drill {id}.md, line {line}: {why}.");

    [GeneratedRegex(@"^- T\+(\d{1,4})(?:\s*min(?:utes?)?)?\s*:\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex InjectLine();
}

/// <summary>The drill scripts, as loaded at start from <c>templates/drills/</c>.</summary>
public sealed class DrillLibrary(IReadOnlyList<DrillScript> scripts)
{
    public IReadOnlyList<DrillScript> All { get; } = [.. scripts.OrderBy(s => s.Title, StringComparer.Ordinal)];

    public DrillScript? Find(string id) => All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
