using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Incidents;
using Xunit.Abstractions;

namespace StatusComms.Core.Tests.Candor;

/// <summary>
/// Runs the candor check over a labelled corpus (labelled-messages.json: status messages written for this project, half
/// specific and honest, half vague, evasive, blameful or jargon-heavy) and measures it. The figures go to
/// docs/candor.md.
/// </summary>
public class CandorCorpusTests(ITestOutputHelper output)
{
    private static readonly CandorCheck Check = new(new CandorOptions());

    [Fact]
    public void The_check_flags_nine_in_ten_bad_messages_and_at_most_one_in_ten_good_ones()
    {
        var corpus = Corpus.Load();
        Assert.True(corpus.Count >= 80, $"the corpus has {corpus.Count} messages");
        var results = corpus.Select(e => (Entry: e, Findings: Check.Check(e.ToDraft(Given.Now)))).ToArray();
        var bad = results.Where(r => r.Entry.Label == "bad").ToArray();
        var good = results.Where(r => r.Entry.Label == "good").ToArray();
        Assert.True(bad.Length >= 40 && good.Length >= 40);

        var badFlagged = bad.Count(r => r.Findings.Any(f => f.Severity == FindingSeverity.Error));
        var goodFlagged = good.Count(r => r.Findings.Any(f => f.Severity == FindingSeverity.Error));
        output.WriteLine(Report(results, badFlagged, goodFlagged));

        Assert.True(badFlagged >= 0.9 * bad.Length, $"only {badFlagged} of {bad.Length} bad messages got an error");
        Assert.True(goodFlagged <= 0.1 * good.Length, $"{goodFlagged} of {good.Length} good messages got an error");
    }

    [Fact]
    public void Every_labelled_rule_is_one_the_check_knows()
    {
        var known = new HashSet<string>(Corpus.RuleIds, StringComparer.Ordinal);
        Assert.All(Corpus.Load().SelectMany(e => e.Rules), rule => Assert.Contains(rule, known));
    }

    private static string Report((CorpusEntry Entry, IReadOnlyList<CandorFinding> Findings)[] results, int badFlagged, int goodFlagged)
    {
        var bad = results.Count(r => r.Entry.Label == "bad");
        var good = results.Length - bad;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"bad messages with an error: {badFlagged}/{bad} ({100.0 * badFlagged / bad:F1}%)");
        text.AppendLine(CultureInfo.InvariantCulture, $"good messages with an error: {goodFlagged}/{good} ({100.0 * goodFlagged / good:F1}%)");
        text.AppendLine("| rule | labelled | found (any severity) | true positives | precision | recall |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var rule in Corpus.RuleIds)
        {
            var labelled = results.Count(r => r.Entry.Rules.Contains(rule));
            var found = results.Count(r => r.Findings.Any(f => f.RuleId == rule));
            var hits = results.Count(r => r.Entry.Rules.Contains(rule) && r.Findings.Any(f => f.RuleId == rule));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {rule} | {labelled} | {found} | {hits} | {(found == 0 ? "–" : $"{100.0 * hits / found:F0}%")} | {(labelled == 0 ? "–" : $"{100.0 * hits / labelled:F0}%")} |");
        }

        foreach (var (entry, findings) in results)
        {
            var errors = findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.RuleId).Distinct().ToArray();
            if ((entry.Label == "bad") != (errors.Length > 0))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"MISSED {entry.Id} ({entry.Label}, labelled {string.Join(",", entry.Rules)}): errors [{string.Join(",", errors)}] :: {entry.Body}");
            }
        }

        return text.ToString();
    }
}

/// <summary>The labelled corpus, as stored in corpus.json.</summary>
internal static class Corpus
{
    public static readonly string[] RuleIds =
    [
        "vague-phrase", "whole-message-vague", "no-scope", "next-update-missing", "next-update-past", "next-update-too-late",
        "apology-missing", "boilerplate-apology", "minimizing", "overpromise", "speculation", "jargon", "readability", "blame",
        "action-items-missing", "action-item-vague", "action-item-owner-missing", "action-item-due-missing", "placeholder-unfilled",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyList<CorpusEntry> Load()
        => JsonSerializer.Deserialize<List<CorpusEntry>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Candor", "labelled-messages.json")), Json)!;
}

internal sealed record CorpusEntry(
    string Id,
    string Label,
    string Stage,
    string Impact,
    IReadOnlyList<string> Components,
    int? NextUpdateMinutes,
    string? Title,
    string Body,
    IReadOnlyList<CorpusActionItem>? ActionItems,
    IReadOnlyList<string> Rules)
{
    public CandorDraft ToDraft(DateTimeOffset now)
        => new()
        {
            Title = Title,
            Body = Body,
            Stage = WireName.Parse<IncidentStatus>(Stage),
            Impact = WireName.Parse<IncidentImpact>(Impact),
            AffectedComponents = Components,
            NextUpdateAt = NextUpdateMinutes is { } minutes ? now.AddMinutes(minutes) : null,
            Now = now,
            IsPostmortemDocument = Stage == "postmortem",
            ActionItems = (ActionItems ?? []).Select(a => new ActionItem(a.Description, a.Owner, a.Due is { } due ? DateOnly.Parse(due, CultureInfo.InvariantCulture) : null)).ToArray(),
        };
}

internal sealed record CorpusActionItem(string Description, string? Owner, string? Due);
