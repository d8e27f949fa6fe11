using System.Net;
using StatusComms.Notifications;

namespace StatusComms.Core.Tests.Notifications;

public class WebhookTargetsTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("203.0.113.5")]
    [InlineData("240.0.0.1")]
    [InlineData("0.1.2.3")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001::1")]                 // Teredo
    [InlineData("::ffff:10.0.0.1")]         // IPv4-mapped
    [InlineData("::10.0.0.1")]              // IPv4-compatible
    [InlineData("::169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]      // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::7f00:1")]         // NAT64 of 127.0.0.1
    [InlineData("64:ff9b:1::1")]            // local-use NAT64
    [InlineData("2002:a00:1::1")]           // 6to4 of 10.0.0.1
    [InlineData("2002:7f00:1::")]           // 6to4 of 127.0.0.1
    public void Addresses_that_are_not_globally_reachable_are_refused_however_they_are_written(string address)
        => Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::5db8:d70e")]      // NAT64 of a public address
    [InlineData("2002:5db8:d70e::1")]       // 6to4 of a public address
    public void Public_addresses_are_allowed(string address)
        => Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com:0/x", false)]
    [InlineData("https://hooks.example.com:1/x", false)]
    [InlineData("https://hooks.example.com:25/x", false)]
    [InlineData("https://hooks.example.com:22/x", false)]
    [InlineData("https://hooks.example.com/x", true)]
    [InlineData("https://hooks.example.com:8443/x", true)]
    public void Only_web_and_unprivileged_ports_are_taken(string endpoint, bool allowed)
        => Assert.Equal(allowed, WebhookTargets.Check(new Uri(endpoint), [IPAddress.Parse("93.184.215.14")], allowPrivate: false, allowHttp: false) is null);
}
