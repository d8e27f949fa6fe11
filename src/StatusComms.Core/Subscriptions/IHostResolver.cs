using System.Net;

namespace StatusComms.Subscriptions;

/// <summary>Resolves a host name to its addresses (DNS), for checking webhook endpoints.</summary>
public interface IHostResolver
{
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Whether webhooks may go to private addresses or plain http (StatusComms:Webhooks).</summary>
public sealed record WebhookPolicy(bool AllowPrivateTargets, bool AllowHttp);
