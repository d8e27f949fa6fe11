using System.Net;
using System.Net.Sockets;

namespace StatusComms.Notifications;

/// <summary>
/// Which addresses a webhook may be delivered to. Endpoints are chosen by whoever subscribes, so without this rule a
/// webhook could make the app call into its own network (SSRF): loopback, private, link-local (cloud metadata at
/// 169.254.169.254), carrier-grade NAT, unique-local, multicast and reserved addresses are refused unless
/// configuration allows private targets. Checked when the webhook is added and again for the address actually
/// connected to (so a name that later resolves elsewhere is caught too).
/// </summary>
public static class WebhookTargets
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC || address.IsIPv6UniqueLocal);
        }

        return false;
    }

    /// <returns>Null when <paramref name="endpoint"/> may be used, else why not.</returns>
    public static string? Check(Uri endpoint, IReadOnlyList<IPAddress> resolved, bool allowPrivate, bool allowHttp)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && !(allowHttp && endpoint.Scheme == Uri.UriSchemeHttp)))
        {
            return "The endpoint must be an https:// URL.";
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            return "The endpoint may not carry a user name or password.";
        }

        if (resolved.Count == 0)
        {
            return $"{endpoint.Host} does not resolve.";
        }

        return allowPrivate || resolved.All(IsPublic)
            ? null
            : $"{endpoint.Host} resolves to a private, loopback or link-local address; webhooks go to public endpoints only.";
    }
}
