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

/// <summary>Writes one recipient's message as MIME: encoded headers, text and HTML parts in base64.</summary>
public static class Mime
{
    public static string Write(MailBatch mail, MailRecipient recipient, DateTimeOffset date, string batchId)
    {
        string Apply(string text) => recipient.Substitutions.Aggregate(text, (t, s) => t.Replace(s.Key, s.Value, StringComparison.Ordinal));

        var boundary = "=_sc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var domain = mail.From.Email[(mail.From.Email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var message = new StringBuilder();
        Header(message, "From", mail.From.Name is { Length: > 0 } n ? $"{Encode(n)} <{Address(mail.From.Email)}>" : Address(mail.From.Email));
        Header(message, "To", Address(recipient.Email));
        Header(message, "Subject", Encode(Apply(mail.Subject)));
        Header(message, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture));
        Header(message, "Message-ID", $"<{batchId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@{domain}>");
        Header(message, "MIME-Version", "1.0");
        foreach (var (name, value) in recipient.Headers)
        {
            Header(message, name, value);
        }

        Header(message, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        message.Append("\r\n");
        Part(message, boundary, "text/plain; charset=utf-8", Apply(mail.Text));
        Part(message, boundary, "text/html; charset=utf-8", Apply(mail.Html));
        message.Append("--").Append(boundary).Append("--\r\n");
        return message.ToString();
    }

    private static void Header(StringBuilder message, string name, string value)
    {
        if (name.Any(c => c is '\r' or '\n' or ':' || char.IsControl(c)) || value.Any(c => c is '\r' or '\n' || char.IsControl(c)))
        {
            throw new ArgumentException($"Header {name} may not contain line breaks or control characters.", nameof(value));
        }

        message.Append(name).Append(": ").Append(value).Append("\r\n");
    }

    private static string Address(string email)
        => email.All(c => c > ' ' && c < 127 && c is not ('<' or '>' or ',')) ? email : throw new ArgumentException("An address with characters that cannot go in a header.", nameof(email));

    /// <summary>RFC 2047 for anything that is not printable ASCII.</summary>
    private static string Encode(string text)
        => text.All(c => c >= ' ' && c < 127) ? text : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static void Part(StringBuilder message, string boundary, string contentType, string body)
    {
        message.Append("--").Append(boundary).Append("\r\n");
        message.Append("Content-Type: ").Append(contentType).Append("\r\n");
        message.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        for (var i = 0; i < encoded.Length; i += 76)
        {
            message.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append("\r\n");
        }
    }
}
