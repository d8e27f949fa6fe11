using StatusComms.Common;
using StatusComms.Subscriptions;

namespace StatusComms.Core.Tests.Subscriptions;

public sealed class SubscriberTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("  Ada@Example.COM ", "ada@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("ada@exämple.com", "ada@xn--exmple-cua.com")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    public void Addresses_are_normalised(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("ada@localhost")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@example.com\r\nBcc: eve@example.com")]
    [InlineData("ada@example.com, eve@example.com")]
    [InlineData("a da@example.com")]
    [InlineData("ü@exämple.com")]
    [InlineData("ünïcode@example.com")]
    [InlineData("\"quoted local\"@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData(".ada@example.com")]
    [InlineData("ada@-example.com")]
    [InlineData("ada@example.123")]
    [InlineData("ada@[192.0.2.1]")]
    public void Anything_but_one_plain_address_is_refused(string input)
        => Assert.False(EmailAddress.TryNormalize(input, out _));

    [Fact]
    public void A_new_subscriber_waits_for_confirmation_and_hears_nothing_until_then()
    {
        var subscriber = Subscriber.ForEmail("s1", "ada@example.com", [], Now);

        Assert.Equal(SubscriberStatus.Pending, subscriber.Status);
        Assert.False(subscriber.WantsToHearAbout(["api"]));

        subscriber.Confirm(Now.AddMinutes(5));

        Assert.True(subscriber.WantsToHearAbout(["api"]));
        Assert.Equal(Now.AddMinutes(5), subscriber.ConfirmedAt);
    }

    [Fact]
    public void A_subscriber_of_some_components_hears_only_about_those_and_page_wide_events()
    {
        var subscriber = Subscriber.ForEmail("s1", "ada@example.com", ["api", "web"], Now);
        subscriber.Confirm(Now);

        Assert.True(subscriber.WantsToHearAbout(["web", "db"]));
        Assert.False(subscriber.WantsToHearAbout(["db"]));
        Assert.True(subscriber.WantsToHearAbout([]));
    }

    [Fact]
    public void An_unsubscribed_link_cannot_be_confirmed_and_a_suppressed_address_stays_suppressed()
    {
        var subscriber = Subscriber.ForEmail("s1", "ada@example.com", [], Now);
        subscriber.Unsubscribe("by link", Now);

        Assert.Throws<DomainRuleException>(() => subscriber.Confirm(Now));

        subscriber.Suppress("bounce: 550", Now);
        subscriber.Unsubscribe("by link", Now);
        Assert.Equal(SubscriberStatus.Suppressed, subscriber.Status);
        Assert.Equal("bounce: 550", subscriber.StoppedReason);
    }

    [Fact]
    public void A_bounce_is_lifted_only_by_the_person_confirming_and_a_spam_report_never()
    {
        var bounced = Subscriber.ForEmail("s1", "ada@example.com", ["api"], Now);
        bounced.Confirm(Now);
        bounced.Suppress("bounce: 550 5.1.1 mailbox does not exist", Now.AddDays(1));

        // Anyone can ask to subscribe an address: that alone changes nothing.
        bounced.Resubscribe(["web"], Now.AddDays(2));
        Assert.Equal((SubscriberStatus.Suppressed, false), (bounced.Status, bounced.WantsToHearAbout(["api"])));
        Assert.False(bounced.ReportedSpam);

        // The person follows the link in the confirmation mail: the mailbox works again.
        bounced.Confirm(Now.AddDays(2));
        Assert.Equal((SubscriberStatus.Confirmed, null, true), (bounced.Status, bounced.StoppedReason, bounced.WantsToHearAbout(["api"])));

        var reported = Subscriber.ForEmail("s2", "bob@example.com", [], Now);
        reported.Confirm(Now);
        reported.Suppress("spamreport: reported by SendGrid", Now.AddDays(1));
        reported.Resubscribe([], Now.AddDays(2));
        Assert.True(reported.ReportedSpam);
        Assert.Throws<DomainRuleException>(() => reported.Confirm(Now.AddDays(2)));
        Assert.Equal(SubscriberStatus.Suppressed, reported.Status);
    }

    [Fact]
    public void Subscribing_again_restarts_double_opt_in_unless_already_confirmed()
    {
        var stopped = Subscriber.ForEmail("s1", "ada@example.com", [], Now);
        stopped.Unsubscribe("by link", Now);
        stopped.Resubscribe(["api"], Now);
        Assert.Equal(SubscriberStatus.Pending, stopped.Status);
        Assert.Equal(["api"], stopped.ComponentIds);

        var confirmed = Subscriber.ForEmail("s2", "bob@example.com", ["web"], Now);
        confirmed.Confirm(Now);
        confirmed.Resubscribe(["api"], Now);
        Assert.Equal(SubscriberStatus.Confirmed, confirmed.Status);
        Assert.Equal(["web"], confirmed.ComponentIds); // Nobody can change someone else's choice by subscribing them.
    }

    [Fact]
    public void Component_ids_must_be_ids()
        => Assert.Throws<DomainRuleException>(() => Subscriber.ForEmail("s1", "ada@example.com", ["<script>"], Now));
}
