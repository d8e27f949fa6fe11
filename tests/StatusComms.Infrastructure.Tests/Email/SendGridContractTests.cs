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
    public async Task A_mail_whose_sender_is_not_an_address_is_refused()
    {
        var mail = await Composer().ComposeAsync(Content(), [Confirmed("a@example.com").ToChoice()], new Dictionary<string, string>(), CancellationToken.None);

        var result = await Sender().SendAsync(mail with { From = new MailAddressee("status desk", null) }, CancellationToken.None);

        Assert.Equal(MailSendOutcome.Permanent, result.Outcome);
        Assert.Equal(400, result.StatusCode);
    }

    [Fact]
    public async Task The_streamed_body_is_what_the_official_client_would_send_for_the_same_mail()
    {
        var recipients = Enumerable.Range(0, 300).Select(i => Confirmed($"user{i}@example.com").ToChoice()).ToArray();
        var mail = await Composer().ComposeAsync(Content(), recipients, new Dictionary<string, string> { ["sc_key"] = "inc-abc-def", ["sc_target"] = "b00000" }, CancellationToken.None);
        mail = mail with { From = new MailAddressee("status@acme.test", "Acme \"Status\" — ünïcode") };
        var captured = new CapturingHandler();
        var sender = new SendGridMailSender(new HttpClient(captured), new SendGridClientOptions { ApiKey = "SG.shape-test", Host = "https://sendgrid.test" }, TimeProvider.System);

        await sender.SendAsync(mail, CancellationToken.None);

        var official = new SendGrid.Helpers.Mail.SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(mail.From.Email, mail.From.Name),
            Subject = mail.Subject,
            PlainTextContent = mail.Text,
            HtmlContent = mail.Html,
            Personalizations = mail.Recipients.Select(r => new SendGrid.Helpers.Mail.Personalization
            {
                Tos = [new SendGrid.Helpers.Mail.EmailAddress(r.Email)],
                Substitutions = r.Substitutions.Count == 0 ? null : new Dictionary<string, string>(r.Substitutions),
                Headers = r.Headers.Count == 0 ? null : new Dictionary<string, string>(r.Headers),
                CustomArgs = r.CustomArgs.Concat(mail.CustomArgs).ToDictionary(a => a.Key, a => a.Value),
            }).ToList(),
            Categories = [mail.Category],
        };
        Assert.Equal("https://sendgrid.test/v3/mail/send", captured.Uri?.ToString());
        Assert.Equal("Bearer SG.shape-test", captured.Authorization);
        Assert.Equal("application/json", captured.ContentType);
        Assert.Equal(captured.Body.Length, captured.ContentLength);
        Assert.True(captured.Body.Length > 100_000, $"{captured.Body.Length} bytes: more than one 64 KiB block is written");
        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(official.Serialize()), System.Text.Json.Nodes.JsonNode.Parse(captured.Body)),
            "The streamed body differs from the official client's serialisation of the same mail.");
    }

    private SendGridMailSender Sender() => new(new HttpClient(), new SendGridClientOptions { ApiKey = "SG.contract-test", Host = prism.BaseAddress.ToString().TrimEnd('/') }, TimeProvider.System);

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

    /// <summary>Answers 202 to every request and keeps the last one's address, headers and body.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }
        public string? Authorization { get; private set; }
        public string? ContentType { get; private set; }
        public long? ContentLength { get; private set; }
        public byte[] Body { get; private set; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri;
            Authorization = request.Headers.Authorization?.ToString();
            ContentType = request.Content?.Headers.ContentType?.ToString();
            ContentLength = request.Content?.Headers.ContentLength;
            Body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.Accepted);
        }
    }
}
