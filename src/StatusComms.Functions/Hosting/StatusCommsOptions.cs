using System.ComponentModel.DataAnnotations;

namespace StatusComms.Functions.Hosting;

/// <summary>The <c>StatusComms</c> configuration section. Validated at start-up: a missing setting stops the app with its name.</summary>
public sealed class StatusCommsOptions
{
    public const string SectionName = "StatusComms";

    /// <summary>Key that management API callers send as <c>Authorization: OAuth &lt;key&gt;</c>. Required; at least 16 characters.</summary>
    [Required(ErrorMessage = "StatusComms:ApiKey is not set: the management API needs a key (set StatusComms__ApiKey).")]
    [MinLength(16, ErrorMessage = "StatusComms:ApiKey must have at least 16 characters.")]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The id of the one page this deployment serves, as used in /api/v1/pages/{page_id}/. Default "statuscomms".</summary>
    [RegularExpression("^[a-z0-9_-]{1,64}$", ErrorMessage = "StatusComms:PageId must be 1-64 lowercase letters, digits, '-' or '_'.")]
    public string PageId { get; set; } = "statuscomms";

    /// <summary>The page's name as customers see it.</summary>
    [Required]
    public string PageName { get; set; } = "Status";

    /// <summary>Public URL of the status site, e.g. https://status.example.com. Default: the local runner's address.</summary>
    [Required]
    [Url]
    public string PageUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>IANA time zone reported in page.time_zone. Pages show UTC. Default "Etc/UTC".</summary>
    public string TimeZone { get; set; } = "Etc/UTC";

    /// <summary>
    /// App role that admits a person signed in through App Service Authentication (X-MS-CLIENT-PRINCIPAL) to the
    /// management API. Only honoured when App Service Authentication is on. Default "StatusComms.Admin".
    /// </summary>
    public string AdminRole { get; set; } = "StatusComms.Admin";

    /// <summary>
    /// Trust X-MS-CLIENT-PRINCIPAL. Default: on exactly when App Service Authentication is enabled
    /// (WEBSITE_AUTH_ENABLED=True), because only then does the platform strip and set that header.
    /// </summary>
    public bool? TrustClientPrincipal { get; set; }

    /// <summary>
    /// How many proxies in front of the app append to X-Forwarded-For (App Service's front end: 1; Front Door and
    /// then App Service: 2). The client is the address that many hops from the right; whatever a client wrote
    /// further left is ignored. Default 0: the header is not trusted and the connection's address is the client.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 5, ErrorMessage = "StatusComms:TrustedProxyHops is between 0 and 5: the number of proxies in front of the app that append to X-Forwarded-For.")]
    public int TrustedProxyHops { get; set; }

    public StorageOptions Storage { get; set; } = new();

    /// <summary>The comms lead's console (<c>StatusComms:Console</c>).</summary>
    public ConsoleSettings Console { get; set; } = new();

    /// <summary>How much of each status counts as downtime in the uptime percentage (<c>StatusComms:Uptime</c>).</summary>
    public UptimeOptions Uptime { get; set; } = new();

    public SubscriptionSettings Subscriptions { get; set; } = new();

    public EmailSettings Email { get; set; } = new();

    public WebhookSettings Webhooks { get; set; } = new();

    /// <summary>Nudges to the comms team about promised next updates (<c>StatusComms:Nudges</c>).</summary>
    public NudgeSettings Nudges { get; set; } = new();

    /// <summary>Retries and leases of the send pipeline (<c>StatusComms:Delivery</c>).</summary>
    public StatusComms.Notifications.DeliveryOptions Delivery { get; set; } = new();

    /// <summary>
    /// The app setting the queue trigger attributes bind to (a flat name, as binding expressions need): queues are
    /// "{prefix}-updates", "-batches", "-webhooks" and their "-poison" queues. Default "statuscomms".
    /// </summary>
    public const string QueuePrefixSetting = "StatusCommsQueuePrefix";

    public const string DefaultQueuePrefix = "statuscomms";
}

/// <summary>Downtime weights, each between 0 and 1. Defaults as Statuspage: major outage 1, partial outage 0.3, degraded 0.</summary>
public sealed class UptimeOptions
{
    [Range(0.0, 1.0)]
    public double MajorOutageWeight { get; set; } = 1.0;

    [Range(0.0, 1.0)]
    public double PartialOutageWeight { get; set; } = 0.3;

    [Range(0.0, 1.0)]
    public double DegradedPerformanceWeight { get; set; }

    public StatusComms.Uptime.UptimeWeights ToWeights() => new(MajorOutageWeight, PartialOutageWeight, DegradedPerformanceWeight);
}

/// <summary>The console's sign-in (<c>StatusComms:Console</c>).</summary>
public sealed class ConsoleSettings
{
    /// <summary>How long a console session lasts after sign-in. Default 8 hours.</summary>
    [Range(0.25, 24.0 * 7)]
    public double SessionHours { get; set; } = 8;
}
