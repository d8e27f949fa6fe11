using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Email;
using StatusComms.Infrastructure.Queues;
using StatusComms.Infrastructure.Tables;
using StatusComms.Infrastructure.Templates;
using StatusComms.Notifications;
using StatusComms.StatusPage;
using StatusComms.Subscriptions;

namespace StatusComms.Benchmarks;

/// <summary>
/// One update to 100,000 confirmed subscribers, end to end: the fan-out on Azurite, the batches through an Azurite
/// queue, each sent by the official SendGrid client to a loopback SendGrid-compatible endpoint. Counts the calls
/// SendGrid gets, the wall time from the start of the fan-out to the last batch recorded as sent, and the peak
/// working set of this process meanwhile (sampled every 20 ms).
/// </summary>
public static class FanOutCost
{
    public sealed record Figures(int Subscribers, int Calls, int Recipients, int MaxPerCall, double FanOutSeconds, double TotalSeconds, double PeakWorkingSetMb, double SeedSeconds);

    public static async Task<Figures> MeasureAsync(string storage, int subscriberCount, int workers)
    {
        var name = "fan" + Guid.NewGuid().ToString("N")[..12];
        var tables = new TableServiceClient(storage);
        var page = new StatusTable(tables.GetTableClient(name), "bench");
        var notificationTables = new NotificationTables(tables, name, "bench");
        var queues = new QueueServiceClient(storage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queueNames = new NotificationQueueNames(name);
        await using var sendGrid = await LoopbackSendGrid.StartAsync();
        try
        {
            var tokens = new SubscriptionTokens(new byte[32]);
            var seeded = Stopwatch.StartNew();
            await notificationTables.EnsureCreatedAsync();

            // Seeded by a child process, so that the 100,000 objects it builds do not count in this one's memory.
            using (var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(FanOutCost).Assembly.Location, "--seed-subscribers", name, subscriberCount.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await child.WaitForExitAsync();
                if (child.ExitCode != 0)
                {
                    throw new InvalidOperationException($"Seeding failed with exit code {child.ExitCode}.");
                }
            }

            seeded.Stop();

            var components = new TableComponentStore(page);
            var incidents = new TableIncidentStore(page);
            var api = new Component { Id = "api", Name = "API", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            await components.AddAsync(api, CancellationToken.None);
            var incident = Incident.Open(StatusComms.Common.Ids.NewId(), "API errors", new IncidentCommand { Status = IncidentStatus.Investigating, Body = "About 30% of API calls fail with error 503. Retrying works.", Components = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.PartialOutage }, NextUpdateAt = DateTimeOffset.UtcNow.AddMinutes(30), Author = "bench" }, null, null, new Dictionary<string, Component> { ["api"] = api }, DateTimeOffset.UtcNow);
            await incidents.AddAsync(incident, CancellationToken.None);
            var notification = new NotificationRef(NotificationKind.Incident, incident.Id, incident.Updates[0].Id);

            var settings = new PageSettings("bench", "Benchmark Cloud", "https://status.example.com", "Etc/UTC");
            var queue = new StorageNotificationQueue(queues, queueNames);
            var ledger = new TableDeliveryLedger(notificationTables);
            var sendGridOptions = new SendGrid.SendGridClientOptions { ApiKey = "SG.bench", Host = sendGrid.Url };
            var emailRenderer = new RazorLightEmailRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
            var composer = new NotificationComposer(emailRenderer, tokens, new SubscriptionLinks("https://status.example.com/api/public/subscriptions/confirm", "https://status.example.com/api/public/subscriptions/manage", "https://status.example.com/api/public/subscriptions/unsubscribe"), new MailIdentity("status@example.com", null), TimeProvider.System);
            var dispatcher = new NotificationDispatcher(ledger, new TableSubscriberStore(notificationTables), queue, new SendGridMailSender(new HttpClient(), sendGridOptions, TimeProvider.System), composer, new NotificationSource(incidents, new TableMaintenanceStore(page), components, settings), new DeliveryOptions(), TimeProvider.System, NullLogger<NotificationDispatcher>.Instance);

            static void Stage(string what)
            {
                using var self = Process.GetCurrentProcess();
                Console.Error.WriteLine($"  {what}: working set {self.WorkingSet64 / 1048576} MB, managed heap {GC.GetTotalMemory(false) / 1048576} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576} MB, gen0 budget {GC.GetGCMemoryInfo().GenerationInfo[0].SizeBeforeBytes / 1048576} MB");
            }

            Stage("after set-up");

            // As the Functions app starts (TemplateWarmUp): compile the mail templates, then return the compiler's memory.
            await emailRenderer.WarmUpAsync(CancellationToken.None);
            Stage("after template compilation");
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Stage("after the start-up collection");
            using var sampler = new PeakSampler();
            var clock = Stopwatch.StartNew();
            var plan = await dispatcher.FanOutAsync(notification, CancellationToken.None);
            var fannedOut = clock.Elapsed.TotalSeconds;
            Stage("after the fan-out");

            // As the Functions host would: several instances take batch messages off the queue at once.
            var batches = queues.GetQueueClient(queueNames.Batches);
            var sent = 0;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                while (Volatile.Read(ref sent) < plan.Batches.Count)
                {
                    var messages = (await batches.ReceiveMessagesAsync(4, TimeSpan.FromMinutes(5))).Value;
                    foreach (var message in messages)
                    {
                        var batch = JsonSerializer.Deserialize<BatchMessage>(message.MessageText, JsonSerializerOptions.Web)!;
                        var record = await dispatcher.SendBatchAsync(batch, CancellationToken.None);
                        await batches.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        if (record?.State == DeliveryState.Sent)
                        {
                            Interlocked.Increment(ref sent);
                        }
                    }

                    if (messages.Length == 0)
                    {
                        await Task.Delay(50);
                    }
                }
            }));
            clock.Stop();
            Stage("after the last batch");
            return new Figures(subscriberCount, sendGrid.Calls, sendGrid.Recipients, sendGrid.MaxPerCall, fannedOut, clock.Elapsed.TotalSeconds, sampler.PeakBytes / 1024.0 / 1024.0, seeded.Elapsed.TotalSeconds);
        }
        finally
        {
            await page.Client.DeleteAsync();
            await notificationTables.Subscribers.DeleteAsync();
            await notificationTables.Deliveries.DeleteAsync();
            foreach (var queue in new[] { queueNames.Updates, queueNames.Batches, queueNames.Webhooks })
            {
                await queues.GetQueueClient(queue).DeleteIfExistsAsync();
            }
        }
    }

    /// <summary>Child mode: 100,000 confirmed subscribers, written 100 to a transaction (the store's own row format).</summary>
    public static Task SeedAsync(string storage, string name, int count)
        => SeedAsync(new NotificationTables(new TableServiceClient(storage), name, "bench"), new SubscriptionTokens(new byte[32]), count);

    private static async Task SeedAsync(NotificationTables tables, SubscriptionTokens tokens, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var subscribers = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"subscriber{i}@example.com";
            var s = Subscriber.ForEmail(tokens.SubscriberId(email), email, [], now);
            s.Confirm(now);
            return s;
        }).OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        await Parallel.ForEachAsync(subscribers.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, token) =>
            await tables.Subscribers.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.Add, TableSubscriberStore.ToEntity(tables.PageId, s))), token));
    }

    /// <summary>The working set of this process, sampled until disposed.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public PeakSampler()
        {
            _loop = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop.IsCancellationRequested)
                {
                    process.Refresh();
                    _peak = Math.Max(_peak, process.WorkingSet64);
                    await Task.Delay(20).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            });
        }

        public long PeakBytes => _peak;

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }

    /// <summary>A SendGrid-compatible mail/send endpoint on loopback: answers 202, counts calls and personalizations.</summary>
    private sealed class LoopbackSendGrid : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _calls;
        private int _recipients;
        private int _max;

        private LoopbackSendGrid(WebApplication app) => _app = app;

        public string Url { get; private set; } = string.Empty;

        public int Calls => _calls;

        public int Recipients => _recipients;

        public int MaxPerCall => _max;

        public static async Task<LoopbackSendGrid> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var endpoint = new LoopbackSendGrid(app);
            app.MapPost("/v3/mail/send", async (HttpContext context) =>
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body);
                var count = document.RootElement.GetProperty("personalizations").GetArrayLength();
                Interlocked.Increment(ref endpoint._calls);
                Interlocked.Add(ref endpoint._recipients, count);
                int seen;
                while ((seen = endpoint._max) < count && Interlocked.CompareExchange(ref endpoint._max, count, seen) != seen)
                {
                }

                context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
                return Results.StatusCode(202);
            });
            await app.StartAsync();
            endpoint.Url = app.Urls.First();
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
