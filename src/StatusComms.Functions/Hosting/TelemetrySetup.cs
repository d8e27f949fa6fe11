using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StatusComms.Common;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// Sends the worker's traces and metrics to Application Insights when its connection string is set (in Azure; Bicep
/// sets it): the invocations (the Functions worker's own source), the app's publishes and sends
/// (<see cref="StatusCommsTelemetry"/>), every Azure SDK call (Tables, Blobs, Queues) and every outgoing HTTP call
/// (SendGrid, webhooks), so one trace follows a request through storage, the publish, the queue and SendGrid. URLs
/// keep their credentials out (<see cref="LogSafe"/>). host.json's telemetryMode is OpenTelemetry, so the host's
/// spans join the same traces.
/// </summary>
public static class TelemetrySetup
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <returns>Whether telemetry is sent (a connection string is set).</returns>
    public static bool AddStatusCommsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString)
        {
            return false;
        }

        // The Azure SDK starts its activities (one per storage call) only when asked to.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource(StatusCommsTelemetry.Name, "Azure.*")
                .AddHttpClientInstrumentation()
                .AddProcessor(new RedactCredentials()))
            .WithMetrics(metrics => metrics.AddMeter(StatusCommsTelemetry.Name))
            .UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
        return true;
    }
}

/// <summary>Credentials in a span's URL tags (subscription link tokens, signatures) are replaced before export.</summary>
public sealed class RedactCredentials : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "url.query", "http.url", "http.target", "url.path"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, Http.LogSafe.Url(url));
            }
        }
    }
}
