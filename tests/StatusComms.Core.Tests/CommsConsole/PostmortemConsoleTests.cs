using StatusComms.Candor;
using StatusComms.CommsConsole;
using StatusComms.Postmortems;

namespace StatusComms.Core.Tests.CommsConsole;

/// <summary>The editor shows each finding beside the field it concerns, found from where its words are.</summary>
public sealed class PostmortemConsoleTests
{
    private static readonly PostmortemContent Content = new()
    {
        Title = "Postmortem",
        ExecutiveSummary = "Card payments failed for 40 minutes.",
        RootCause = "The vendor's fault, as usual.",
        LessonsLearned = "We watched the wrong number.",
        Apology = "We apologise for any inconvenience.",
        TimelineEntries = [new TeamTimelineEntry("e1", DateTimeOffset.UnixEpoch, "Paged the on-call engineer", true)],
        ActionItems = [new PostmortemActionItem("a1", "Improve things", null, null, ActionItemKind.ImmediateFix, ActionItemStatus.Open, null, true)],
    };

    private static string CheckedText => "What happened\n" + Content.ExecutiveSummary + "\n\nWhy it happened\n" + Content.RootCause + "\n- Paged the on-call engineer\n\n" + Content.LessonsLearned + "\n\nWe're sorry\n" + Content.Apology;

    [Theory]
    [InlineData("The vendor's fault", "root_cause")]
    [InlineData("any inconvenience", "apology")]
    [InlineData("wrong number", "lessons_learned")]
    [InlineData("on-call engineer", "timeline")]
    [InlineData("Why it happened", "summary")]
    public void A_finding_in_the_checked_text_goes_to_the_section_holding_its_words(string words, string field)
    {
        var finding = new CandorFinding("rule", FindingSeverity.Error, "body", CheckedText.IndexOf(words, StringComparison.Ordinal), words.Length, "m", "s");

        Assert.Equal(field, PostmortemConsole.FieldOf(finding, Content, CheckedText));
    }

    [Theory]
    [InlineData("action_items[0]", "item:a1")]
    [InlineData("action_items[7]", "action_items")]
    [InlineData("action_items", "action_items")]
    [InlineData("title", "title")]
    [InlineData("apology", "apology")]
    public void A_finding_about_a_field_or_an_action_item_stays_with_it(string field, string expected)
    {
        Assert.Equal(expected, PostmortemConsole.FieldOf(CandorFinding.Missing("rule", FindingSeverity.Error, field, "m", "s"), Content, CheckedText));
    }

    [Fact]
    public void A_missing_apology_goes_to_the_apology_and_other_missing_things_to_the_summary()
    {
        Assert.Equal("apology", PostmortemConsole.FieldOf(CandorFinding.Missing("apology-missing", FindingSeverity.Error, "body", "m", "s"), Content, CheckedText));
        Assert.Equal("summary", PostmortemConsole.FieldOf(CandorFinding.Missing("impact-missing", FindingSeverity.Error, "body", "m", "s"), Content, CheckedText));
    }

    [Fact]
    public void The_form_turns_comma_separated_people_into_lists_and_keeps_hidden_entries()
    {
        var edit = new PostmortemForm { Title = "T", Owners = "Ada Lovelace, Grace Hopper,", Participants = "Sam\nPriya", Hidden = ["u1"] }.ToEdit();

        Assert.Equal(["Ada Lovelace", "Grace Hopper"], edit.Owners);
        Assert.Equal(["Sam", "Priya"], edit.Participants);
        Assert.Equal(["u1"], edit.HiddenTimelineEntries);
    }
}
