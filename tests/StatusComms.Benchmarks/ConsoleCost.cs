using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Benchmarks;

/// <summary>
/// The comms console as a comms lead uses it (issue #11), against the local runner hosted in this process on Azurite
/// with a signed-in session: every screen's whole server-side request (its storage reads and the RazorLight render)
/// as an HTTP GET; the live findings-and-preview round trip that <c>console.js</c> makes while one types (the compose
/// form POSTed with <c>action=check</c>); and each page's weight gzipped with its stylesheet and script. 50
/// components, 1,000 past incidents and 3 open ones, seeded through the stores.
///   dotnet run -c Release --project tests/StatusComms.Benchmarks -- --console [--iterations 200] [--past-incidents 1000] [--subscribers 0] [--delivered 0]
/// </summary>
internal static partial class ConsoleCost
{
    /// <summary>
    /// The screens measured, in the order reported: a name and a path, where <c>{open}</c> stands for the open
    /// incident with four updates, <c>{resolved}</c> for the newest past one (with a postmortem being written) and
    /// <c>{maintenance}</c> for an upcoming maintenance. A new screen is one more row.
    /// </summary>
    private static readonly (string Screen, string Path)[] Screens =
    [
        ("Now", "/console/"),
        ("Compose new incident", "/console/incidents/new"),
        ("Compose update of an open incident", "/console/incidents/{open}/update"),
        ("Incident (open, 4 updates)", "/console/incidents/{open}"),
        ("Components", "/console/components"),
        ("Postmortem editor (a draft with an action item)", "/console/incidents/{resolved}/postmortem"),
        ("Subscribers and deliveries", "/console/subscribers"),
        ("Maintenance list", "/console/maintenance"),
        ("Schedule maintenance", "/console/maintenance/new"),
        ("A maintenance", "/console/maintenance/{maintenance}"),
    ];

    private const int WarmUps = 20;

    /// <summary>Issue #11's targets.</summary>
    private const double PageP50TargetMs = 30;
    private const double LiveP95TargetMs = 100;
    private const int WeightTargetBytes = 30 * 1024;

