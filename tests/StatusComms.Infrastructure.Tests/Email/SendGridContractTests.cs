using Microsoft.Extensions.Time.Testing;
using SendGrid;
using StatusComms.Infrastructure.Email;
using StatusComms.Infrastructure.Templates;
using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Tests.Email;

/// <summary>
/// Every request the system builds, sent by the official SendGrid client to a Prism mock of SendGrid's own
/// description, is accepted; and a request SendGrid would refuse is refused, so the check can fail.
/// </summary>
public sealed class SendGridContractTests(PrismSendGrid prism) : IClassFixture<PrismSendGrid>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionTokens Tokens = new(new byte[32]);

    [Fact]
    public async Task A_notification_batch_of_1000_recipients_is_accepted()
    {
        var recipients = Enumerable.Range(0, 1000).Select(i => Confirmed($"user{i}@example.com")).ToArray();
        var mail = await Composer().ComposeAsync(Content(), recipients.Select(r => r.ToChoice()).ToArray(), new Dictionary<string, string> { ["sc_key"] = "inc-abc-def", ["sc_target"] = "b00000", ["sc_attempt"] = "0011223344556677" }, CancellationToken.None);

        var result = await Sender().SendAsync(mail, CancellationToken.None);

        Assert.True(result.Outcome == MailSendOutcome.Accepted, result.Reason);
        Assert.Equal(202, result.StatusCode);
    }

    [Fact]
    public async Task A_maintenance_notification_and_the_confirmation_mails_are_accepted()
    {
        var maintenance = Content() with { Notification = new NotificationRef(NotificationKind.Maintenance, "mnt1", "u1"), Stage = "Scheduled", ImpactLabel = null, WindowStart = Now.AddDays(1), WindowEnd = Now.AddDays(1).AddHours(2), NextUpdateAt = null };
        var composer = Composer();
        var pending = Subscriber.ForEmail(Tokens.SubscriberId("new@example.com"), "new@example.com", [], Now);

        foreach (var mail in new[]
        {
            await composer.ComposeAsync(maintenance, [Confirmed("a@example.com").ToChoice()], new Dictionary<string, string>(), CancellationToken.None),
            await composer.ComposeConfirmationAsync("Acme Cloud", "https://status.acme.test", [pending], ["API"], CancellationToken.None),
            await composer.ComposeConfirmationAsync("Acme Cloud", "https://status.acme.test", [Confirmed("old@example.com")], [], CancellationToken.None),
        })
        {
            var result = await Sender().SendAsync(mail, CancellationToken.None);
            Assert.True(result.Outcome == MailSendOutcome.Accepted, $"{mail.Subject}: {result.Reason}");
        }
    }

    [Fact]
    public async Task More_than_1000_personalizations_are_refused_by_sendgrids_description()
    {
        var recipients = Enumerable.Range(0, 1001).Select(i => Confirmed($"user{i}@example.com")).ToArray();
        var mail = await Composer().ComposeAsync(Content(), recipients.Select(r => r.ToChoice()).ToArray(), new Dictionary<string, string>(), CancellationToken.None);

        var result = await Sender().SendAsync(mail, CancellationToken.None);

        Assert.Equal(MailSendOutcome.Permanent, result.Outcome);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("personalizations", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_without_a_sender_is_refused()
    {
        var mail = await Composer().ComposeAsync(Content(), [Confirmed("a@example.com").ToChoice()], new Dictionary<string, string>(), CancellationToken.None);
        var message = SendGridMailSender.ToMessage(mail);
        message.From = null;

        var response = await Client().SendEmailAsync(message);

        Assert.Equal(400, (int)response.StatusCode);
    }

    private SendGridMailSender Sender() => new(Client(), TimeProvider.System);

    private SendGridClient Client() => new(new HttpClient(), new SendGridClientOptions { ApiKey = "SG.contract-test", Host = prism.BaseAddress.ToString().TrimEnd('/') });

    private static NotificationComposer Composer()
        => new(
            new RazorLightEmailRenderer(Path.Combine(AppContext.BaseDirectory, "templates")),
            Tokens,
            new SubscriptionLinks("https://status.acme.test/api/public/subscriptions/confirm", "https://status.acme.test/api/public/subscriptions/manage", "https://status.acme.test/api/public/subscriptions/unsubscribe", "unsubscribe@acme.test"),
            new MailIdentity("status@acme.test", null),
            new FakeTimeProvider(Now));

    private static Subscriber Confirmed(string email)
    {
        var subscriber = Subscriber.ForEmail(Tokens.SubscriberId(email), email, [], Now);
        subscriber.Confirm(Now);
        return subscriber;
    }

    private static NotificationContent Content()
        => new(
            new NotificationRef(NotificationKind.Incident, "inc1", "upd1"),
            "Acme Cloud",
            "https://status.acme.test",
            "API errors <for> \"EU\" customers — ünïcode",
            "Investigating",
            "Major outage",
            "About 30% of API calls fail with error 503.\nRetrying after a minute works.",
            Now,
            [new ComponentLine("API", "Partial outage")],
            ["api"],
            Now.AddMinutes(30),
            null,
            null,
            "https://status.acme.test/incidents/inc1.html",
            true);
}
