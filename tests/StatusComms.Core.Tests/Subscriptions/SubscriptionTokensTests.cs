using StatusComms.Subscriptions;

namespace StatusComms.Core.Tests.Subscriptions;

public sealed class SubscriptionTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionTokens Tokens = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_token_names_its_subscriber_for_its_purpose()
    {
        var token = Tokens.Create(TokenPurpose.Unsubscribe, "abc234", Now);

        var check = Tokens.Read(token, TokenPurpose.Unsubscribe, Now.AddYears(3));

        Assert.True(check.IsValid);
        Assert.Equal("abc234", check.SubscriberId);
    }

    [Fact]
    public void A_changed_token_is_refused()
    {
        var token = Tokens.Create(TokenPurpose.Manage, "abc234", Now);
        var payload = token[..token.IndexOf('.', StringComparison.Ordinal)];
        var forgedPayload = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("x")) + payload[4..];

        Assert.False(Tokens.Read(forgedPayload + token[payload.Length..], TokenPurpose.Manage, Now).IsValid);
        Assert.False(Tokens.Read(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], TokenPurpose.Manage, Now).IsValid);
        Assert.False(Tokens.Read(token.Replace(".", string.Empty, StringComparison.Ordinal), TokenPurpose.Manage, Now).IsValid);
        Assert.False(Tokens.Read(string.Empty, TokenPurpose.Manage, Now).IsValid);
        Assert.False(Tokens.Read("not a token at all", TokenPurpose.Manage, Now).IsValid);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var other = new SubscriptionTokens(new byte[32]);

        var token = other.Create(TokenPurpose.Unsubscribe, "abc234", Now);

        Assert.Equal("The link is incomplete or was changed.", Tokens.Read(token, TokenPurpose.Unsubscribe, Now).Refusal);
    }

    [Fact]
    public void A_token_for_one_purpose_does_not_work_for_another()
    {
        var confirm = Tokens.Create(TokenPurpose.Confirm, "abc234", Now);

        Assert.Equal("This link is for something else.", Tokens.Read(confirm, TokenPurpose.Unsubscribe, Now).Refusal);
    }

    [Fact]
    public void A_confirmation_link_expires_after_7_days_a_manage_link_after_90_and_an_unsubscribe_link_never()
    {
        var confirm = Tokens.Create(TokenPurpose.Confirm, "abc234", Now);
        var manage = Tokens.Create(TokenPurpose.Manage, "abc234", Now);
        var unsubscribe = Tokens.Create(TokenPurpose.Unsubscribe, "abc234", Now);

        Assert.True(Tokens.Read(confirm, TokenPurpose.Confirm, Now.AddDays(7)).IsValid);
        Assert.StartsWith("This confirmation link has expired.", Tokens.Read(confirm, TokenPurpose.Confirm, Now.AddDays(7).AddSeconds(1)).Refusal, StringComparison.Ordinal);
        Assert.True(Tokens.Read(manage, TokenPurpose.Manage, Now.AddDays(90)).IsValid);
        Assert.StartsWith("This link has expired.", Tokens.Read(manage, TokenPurpose.Manage, Now.AddDays(90).AddSeconds(1)).Refusal, StringComparison.Ordinal);
        Assert.True(Tokens.Read(unsubscribe, TokenPurpose.Unsubscribe, Now.AddYears(10)).IsValid);
    }

    [Fact]
    public void A_key_ring_signs_with_the_newest_key_and_verifies_with_every_one()
    {
        byte[] oldKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)], newKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];
        var before = new SubscriptionTokens([oldKey]);
        var ring = new SubscriptionTokens([newKey, oldKey]);
        var oldLink = before.Create(TokenPurpose.Unsubscribe, "abc234", Now);

        Assert.Equal("abc234", ring.Read(oldLink, TokenPurpose.Unsubscribe, Now).SubscriberId);
        Assert.False(new SubscriptionTokens([newKey]).Read(oldLink, TokenPurpose.Unsubscribe, Now).IsValid);
        Assert.False(before.Read(ring.Create(TokenPurpose.Unsubscribe, "abc234", Now), TokenPurpose.Unsubscribe, Now).IsValid);

        // New subscribers get the newest key's id; one from before is found under the old key's.
        Assert.Equal([ring.SubscriberId("ada@example.com"), before.SubscriberId("ada@example.com")], ring.SubscriberIds("ada@example.com"));
        Assert.NotEqual(before.SubscriberId("ada@example.com"), ring.SubscriberId("ada@example.com"));
        Assert.Throws<ArgumentException>(() => new SubscriptionTokens([newKey, new byte[16]]));
    }

    [Fact]
    public void Subscriber_ids_are_keyed_stable_and_reveal_nothing_of_the_address()
    {
        var id = Tokens.SubscriberId("ada@example.com");

        Assert.Equal(id, Tokens.SubscriberId("ada@example.com"));
        Assert.NotEqual(id, new SubscriptionTokens(new byte[32]).SubscriberId("ada@example.com"));
        Assert.Matches("^[a-z2-7]{26}$", id);
        Assert.DoesNotContain("ada", id, StringComparison.Ordinal);
        Assert.True(StatusComms.Common.Ids.IsWellFormed(id));
        Assert.Matches("^w[a-z2-7]{25}$", SubscriptionTokens.NewWebhookSubscriberId());
    }

    [Fact]
    public void A_short_key_is_refused()
        => Assert.Throws<ArgumentException>(() => new SubscriptionTokens(new byte[16]));
}
