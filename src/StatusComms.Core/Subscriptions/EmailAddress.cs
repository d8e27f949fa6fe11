using System.Net.Mail;

namespace StatusComms.Subscriptions;

/// <summary>
/// A subscriber's address, checked and normalised once: trimmed, lower-cased (so that one person is one
/// subscriber), at most 254 characters (RFC 5321), one address with no display name and no control characters.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

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
        var domain = trimmed[(at + 1)..];
        if (at <= 0 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return false;
        }

        address = trimmed.ToLowerInvariant();
        return true;
    }
}
