using System.Net;
using System.Net.Sockets;

namespace StatusComms.Notifications;

/// <summary>
/// Which addresses a webhook may be delivered to. Endpoints are chosen by whoever subscribes, so without this rule a
/// webhook could make the app call into its own network (SSRF). Every block of IANA's IPv4 and IPv6 special-purpose
/// address registries that is not globally reachable is refused (loopback, private, link-local with cloud metadata at
/// 169.254.169.254, carrier-grade NAT, benchmarking, documentation, unique-local, multicast, reserved, discard,
/// Teredo), and an IPv6 address that carries an IPv4 one (mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16)
/// is judged by the IPv4 address inside. Checked when the webhook is added and again for the address actually
/// connected to (so a name that later resolves elsewhere is caught too), unless configuration allows private targets.
/// </summary>
public static class WebhookTargets
{
    // IANA IPv4 Special-Purpose Address Registry: the blocks not globally reachable (RFC 6890 and its updates).
    private static readonly IPNetwork[] NotGlobalV4 =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
        }.Select(IPNetwork.Parse),
    ];

    // IANA IPv6 Special-Purpose Address Registry, and the multicast and deprecated site-local blocks.
    private static readonly IPNetwork[] NotGlobalV6 =
    [
        .. new[]
        {
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } inside)
        {
            address = inside;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !NotGlobalV4.Any(n => n.Contains(address)),
            AddressFamily.InterNetworkV6 => !NotGlobalV6.Any(n => n.Contains(address)),
            _ => false,
        };
    }

    /// <summary>Ports a webhook may use: http and https, and the unprivileged range (never SMTP, SSH and the like).</summary>
    public static bool IsAllowedPort(int port) => port is 80 or 443 or (>= 1024 and <= 65535);

    /// <summary>The IPv4 address an IPv6 one carries (mapped, IPv4-compatible, NAT64, 6to4), or null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (Nat64.Contains(address) || (IPv4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(b.AsSpan(2, 4)) : null;
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

        if (!IsAllowedPort(endpoint.Port))
        {
            return $"Port {endpoint.Port} is not for webhooks: use 443, 80 or a port from 1024 up.";
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
