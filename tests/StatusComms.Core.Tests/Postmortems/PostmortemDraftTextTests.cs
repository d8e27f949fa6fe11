using StatusComms.Postmortems;
using Section = StatusComms.Postmortems.PostmortemDraftText.Section;

namespace StatusComms.Core.Tests.Postmortems;

public class PostmortemDraftTextTests
{
    [Theory]
    [InlineData("## Root Cause Analysis", Section.RootCause)]
    [InlineData("### Why did this happen?", Section.RootCause)]
    [InlineData("**Customer impact**", Section.BusinessImpact)]
    [InlineData("Who was affected:", Section.BusinessImpact)]
    [InlineData("## Next steps", Section.ActionItems)]
    [InlineData("## What we are doing to prevent this", Section.ActionItems)]
    [InlineData("## Lessons learned", Section.LessonsLearned)]
    [InlineData("__Our apology__", Section.Apology)]
    [InlineData("## Incident summary", Section.ExecutiveSummary)]
    [InlineData("## Timeline", Section.ExecutiveSummary)]
    public void Headings_in_their_usual_wordings_name_the_sections(string heading, Section section)
    {
        var reading = PostmortemDraftText.Read($"Opening words.\n\n{heading}\nThe section's words.");

        Assert.Equal((heading.Trim('#', '*', '_', ' ', ':'), section), Assert.Single(reading.Headings));
    }

    [Fact]
    public void Nothing_the_author_wrote_is_dropped()
    {
        var reading = PostmortemDraftText.Read("""
            Our API failed for 40 minutes.

            ## Background
            The API runs in two regions.

            ## Root cause:
            A certificate expired.

            Action items:
            1. Alert 30 days before a certificate expires (owner: Platform, by 2027-01-10)
            2. Renew certificates automatically
               with the provider's ACME endpoint
            """);

        Assert.Equal("Our API failed for 40 minutes.\n\nBackground:\nThe API runs in two regions.", reading.ExecutiveSummary);
        Assert.Equal("A certificate expired.", reading.RootCause);
        Assert.Equal(
            [new PostmortemDraftText.ItemLine("Alert 30 days before a certificate expires", "Platform", new DateOnly(2027, 1, 10), false), new PostmortemDraftText.ItemLine("Renew certificates automatically with the provider's ACME endpoint", null, null, false)],
            reading.ActionItems);
    }

    [Fact]
    public void The_text_written_from_a_document_reads_back_as_the_same_document()
    {
        var content = new PostmortemContent
        {
            Title = "API outage on 25 November",
            ExecutiveSummary = "For 40 minutes, API calls failed.\n\nTimeline:\n- 10:00 UTC alerts fired",
            BusinessImpact = "About 12,000 API calls failed.",
            RootCause = "A certificate expired; nothing renewed it.",
            LessonsLearned = "Expiry dates need an owner.",
            Apology = "We're sorry: for 40 minutes the API failed.",
            ActionItems =
            [
                new PostmortemActionItem("a1", "Installed a new certificate", "Platform", new DateOnly(2026, 11, 25), ActionItemKind.ImmediateFix, ActionItemStatus.Done, null, true),
                new PostmortemActionItem("a2", "Renew certificates automatically", "Platform", new DateOnly(2027, 1, 10), ActionItemKind.LongTermPrevention, ActionItemStatus.InProgress, new Uri("https://example.com/t/2"), false),
            ],
        };

        var text = PostmortemDraftText.Write(content);
        var back = PostmortemDraftText.Apply(content, PostmortemDraftText.Read(text));

        Assert.Equal(text, PostmortemDraftText.Write(back));
        Assert.Equal((content.Title, content.ExecutiveSummary, content.BusinessImpact, content.RootCause, content.LessonsLearned, content.Apology), (back.Title, back.ExecutiveSummary, back.BusinessImpact, back.RootCause, back.LessonsLearned, back.Apology));
        Assert.Equal(content.ActionItems, back.ActionItems);
    }

    [Fact]
    public void A_section_the_text_leaves_out_is_emptied_and_a_new_item_is_public_and_open()
    {
        var content = new PostmortemContent { Title = "T", RootCause = "Old cause.", Apology = "Old apology." };

        var back = PostmortemDraftText.Apply(content, PostmortemDraftText.Read("## Root cause\nNew cause.\n\n## Follow-up\n- Add an alert"));

        Assert.Equal(("T", "New cause.", string.Empty), (back.Title, back.RootCause, back.Apology));
        var item = Assert.Single(back.ActionItems);
        Assert.Equal(("Add an alert", ActionItemStatus.Open, true, ActionItemKind.LongTermPrevention), (item.Description, item.Status, item.Public, item.Kind));
    }
}
