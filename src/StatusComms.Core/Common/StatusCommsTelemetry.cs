using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StatusComms.Common;

/// <summary>
/// What an operator and a comms lead watch, as .NET metrics and traces (no exporter here: the Functions app sends them
/// to Application Insights through OpenTelemetry; docs/operations.md has the queries):
/// publish latency, fan-out progress, deliveries by outcome, candor overrides; and a span per publish and per send.
/// </summary>
public static class StatusCommsTelemetry
{
    public const string Name = "StatusComms";

    public static readonly ActivitySource Traces = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>statuscomms.publish.duration (ms): from the start of a publish to its last file written.</summary>
    public static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>("statuscomms.publish.duration", "ms", "Time to publish the site after a change or on the reconcile timer.");

    /// <summary>statuscomms.publish.files: files written by a publish (unchanged ones are not).</summary>
    public static readonly Counter<long> FilesWritten = Meter.CreateCounter<long>("statuscomms.publish.files", "{file}", "Files of the site written by publishes.");

    /// <summary>statuscomms.fanout.recipients: recipients planned for an update's notification (fan-out progress).</summary>
    public static readonly Counter<long> FanOutRecipients = Meter.CreateCounter<long>("statuscomms.fanout.recipients", "{recipient}", "Recipients planned by fan-outs, by channel.");

    /// <summary>statuscomms.deliveries: batches and webhook posts by their outcome (sent, retry_scheduled, failed, ambiguous).</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("statuscomms.deliveries", "{delivery}", "Deliveries by channel and outcome.");

    /// <summary>statuscomms.candor.overrides: updates posted over candor errors with an override reason.</summary>
    public static readonly Counter<long> CandorOverrides = Meter.CreateCounter<long>("statuscomms.candor.overrides", "{update}", "Updates posted over candor errors with an override, by stage.");
}
