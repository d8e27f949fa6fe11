using System.Text;
using System.Text.RegularExpressions;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A message from the pickup folder, read as a mail client would: headers, and the decoded text and HTML parts.</summary>
public sealed partial record Eml(IReadOnlyDictionary<string, string> Headers, string Text, string Html, string Raw)
{
    public string Subject => Headers["Subject"];

    public string To => Headers["To"];

    public static Eml Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..split].Split("\r\n").Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        string Part(string type)
        {
            var match = Regex.Match(raw, $"Content-Type: {Regex.Escape(type)}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n(?<body>[A-Za-z0-9+/=\r\n]+?)\r\n--");
            return Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups["body"].Value.Replace("\r\n", string.Empty, StringComparison.Ordinal)));
        }

        return new Eml(headers, Part("text/plain"), Part("text/html"), raw);
    }

    /// <summary>The first link in the text part that starts with <paramref name="prefix"/>.</summary>
    public string Link(string prefix) => LinkPattern().Matches(Text).Select(m => m.Value).First(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
