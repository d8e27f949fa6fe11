using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusComms.Playbooks;

/// <summary>
/// Reads a playbook from its Markdown file, written for people first:
/// <code>
/// # Payment failure
/// Scenario: card payments fail or are declined for many customers.
/// Messages: outage
///
/// ## 1. Take the roles
/// Name the incident commander, the comms lead and the tech lead in the incident channel.
/// - Owner: incident commander
/// - Result: everyone knows who decides, who talks to customers and who fixes.
/// - Deadline: 5 minutes
/// - Message: outage/investigating
/// </code>
/// Steps are numbered in order; a step needs an owner (one of <see cref="PlaybookRoles.All"/>) and a result;
/// a deadline ("10 minutes", "4 hours", "72 hours", "3 days") and a message are optional. Any other line under a
/// step is what to do. A mistake is refused with the file's line number, so an edited playbook never half-loads.
/// </summary>
public static partial class PlaybookParser
{
    public static Playbook Parse(string id, string text, Func<string, bool> messageExists)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? title = null, scenario = null, kind = null;
        var steps = new List<PlaybookStep>();
        StepDraft? step = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var n = 1; n <= lines.Length; n++)
        {
            var line = lines[n - 1].Trim();
            if (line.Length == 0 || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Finish();
                var heading = StepHeading().Match(line);
                if (!heading.Success)
                {
                    throw Refused(id, n, "a step starts \"## N. What it is\"");
                }

                var number = int.Parse(heading.Groups[1].Value, CultureInfo.InvariantCulture);
                if (number != steps.Count + 1)
                {
                    throw Refused(id, n, $"steps are numbered in order: this one should be {steps.Count + 1}");
                }

                step = new StepDraft(number, heading.Groups[2].Value.Trim(), n);
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = title is null ? line[2..].Trim() : throw Refused(id, n, "a playbook has one title");
            }
            else if (step is null)
            {
                if (Field(line, "Scenario") is { } s)
                {
                    scenario = s;
                }
                else if (Field(line, "Messages") is { } k)
                {
                    kind = k;
                }
                else
                {
                    throw Refused(id, n, "before the first step only \"Scenario:\" and \"Messages:\" lines are read");
                }
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) && Field(line[2..], "Owner") is { } owner)
            {
                step.Owner = PlaybookRoles.Parse(owner) ?? throw Refused(id, n, $"\"{owner}\" is not a role; roles are {string.Join(", ", PlaybookRoles.All)}");
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) && Field(line[2..], "Result") is { } result)
            {
                step.Result = result;
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) && Field(line[2..], "Deadline") is { } deadline)
            {
                step.Deadline = Duration(deadline) ?? throw Refused(id, n, $"\"{deadline}\" is not a deadline; write \"10 minutes\", \"4 hours\" or \"3 days\" after the start");
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) && Field(line[2..], "Message") is { } message)
            {
                step.Message = messageExists(message) ? message : throw Refused(id, n, $"there is no message template \"{message}\" (templates/messages/{message}.cshtml)");
            }
            else
            {
                step.Actions.Add(line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line);
            }
        }

        Finish();
        if (title is null || scenario is null || kind is null)
        {
            throw Refused(id, 1, "a playbook needs a \"# Title\", a \"Scenario:\" line and a \"Messages:\" line (the message kind its updates start from)");
        }

        return steps.Count == 0 ? throw Refused(id, lines.Length, "a playbook needs at least one step") : new Playbook(id, title, scenario, kind, steps);

        void Finish()
        {
            if (step is null)
            {
                return;
            }

            if (step.Owner is null || step.Result is null)
            {
                throw Refused(id, step.Line, $"step {step.Number} needs \"- Owner:\" and \"- Result:\" lines");
            }

            steps.Add(new PlaybookStep(step.Number, step.Title, step.Actions, step.Owner.Value, step.Result, step.Deadline, step.Message));
            step = null;
        }
    }

    /// <summary>The value of a "Name: value" line, or null when the line is not that field (or has no value).</summary>
    internal static string? Field(string line, string name)
        => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) && line[(name.Length + 1)..].Trim() is { Length: > 0 } value ? value : null;

    /// <summary>"10 minutes", "4 hours", "3 days" (also "10 min", "4 h", "3 d"); null for anything else.</summary>
    internal static TimeSpan? Duration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value.ToUpperInvariant()[0] switch
        {
            'M' => TimeSpan.FromMinutes(amount),
            'H' => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    private static InvalidPlaybookException Refused(string id, int line, string why) => new($"Playbook {id}.md, line {line}: {why}.");

    [GeneratedRegex(@"^## (\d+)\.\s+(.+)$")]
    private static partial Regex StepHeading();

    [GeneratedRegex(@"^(\d+)\s*(minutes?|min|hours?|h|days?|d)$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    private sealed class StepDraft(int number, string title, int line)
    {
        public int Number { get; } = number;
        public string Title { get; } = title;
        public int Line { get; } = line;
        public List<string> Actions { get; } = [];
        public PlaybookRole? Owner { get; set; }
        public string? Result { get; set; }
        public TimeSpan? Deadline { get; set; }
        public string? Message { get; set; }
    }
}

/// <summary>A playbook file that cannot be read as one; the message names the file, the line and the rule.</summary>
public sealed class InvalidPlaybookException(string message) : Exception(message);
