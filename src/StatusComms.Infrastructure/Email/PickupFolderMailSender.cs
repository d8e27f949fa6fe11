using System.Security.Cryptography;
using System.Text;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Email;

/// <summary>
/// Mail without SendGrid: each recipient's message is written as an .eml file (RFC 5322, multipart/alternative) to
/// a folder a person can open with any mail client. The local runner lists the folder at /_mail/.
/// </summary>
public sealed class PickupFolderMailSender(string folder, TimeProvider time) : IMailSender
{
    public string Folder { get; } = folder;

    public async Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var batchId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var now = time.GetUtcNow();
        var index = 0;
        foreach (var recipient in mail.Recipients)
        {
            var name = $"{now:yyyyMMdd-HHmmss-fff}-{batchId}-{index++:D4}.eml";
            await File.WriteAllTextAsync(Path.Combine(Folder, name), Mime.Write(mail, recipient, now, batchId), Encoding.ASCII, cancellationToken);
        }

        return MailSendResult.Accepted("pickup-" + batchId);
    }
}

/// <summary>
/// Writes one recipient's message as MIME with MimeKit: headers folded to RFC 5322's line limits and encoded as
/// RFC 2047 words of at most 75 characters where they are not ASCII, international domains in their ASCII form,
/// text and HTML parts in base64.
/// </summary>
public static class Mime
{
    /// <summary>CRLF line ends, as RFC 5322 has them, whatever the platform's.</summary>
    private static readonly MimeKit.FormatOptions Rfc5322 = CreateOptions();

    private static MimeKit.FormatOptions CreateOptions()
    {
        var options = MimeKit.FormatOptions.Default.Clone();
        options.NewLineFormat = MimeKit.NewLineFormat.Dos;
        return options;
    }

    public static string Write(MailBatch mail, MailRecipient recipient, DateTimeOffset date, string batchId)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(recipient);
        string Apply(string text) => recipient.Substitutions.Aggregate(text, (t, s) => t.Replace(s.Key, s.Value, StringComparison.Ordinal));

        var domain = mail.From.Email[(mail.From.Email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var message = new MimeKit.MimeMessage
        {
            // A subject is one line: a break in it (it never should hold one) becomes a space, not a new header.
            Subject = new string(Apply(mail.Subject).ReplaceLineEndings(" ").Where(c => !char.IsControl(c)).ToArray()),
            Date = date,
            MessageId = $"{batchId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@{domain}",
        };
        message.From.Add(new MimeKit.MailboxAddress(mail.From.Name ?? string.Empty, mail.From.Email));
        message.To.Add(new MimeKit.MailboxAddress(string.Empty, Address(recipient.Email)));
        foreach (var (name, value) in recipient.Headers)
        {
            message.Headers.Add(Single(name, "A header name"), Single(value, name));
        }

        message.Body = new MimeKit.MultipartAlternative
        {
            Part("plain", Apply(mail.Text)),
            Part("html", Apply(mail.Html)),
        };
        using var buffer = new MemoryStream();
        message.WriteTo(Rfc5322, buffer);
        return Encoding.ASCII.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>An address as subscribe stored it: printable ASCII with no brackets or commas, or it is refused.</summary>
    private static string Address(string email)
        => email.All(c => c > ' ' && c < 127 && c is not ('<' or '>' or ',' or ';' or '"')) ? email : throw new ArgumentException("An address with characters that cannot go in a header.", nameof(email));

    /// <summary>A header value is one line: a break in it would start a header of the writer's choosing.</summary>
    private static string Single(string value, string what)
        => value.Any(c => c is '\r' or '\n' || (char.IsControl(c) && c != '\t'))
            ? throw new ArgumentException($"{what} may not contain line breaks or control characters.", nameof(value))
            : value;

    private static MimeKit.TextPart Part(string subtype, string text)
    {
        var part = new MimeKit.TextPart(subtype) { ContentTransferEncoding = MimeKit.ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, text);
        return part;
    }
}