    /// <param name="pastIncidents">1,000 for the targets; 10 shows what the same requests cost when the emulator has little to scan.</param>
    /// <param name="subscribers">Confirmed subscribers to seed (none for the targets).</param>
    /// <param name="delivered">Subscribers each update of the running incident was mailed to, as the fan-out records it (none for the targets).</param>
    public static async Task<int> RunAsync(string storage, int iterations, int pastIncidents, int subscribers, int delivered)
    {
        await using var runner = await InProcessRunner.StartAsync(storage);
        var time = TimeProvider.System;
        var components = runner.Services.GetRequiredService<IComponentStore>();
        var incidents = runner.Services.GetRequiredService<IIncidentStore>();
        Console.WriteLine($"Seeding 50 components, {pastIncidents:N0} past incidents and 3 open ones in table {runner.Unique} ...");
        var seeded = Stopwatch.StartNew();
        var known = await Scenario.SeedAsync(components, incidents, time, pastIncidents, openIncidents: 3);
        var open = await RunningIncidentAsync(incidents, known, time);
        var resolved = (await incidents.ListRecentAsync(0, 10, CancellationToken.None)).First(s => s.Status == IncidentStatus.Resolved).Id;
        if (subscribers > 0)
        {
            await runner.Services.GetRequiredService<StatusComms.Infrastructure.Tables.NotificationTables>().EnsureCreatedAsync();
            await FanOutCost.SeedAsync(storage, runner.Unique, subscribers);
        }

        if (delivered > 0)
        {
            await SeedDeliveriesAsync(runner.Services.GetRequiredService<StatusComms.Notifications.IDeliveryLedger>(), (await incidents.GetAsync(open, CancellationToken.None))!, delivered, time);
        }

        var postmortems = runner.Services.GetRequiredService<StatusComms.Postmortems.PostmortemService>();
        await postmortems.StartAsync(resolved, "Ada Lovelace", CancellationToken.None);
        await postmortems.EditAsync(resolved, new StatusComms.Postmortems.PostmortemEdit
        {
            ExecutiveSummary = "For 40 minutes, card payments in the EU were declined with error 503. They work again.",
            RootCause = "A configuration change removed the route to our EU card processor.",
            Apology = "We're sorry: for 40 minutes, card payments in the EU failed.",
        }, "Ada Lovelace", null, CancellationToken.None);
        await postmortems.AddActionItemAsync(resolved, "Check every payment route on each configuration change", "Grace Hopper", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)), StatusComms.Postmortems.ActionItemKind.LongTermPrevention, null, true, "Ada Lovelace", CancellationToken.None);
        var start = time.GetUtcNow().AddDays(2);
        var maintenance = (await runner.Services.GetRequiredService<StatusComms.Maintenance.MaintenanceService>().CreateAsync(new StatusComms.Maintenance.NewMaintenance
        {
            Name = "Database upgrade",
            Body = $"On {start:d MMMM} from {start:HH:mm} to {start.AddHours(2):HH:mm} UTC we upgrade the database behind the dashboard; it may be slow for up to 5 minutes.",
            ScheduledFor = start,
            ScheduledUntil = start.AddHours(2),
            ComponentIds = [known.Values.First(c => !c.IsGroup).Id],
            Author = "Ada Lovelace",
            CandorOverrideReason = "benchmark",
        }, CancellationToken.None)).Maintenance.Id;
        Console.WriteLine($"  seeded in {seeded.Elapsed.TotalSeconds:F1} s{(subscribers > 0 ? $"; {subscribers:N0} confirmed subscribers" : string.Empty)}{(delivered > 0 ? $"; each update of the running incident sent to {delivered:N0}" : string.Empty)}");
        await runner.SignInAsync("Ada Lovelace");
        using var storageRequests = new StorageRequests(runner.BaseAddress.Port);

        // 1. Each screen, as a GET.
        var client = runner.Client;
        var screens = Screens
            .Select(s => new Measured(s.Screen, s.Path.Replace("{open}", open, StringComparison.Ordinal).Replace("{resolved}", resolved, StringComparison.Ordinal).Replace("{maintenance}", maintenance, StringComparison.Ordinal)))
            .ToArray();
        await MeasureAsync(screens.Select(s => (s, (Func<Task<(double, string)>>)(() => GetAsync(client, s.Path)))).ToArray(), iterations, storageRequests);

        // 2. The live check of a realistic draft, as console.js sends it: the whole compose form, urlencoded.
        var next = time.GetUtcNow().AddMinutes(30);
        var update = new Measured("Live check: update of an open incident", $"/console/incidents/{open}/update");
        var create = new Measured("Live check: new incident (informative)", "/console/incidents/new");
        var updateForm = await DraftAsync(client, update.Path, UpdateDraft(next), next, name: null);
        var createForm = await DraftAsync(client, create.Path, NewIncidentDraft(next), next, name: "Card payments failing in the EU");
        await MeasureAsync([(update, () => PostAsync(client, update.Path, updateForm)), (create, () => PostAsync(client, create.Path, createForm))], iterations, storageRequests);
        foreach (var live in (Measured[])[update, create])
        {
            if (!live.Html.Contains("id=\"verdict\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{live.Path}: the live check answered without a verdict:\n{live.Html}");
            }
        }

        // The emulator's own cost per read against this table, each timed alone (Azurite filters every row of the
        // table for every query: docs/benchmarks.md, "Cost of a publish as history grows").
        var ledger = runner.Services.GetRequiredService<StatusComms.Publishing.IPublicationLedger>();
        (string Read, Func<Task> Run)[] reads =
        [
            ("a point read (the page version)", () => ledger.GetPageVersionAsync(CancellationToken.None)),
            ("the components (a range of 50 rows)", () => components.ListAsync(CancellationToken.None)),
            ("one incident with its 4 updates", () => incidents.GetAsync(open, CancellationToken.None)),
            ("the 3 open incidents (index, then each)", () => incidents.ListOpenAsync(CancellationToken.None)),
        ];
        var alone = new List<string>();
        foreach (var (read, run) in reads)
        {
            var ms = await MedianMsAsync(run);
            alone.Add(string.Create(CultureInfo.InvariantCulture, $"{read} {ms:F1} ms"));
        }

        var rows = 0;
        await foreach (var _ in runner.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(runner.Unique).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]))
        {
            rows++;
        }

        // 3. Page weight: each page and what it loads from the console, each file gzipped as a CDN does.
        var assets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var href in screens.Append(update).SelectMany(s => AssetsOf(s.Html)).Distinct(StringComparer.Ordinal))
        {
            assets[href] = Gzipped(await client.GetByteArrayAsync(new Uri(href.TrimStart('/'), UriKind.Relative)));
        }

        Report(screens, update, create, assets, iterations, UpdateDraft(next));
        Console.WriteLine($"Azurite alone, against this table ({rows:N0} rows), median of 30 each: {string.Join("; ", alone)}.");
        return 0;
    }

    /// <summary>
    /// Each request once (the first, which compiles its template: RazorLight compiles on first use), then a warm-up,
    /// then <paramref name="iterations"/> rounds taking each request in turn, so that a busy moment on the shared
    /// machine falls on all of them alike.
    /// </summary>
    private static async Task MeasureAsync((Measured Row, Func<Task<(double Ms, string Html)>> Send)[] requests, int iterations, StorageRequests storage)
    {
        foreach (var (row, send) in requests)
        {
            (row.FirstMs, row.Html) = await send();
        }

        for (var i = 0; i < WarmUps; i++)
        {
            foreach (var (_, send) in requests)
            {
                await send();
            }
        }

        for (var i = 0; i < iterations; i++)
        {
            foreach (var (row, send) in requests)
            {
                storage.Reset();
                var (ms, html) = await send();
                row.Add(ms, storage);
                row.Html = html;
            }
        }
    }

    private static void Report(Measured[] screens, Measured update, Measured create, Dictionary<string, int> assets, int iterations, string draft)
    {
        var words = draft.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Console.WriteLine();
        Console.WriteLine($"{iterations} requests per row after {WarmUps} warm-up; time is the client's, on loopback, from sending the request to the last byte of the page.");
        Console.WriteLine($"The live checks post a {words}-word identified update (3 components affected), and a new incident's first message.");
        Console.WriteLine();
        Console.WriteLine("| request | p50 | p95 | first request | storage requests (in sequence) | storage wall time p50 | rest p50 | HTML | gzipped | gzipped with assets |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in screens.Append(update).Append(create))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Percentile(50):F1} ms | {row.Percentile(95):F1} ms | {row.FirstMs:F0} ms | {row.MedianStorageRequests} ({row.MedianRounds}) | {row.MedianStorageMs:F1} ms | {row.MedianRestMs:F1} ms | {Encoding.UTF8.GetByteCount(row.Html):N0} B | {Gzipped(Encoding.UTF8.GetBytes(row.Html)):N0} B | {Weight(row, assets):N0} B |"));
        }

        Console.WriteLine();
        Console.WriteLine("| asset | gzipped |");
        Console.WriteLine("| --- | ---: |");
        foreach (var (href, bytes) in assets)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {href} | {bytes:N0} B |"));
        }

        static string Verdict(bool met) => met ? "met" : "**missed**";
        Console.WriteLine();
        Console.WriteLine("| measure | figure | target | |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var row in screens)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name}, p50 (p95 {row.Percentile(95):F1} ms) | {row.Percentile(50):F1} ms | ≤ {PageP50TargetMs} ms | {Verdict(row.Percentile(50) <= PageP50TargetMs)} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| live findings + preview round trip, p95 (p50 {update.Percentile(50):F1} ms) | {update.Percentile(95):F1} ms | ≤ {LiveP95TargetMs} ms | {Verdict(update.Percentile(95) <= LiveP95TargetMs)} |"));
        foreach (var row in screens)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name}, gzipped with console.css and console.js | {Weight(row, assets):N0} B | ≤ {WeightTargetBytes:N0} B (30 KB) | {Verdict(Weight(row, assets) <= WeightTargetBytes)} |"));
        }

        Console.WriteLine();
    }

    /// <summary>The first open incident, given three more updates: a running incident as the comms lead opens it.</summary>
    private static async Task<string> RunningIncidentAsync(IIncidentStore incidents, IReadOnlyDictionary<string, Component> known, TimeProvider time)
    {
        var id = (await incidents.ListOpenAsync(CancellationToken.None)).OrderBy(i => i.Name, StringComparer.Ordinal).First().Id;
        string[] bodies =
        [
            "About 30% of card payments in the EU fail with error 502 since 09:42 UTC. We have found a configuration change that removed a payment route and are reverting it. Retrying usually works. We are sorry.",
            "The change is reverted in two of three data centres; failures are down to about 10% of payments. Next update by the time below.",
            "The revert is rolling out to the last data centre. Payments that failed can be retried now; no card was charged twice.",
        ];
        foreach (var body in bodies)
        {
            var incident = (await incidents.GetAsync(id, CancellationToken.None))!;
            incident.PostUpdate(new IncidentCommand { Status = IncidentStatus.Identified, Body = body, Author = "bench", NextUpdateAt = time.GetUtcNow().AddMinutes(30) }, known, time.GetUtcNow());
            await incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
        }

        return id;
    }

    /// <summary>
    /// What the fan-out leaves for each update of <paramref name="incident"/> once every batch is sent: the batches of
    /// 1,000 subscriber ids, the completed plan and one sent record per batch.
    /// </summary>
    private static async Task SeedDeliveriesAsync(StatusComms.Notifications.IDeliveryLedger ledger, Incident incident, int recipients, TimeProvider time)
    {
        var tokens = new StatusComms.Subscriptions.SubscriptionTokens(new byte[32]);
        var ids = Enumerable.Range(0, recipients).Select(i => tokens.SubscriberId($"subscriber{i}@example.com")).Order(StringComparer.Ordinal).ToArray();
        var batches = ids.Chunk(StatusComms.Notifications.DeliveryBatch.MaxRecipients).Select((chunk, i) => new StatusComms.Notifications.DeliveryBatch(i, chunk, [], chunk[^1])).ToArray();
        var now = time.GetUtcNow();
        foreach (var update in incident.Updates)
        {
            var key = new StatusComms.Notifications.NotificationRef(StatusComms.Notifications.NotificationKind.Incident, incident.Id, update.Id).Key;
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, token) =>
            {
                await ledger.AddBatchAsync(key, batch, token);
                await ledger.RecordAsync(key, new StatusComms.Notifications.DeliveryRecord(batch.Target, StatusComms.Notifications.DeliveryState.Sent, 1, $"a{batch.Index}", now, now, batch.EmailSubscriberIds.Count), token);
            });
            await ledger.CompletePlanAsync(key, batches.Length, CancellationToken.None);
        }
    }

    private static string UpdateDraft(DateTimeOffset next)
        => "Since 09:42 UTC about 30% of card payments in the EU region have failed with error 502, and some customers see the checkout page time out. "
            + "Retrying the payment usually works, and payments by bank transfer are not affected. We have found the cause: a configuration change removed one of our payment routes, and we are restoring it now. "
            + "We expect payments to recover within 30 minutes. We are sorry for the disruption this causes you and your customers. "
            + $"Next update by {next.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.";

    private static string NewIncidentDraft(DateTimeOffset next)
        => "Since 09:42 UTC about 30% of card payments in the EU region fail with error 502. Retrying the payment usually works. "
            + $"We are investigating and are sorry for the trouble. Next update by {next.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.";

    /// <summary>
    /// The compose form as the browser's <c>FormData</c> has it (every field in page order, every component's select
    /// included, "not affected" for most), with <c>action=check</c> set as <c>console.js</c> sets it.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>> DraftAsync(HttpClient client, string path, string body, DateTimeOffset next, string? name)
    {
        var (_, html) = await GetAsync(client, path);
        var hidden = InProcessRunner.HiddenInputs(html);
        var selects = ComponentSelect().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        var affected = new Dictionary<string, string>(StringComparer.Ordinal) { [selects[0]] = "partial_outage", [selects[1]] = "degraded_performance", [selects[5]] = "partial_outage" };
        var form = new List<KeyValuePair<string, string>> { new("_csrf", hidden["_csrf"]), new("seen", hidden["seen"]) };
        if (hidden.TryGetValue("version", out var version))
        {
            form.Add(new("version", version));
        }

        if (name is not null)
        {
            form.Add(new("name", name));
        }

        form.Add(new("stage", name is null ? "identified" : "investigating"));
        form.Add(new("template", string.Empty));
        form.Add(new("body", body));
        form.AddRange(selects.Select(s => new KeyValuePair<string, string>(s, affected.GetValueOrDefault(s, string.Empty))));
        form.Add(new("impact", string.Empty));
        form.Add(new("next_update_at", next.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
        form.Add(new("deliver", "true"));
        form.Add(new("override_reason", string.Empty));
        form.Add(new("action", "check"));
        return form;
    }

    private static async Task<double> MedianMsAsync(Func<Task> read)
    {
        var times = new List<double>();
        for (var i = 0; i < 35; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            if (i >= 5)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<(double Ms, string Html)> GetAsync(HttpClient client, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? (ms, html) : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {html}");
    }

    private static async Task<(double Ms, string Html)> PostAsync(HttpClient client, string path, List<KeyValuePair<string, string>> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Console-Live", "1");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? (ms, html) : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {html}");
    }

    /// <summary>The stylesheets and scripts a page loads from the console, including a preview frame's (its srcdoc is attribute-encoded).</summary>
    private static string[] AssetsOf(string html)
        => AssetLink().Matches(WebUtility.HtmlDecode(html)).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    private static int Weight(Measured page, Dictionary<string, int> assets)
        => Gzipped(Encoding.UTF8.GetBytes(page.Html)) + AssetsOf(page.Html).Sum(href => assets.GetValueOrDefault(href));

    /// <summary>Gzip at <see cref="CompressionLevel.Optimal"/> (zlib level 6, what CDNs and Front Door use by default).</summary>
    private static int Gzipped(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return (int)buffer.Length;
    }

    [GeneratedRegex("<select id=\"c-[^\"]+\" name=\"(c\\.[^\"]+)\"")]
    private static partial Regex ComponentSelect();

    [GeneratedRegex("(?:href|src)=\"(/console/assets/[^\"]+)\"")]
    private static partial Regex AssetLink();

    /// <summary>One row of the report: a request's times and what storage did during each.</summary>
    private sealed class Measured(string name, string path)
    {
        private readonly List<(double Ms, int StorageRequests, int Rounds, double StorageMs)> _samples = [];

        public string Name { get; } = name;

        public string Path { get; } = path;

        /// <summary>The very first request, which compiles the screen's template (RazorLight compiles on first use).</summary>
        public double FirstMs { get; set; }

        /// <summary>The page as last answered.</summary>
        public string Html { get; set; } = string.Empty;

        public int MedianStorageRequests => _samples.Select(s => s.StorageRequests).Order().ElementAt(_samples.Count / 2);

        public int MedianRounds => _samples.Select(s => s.Rounds).Order().ElementAt(_samples.Count / 2);

        public double MedianStorageMs => _samples.Select(s => s.StorageMs).Order().ElementAt(_samples.Count / 2);

        public double MedianRestMs => _samples.Select(s => s.Ms - s.StorageMs).Order().ElementAt(_samples.Count / 2);

        public void Add(double ms, StorageRequests storage) => _samples.Add((ms, storage.Count, storage.Rounds, storage.WallMilliseconds));

        /// <summary>Nearest-rank percentile of the request times.</summary>
        public double Percentile(double p)
        {
            var sorted = _samples.Select(s => s.Ms).Order().ToArray();
            return sorted[(int)Math.Ceiling(p / 100 * sorted.Length) - 1];
        }
    }

    /// <summary>
    /// Every storage request the app sends (the Azure SDK's HTTP requests, seen through the runtime's
    /// <c>System.Net.Http</c> activities; the harness's own requests to the runner are left out by port), and the
    /// wall time during which at least one was in flight: the part of a request spent waiting for storage.
    /// </summary>
    private sealed class StorageRequests : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<(long Start, long End)> _spans = [];
        private readonly Lock _lock = new();

        public StorageRequests(int runnerPort)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "System.Net.Http",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("server.port") is int port && port != runnerPort)
                    {
                        var start = activity.StartTimeUtc.Ticks;
                        lock (_lock)
                        {
                            _spans.Add((start, start + activity.Duration.Ticks));
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _spans.Count;
                }
            }
        }

        /// <summary>
        /// The most requests that ran one after another (each starting after the previous ended; greedy by end time):
        /// how many storage round trips the request waited for in sequence, whatever the emulator's speed.
        /// </summary>
        public int Rounds
        {
            get
            {
                lock (_lock)
                {
                    var (rounds, end) = (0, long.MinValue);
                    foreach (var (start, stop) in _spans.OrderBy(s => s.End))
                    {
                        if (start >= end)
                        {
                            rounds++;
                            end = stop;
                        }
                    }

                    return rounds;
                }
            }
        }

        /// <summary>The union of the requests' spans: parallel reads count once.</summary>
        public double WallMilliseconds
        {
            get
            {
                lock (_lock)
                {
                    long total = 0, end = long.MinValue;
                    foreach (var (start, stop) in _spans.OrderBy(s => s.Start))
                    {
                        total += Math.Max(0, stop - Math.Max(start, end));
                        end = Math.Max(end, stop);
                    }

                    return TimeSpan.FromTicks(total).TotalMilliseconds;
                }
            }
        }

        public void Reset()
        {
            lock (_lock)
            {
                _spans.Clear();
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
