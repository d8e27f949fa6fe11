using System.Security.Cryptography;
using System.Text;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Email;

/// <summary>
/// Mail without SendGrid: each recipient's message is written as an .eml file (RFC 5322, multipart/alternative) to
/// a folder a person can open with any mail client. The local runner lists the folder at /_mail/. A notification's
/// file is named by the notification, its batch and the recipient, and written whole or not at all (a temporary file
/// moved into place), so sending a batch again writes only the messages that are not there yet: an interrupted send
/// resumes without mailing anyone twice. One recipient that cannot be written does not hold back the others.
/// </summary>
public sealed class PickupFolderMailSender(string folder, TimeProvider time) : IMailSender
{
    public string Folder { get; } = folder;

    public bool WritesEachRecipientOnce => true;

    public async Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        Directory.CreateDirectory(Folder);
        var batchId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var now = time.GetUtcNow();
        var index = 0;
        var refused = new List<string>();
        foreach (var recipient in mail.Recipients)
        {
            var path = Path.Combine(Folder, FileName(mail, recipient, now, batchId, index++));
            if (File.Exists(path))
            {
                continue; // Written by an earlier attempt of this send.
            }

            string eml;
            try
            {
                eml = Mime.Write(mail, recipient, now, batchId);
            }
            catch (ArgumentException exception)
            {
                refused.Add(exception.Message);
                continue;
            }

            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, eml, Encoding.ASCII, cancellationToken);
            try
            {
                File.Move(partial, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(partial); // Another attempt wrote it meanwhile.
            }
        }

        return refused.Count == 0
            ? MailSendResult.Accepted("pickup-" + batchId)
            : new MailSendResult(MailSendOutcome.Accepted, 202, $"{mail.Recipients.Count - refused.Count} of {mail.Recipients.Count} written; {refused.Count} could not be: {refused[0]}", null, "pickup-" + batchId);
    }

    /// <summary>
    /// A notification's message: by notification, batch and recipient (stable across attempts); any other mail (a
    /// confirmation) by time, as before. Folder listings sort by the time a file was written.
    /// </summary>
    private static string FileName(MailBatch mail, MailRecipient recipient, DateTimeOffset now, string batchId, int index)
        => mail.CustomArgs.TryGetValue("sc_key", out var key) && mail.CustomArgs.TryGetValue("sc_target", out var target)
            ? $"{Safe(key)}-{Safe(target)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Email)))[..16]}.eml"
            : $"{now:yyyyMMdd-HHmmss-fff}-{batchId}-{index:D4}.eml";

    private static string Safe(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
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
