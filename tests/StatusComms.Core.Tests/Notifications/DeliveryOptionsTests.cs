using StatusComms.Notifications;

namespace StatusComms.Core.Tests.Notifications;

public sealed class DeliveryOptionsTests
{
    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_is_bounded()
    {
        var options = new DeliveryOptions { FirstBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromSeconds(1), options.Backoff(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), options.Backoff(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(8), options.Backoff(3, 1));
        Assert.Equal(TimeSpan.FromMinutes(5), options.Backoff(30, 1));
        Assert.Equal(TimeSpan.FromMinutes(2.5), options.Backoff(30, 0));
    }

    [Fact]
    public void Subjects_and_names_become_one_line()
    {
        Assert.Equal("[Acme] Identified: API down Bcc: eve@example.com", NotificationComposer.OneLine("[Acme] Identified: API down\r\nBcc: eve@example.com"));
        Assert.Equal("a b", NotificationComposer.OneLine("a\u2028\tb\0"));
    }

    [Theory]
    [InlineData("inc-abc123-def456", NotificationKind.Incident)]
    [InlineData("mnt-abc123-def456", NotificationKind.Maintenance)]
    public void Notification_keys_round_trip(string key, NotificationKind kind)
    {
        var parsed = NotificationRef.TryParse(key);

        Assert.Equal(kind, parsed!.Kind);
        Assert.Equal(key, parsed.Key);
    }

    [Theory]
    [InlineData("inc-abc")]
    [InlineData("xyz-abc-def")]
    [InlineData("inc-a/b-def")]
    [InlineData(null)]
    public void Malformed_keys_are_refused(string? key) => Assert.Null(NotificationRef.TryParse(key));
}
