using System.Globalization;
using System.Net.Mail;

namespace StatusComms.Subscriptions;

/// <summary>
/// A subscriber's address, checked and normalised once, with the rules every sender we use applies, so that an
/// address taken at subscribe is one every mail can be written to: trimmed and lower-cased (one person is one
/// subscriber); one address, no display name, at most 254 characters (RFC 5321); a local part of ASCII letters,
/// digits and RFC 5321's other atext characters in dot-separated words of at most 64 characters (SendGrid sends
/// no SMTPUTF8, so "ü@example.com" is refused at subscribe rather than failing in a batch later); a domain of
/// letter-digit-hyphen labels, an international one kept in its ASCII (punycode) form, which is what goes on the wire.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const string Atext = "!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static bool TryNormalize(string? input, out string address)
    {
        address = string.Empty;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || trimmed.Contains('<') || trimmed.Contains(','))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.DisplayName.Length > 0 || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || !IsDotAtom(trimmed[..at]) || AsciiDomain(trimmed[(at + 1)..]) is not { } domain)
        {
            return false;
        }

        address = (trimmed[..at] + "@" + domain).ToLowerInvariant();
        return address.Length <= MaxLength;
    }

    private static bool IsDotAtom(string local)
        => local.Length <= MaxLocalLength
            && local.Split('.').All(word => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || Atext.Contains(c, StringComparison.Ordinal)));

    /// <summary>The domain in ASCII (an IDN in punycode), or null when it is no domain mail can be sent to.</summary>
    private static string? AsciiDomain(string domain)
    {
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= 63 && !l.StartsWith('-') && !l.EndsWith('-') && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && (labels[^1].All(char.IsAsciiLetter) || labels[^1].StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
                ? ascii
                : null;
    }
}
