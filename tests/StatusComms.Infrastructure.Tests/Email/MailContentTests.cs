using System.Text;
using Microsoft.Extensions.Time.Testing;
using StatusComms.Infrastructure.Email;
using StatusComms.Infrastructure.Templates;
using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Tests.Email;

/// <summary>What a subscriber's mail client gets: encoded HTML, plain text as typed, single-line headers.</summary>
public sealed class MailContentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionTokens Tokens = new(new byte[32]);

    [Fact]
    public async Task The_html_part_encodes_what_people_typed_and_the_text_part_keeps_it_as_typed()
    {
        var mail = await ComposeAsync("Payments <script>alert(1)</script> & \"refunds\"");

        Assert.Contains("Payments &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;refunds&quot;", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Payments <script>alert(1)</script> & \"refunds\"", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Next update by 10:30 UTC.", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{NotificationComposer.UnsubscribeTag}\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"Unsubscribe: {NotificationComposer.UnsubscribeTag}", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_with_line_breaks_cannot_add_headers()
    {
        var mail = await ComposeAsync("API down\r\nBcc: everyone@example.com");

        Assert.Equal("[Acme Cloud] Investigating: API down Bcc: everyone@example.com", mail.Subject);
        var eml = Mime.Write(mail, mail.Recipients[0], Now, "b1");
        var headers = eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.DoesNotContain(headers, h => h.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        var parsed = Parsed(eml);
        Assert.StartsWith("<https://status.acme.test/api/public/subscriptions/unsubscribe?token=", parsed.Headers["List-Unsubscribe"]!.Trim(), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", parsed.Headers["List-Unsubscribe-Post"]!.Trim());
        Assert.Equal("[Acme Cloud] Investigating: API down Bcc: everyone@example.com", parsed.Subject);
    }

    [Fact]
    public void The_mime_writer_never_lets_a_line_break_start_a_header_even_if_one_got_that_far()
    {
        var recipient = new MailRecipient("a@example.com", new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());
        var mail = new MailBatch(new MailAddressee("status@acme.test", "Acme"), "Subject\r\nBcc: x@example.com", "t", "<p>h</p>", [recipient], new Dictionary<string, string>(), "incident");

        var eml = Mime.Write(mail, recipient, Now, "b1");
        Assert.DoesNotContain("\r\nBcc:", eml, StringComparison.Ordinal); // Encoded as an RFC 2047 word instead.

        var header = recipient with { Headers = new Dictionary<string, string> { ["X-Note"] = "a\r\nBcc: x@example.com" } };
        Assert.Throws<ArgumentException>(() => Mime.Write(mail with { Subject = "ok" }, header, Now, "b1"));
        Assert.Throws<ArgumentException>(() => Mime.Write(mail with { Subject = "ok" }, recipient with { Email = "a@example.com>\r\nBcc: x@example.com" }, Now, "b1"));
    }

    [Fact]
    public async Task Non_ascii_subjects_are_encoded_and_each_recipient_gets_their_own_links()
    {
        var mail = await ComposeAsync("Paiements échoués");
        var eml = Mime.Write(mail, mail.Recipients[0], Now, "b1");

        Assert.Matches(@"Subject: .*=\?utf-8\?[bBqQ]\?", eml);
        Assert.Equal(mail.Subject, Parsed(eml).Subject);
        Assert.DoesNotContain(NotificationComposer.ManageTag, eml, StringComparison.Ordinal);
        Assert.NotEqual(mail.Recipients[0].Substitutions[NotificationComposer.ManageTag], mail.Recipients[1].Substitutions[NotificationComposer.ManageTag]);
    }

    [Fact]
    public async Task A_long_non_ascii_subject_is_folded_into_lines_and_encoded_words_within_the_rfc_limits()
    {
        var mail = await ComposeAsync(string.Concat(Enumerable.Repeat("Paiements échoués pour les clients en Île-de-France ", 6)).Trim());
        var eml = Mime.Write(mail, mail.Recipients[0], Now, "b1");

        var head = eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.All(head.Split("\r\n"), line => Assert.True(Encoding.ASCII.GetByteCount(line) <= 998, $"{line.Length}: {line}"));
        Assert.All(System.Text.RegularExpressions.Regex.Matches(head, @"=\?[^?]+\?[bBqQ]\?[^?]*\?=").Select(m => m.Value), word => Assert.True(word.Length <= 75, word));
        Assert.True(head.Split("\r\n").Any(l => l.StartsWith(' ') || l.StartsWith('\t')), "the subject is folded");
        Assert.Equal(mail.Subject, Parsed(eml).Subject);
    }

    private static MimeKit.MimeMessage Parsed(string eml)
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(eml));
        return MimeKit.MimeMessage.Load(stream);
    }

    private static async Task<MailBatch> ComposeAsync(string name)
    {
        var composer = new NotificationComposer(
            new RazorLightEmailRenderer(Path.Combine(AppContext.BaseDirectory, "templates")),
            Tokens,
            new SubscriptionLinks("https://status.acme.test/api/public/subscriptions/confirm", "https://status.acme.test/api/public/subscriptions/manage", "https://status.acme.test/api/public/subscriptions/unsubscribe"),
            new MailIdentity("status@acme.test", null),
            new FakeTimeProvider(Now));
        var recipients = new[] { "a@example.com", "b@example.com" }.Select(e =>
        {
            var s = Subscriber.ForEmail(Tokens.SubscriberId(e), e, [], Now);
            s.Confirm(Now);
            return s;
        }).ToArray();
        var content = new NotificationContent(new NotificationRef(NotificationKind.Incident, "inc1", "u1"), "Acme Cloud", "https://status.acme.test", name, "Investigating", "Major outage", name + " is what we see.", Now, [new ComponentLine("API", "Major outage")], ["api"], Now.AddMinutes(30), null, null, "https://status.acme.test/incidents/inc1.html", true);
        return await composer.ComposeAsync(content, recipients.Select(r => r.ToChoice()).ToArray(), new Dictionary<string, string>(), CancellationToken.None);
    }
}
