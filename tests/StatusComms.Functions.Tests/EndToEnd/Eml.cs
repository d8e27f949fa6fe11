using System.Text;
using System.Text.RegularExpressions;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A message from the pickup folder, read as a mail client would (MimeKit's parser): headers decoded, and the text and HTML parts.</summary>
public sealed partial record Eml(IReadOnlyDictionary<string, string> Headers, string Text, string Html, string Raw)
{
    public string Subject => Headers["Subject"];

    public string To => Headers["To"];

    public static Eml Parse(string raw)
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(raw));
        var message = MimeKit.MimeMessage.Load(stream);
        var headers = message.Headers.GroupBy(h => h.Field, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value.Trim(), StringComparer.OrdinalIgnoreCase);
        headers["Subject"] = message.Subject ?? string.Empty;
        headers["To"] = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        return new Eml(headers, message.TextBody ?? string.Empty, message.HtmlBody ?? string.Empty, raw);
    }

    /// <summary>The first link in the text part that starts with <paramref name="prefix"/>.</summary>
    public string Link(string prefix) => LinkPattern().Matches(Text).Select(m => m.Value).First(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
