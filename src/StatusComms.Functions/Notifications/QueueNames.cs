namespace StatusComms.Functions.Notifications;

/// <summary>
/// The queue trigger names: binding expressions on the app setting StatusCommsQueuePrefix (default "statuscomms"),
/// resolved by the Functions host and by the local runner alike. The host moves a message that failed
/// maxDequeueCount times (host.json) to "{queue}-poison".
/// </summary>
public static class QueueNames
{
    public const string Updates = "%" + Hosting.StatusCommsOptions.QueuePrefixSetting + "%-updates";
    public const string Batches = "%" + Hosting.StatusCommsOptions.QueuePrefixSetting + "%-batches";
    public const string Webhooks = "%" + Hosting.StatusCommsOptions.QueuePrefixSetting + "%-webhooks";
    public const string BatchesPoison = Batches + "-poison";
    public const string UpdatesPoison = Updates + "-poison";
    public const string WebhooksPoison = Webhooks + "-poison";
}
