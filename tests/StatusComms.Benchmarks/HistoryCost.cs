using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Infrastructure.Tables;
using StatusComms.Infrastructure.Templates;
using StatusComms.Publishing;
using StatusComms.StatusPage;
using StatusComms.Uptime;

namespace StatusComms.Benchmarks;

/// <summary>
/// The cost of publishing one incident update as history grows: storage transactions (every HTTP request the Azure
/// SDK sends, counted by a pipeline policy) and wall time per publish, with 10 and with 10,000 past incidents.
/// </summary>
public static class HistoryCost
{
    public sealed record Figures(int PastIncidents, double MedianTableRequests, double MedianEntitiesRead, double MedianBlobReads, double MedianBlobWrites, double MedianMilliseconds, double P90Milliseconds, double MedianWritten, double PointQueryMilliseconds, double OpenIncidentsQueryMilliseconds);

    public static async Task<Figures> MeasureAsync(string storage, int pastIncidents, int publishes)
    {
        var counter = new RequestCounter();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter.Table, HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter.Blob, HttpPipelinePosition.PerRetry);
        var name = "cost" + Guid.NewGuid().ToString("N")[..12];
        var tableClient = new TableServiceClient(storage, tableOptions).GetTableClient(name);
        var container = new BlobServiceClient(storage, blobOptions).GetBlobContainerClient(name);
        try
        {
            var time = TimeProvider.System;
            var table = new StatusTable(tableClient, "bench");
            var components = new TableComponentStore(table);
            var incidents = new TableIncidentStore(table);
            var templates = new RazorLightSiteRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
            await templates.WarmUpAsync(CancellationToken.None);
            var publisher = new SitePublisher(
                components,
                incidents,
                new TableMaintenanceStore(table),
                new TablePublicationLedger(table),
                templates,
                new BlobSiteArtifactStore(container),
                new UptimeRecorder(new TableUptimeStore(table)),
                new PageSettings("bench", "Benchmark Cloud", "https://status.example.com", "Etc/UTC"),
                time);

            var seeded = Stopwatch.StartNew();
            // The 10 newest past incidents are the same in both runs (one a day, all on the history page); the rest are
            // older than the 3 months history.html shows, one every 6 hours: history the page does not show.
            var known = await Scenario.SeedAsync(components, incidents, time, pastIncidents, openIncidents: 3, age: i => i < 10 ? TimeSpan.FromDays(i + 1) : TimeSpan.FromDays(100) + TimeSpan.FromHours(6 * (i - 10)));
            Console.Error.WriteLine($"  {pastIncidents:N0} past incidents seeded in {seeded.Elapsed.TotalSeconds:F0} s");
            await publisher.PublishAsync(everything: true, CancellationToken.None);

            var open = await incidents.ListOpenAsync(CancellationToken.None);
            var samples = new List<(int Table, int Entities, int BlobReads, int BlobWrites, double Ms, int Written)>();
            for (var i = 0; i < publishes + 5; i++)
            {
                var incident = (await incidents.GetAsync(open[i % open.Count].Id, CancellationToken.None))!;
                incident.PostUpdate(new IncidentCommand { Body = $"Update {i}: error rates are falling; next update in 30 minutes.", Author = "bench", NextUpdateAt = time.GetUtcNow().AddMinutes(30) }, known, time.GetUtcNow());
                await incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);

                counter.Reset();
                var report = await publisher.PublishAsync(everything: false, CancellationToken.None);
                if (i >= 5)
                {
                    samples.Add((counter.TableRequests, counter.EntitiesRead, counter.BlobReads, counter.BlobWrites, report.Elapsed.TotalMilliseconds, report.Written));
                }
            }

            // The emulator's own cost per query, timed alone: a single-row read (the page version) and a range query
            // that returns the 3 open incidents' index rows.
            var ledger = new TablePublicationLedger(table);
            var point = new List<double>();
            var range = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await ledger.GetPageVersionAsync(CancellationToken.None);
                point.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                await incidents.ListOpenAsync(CancellationToken.None);
                range.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
            var ms = samples.Select(s => s.Ms).Order().ToArray();
            return new Figures(
                pastIncidents,
                Median(samples.Select(s => (double)s.Table)),
                Median(samples.Select(s => (double)s.Entities)),
                Median(samples.Select(s => (double)s.BlobReads)),
                Median(samples.Select(s => (double)s.BlobWrites)),
                Median(ms),
                ms[(int)Math.Ceiling(0.9 * ms.Length) - 1],
                Median(samples.Select(s => (double)s.Written)),
                Median(point),
                Median(range));
        }
        finally
        {
            await tableClient.DeleteAsync();
            await container.DeleteIfExistsAsync();
        }
    }

    /// <summary>Counts the requests each SDK client sends (each retry too: each is a billed transaction).</summary>
    private sealed class RequestCounter
    {
        private int _table;
        private int _entities;
        private int _blobReads;
        private int _blobWrites;

        public RequestCounter()
        {
            Table = new Counting(_ => Interlocked.Increment(ref _table), message =>
            {
                // Entities the service returned: the "value" array of a query, or the one entity of a point read.
                if (message.Request.Method == RequestMethod.Get && message.Response.Status == 200 && message.Response.Content is { } body)
                {
                    using var json = System.Text.Json.JsonDocument.Parse(body.ToMemory());
                    Interlocked.Add(ref _entities, json.RootElement.TryGetProperty("value", out var rows) ? rows.GetArrayLength() : 1);
                }
            });
            Blob = new Counting(message =>
            {
                if (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head)
                {
                    Interlocked.Increment(ref _blobReads);
                }
                else
                {
                    Interlocked.Increment(ref _blobWrites);
                }
            });
        }

        public HttpPipelineSynchronousPolicy Table { get; }

        public HttpPipelineSynchronousPolicy Blob { get; }

        public int TableRequests => _table;

        public int EntitiesRead => _entities;

        public int BlobReads => _blobReads;

        public int BlobWrites => _blobWrites;

        public void Reset()
        {
            _table = 0;
            _entities = 0;
            _blobReads = 0;
            _blobWrites = 0;
        }

        private sealed class Counting(Action<HttpMessage> count, Action<HttpMessage>? received = null) : HttpPipelineSynchronousPolicy
        {
            public override void OnSendingRequest(HttpMessage message) => count(message);

            public override void OnReceivedResponse(HttpMessage message) => received?.Invoke(message);
        }
    }
}
