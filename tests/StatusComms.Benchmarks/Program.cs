using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using StatusComms.Benchmarks;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Infrastructure.Tables;
using StatusComms.Infrastructure.Templates;
using StatusComms.Maintenance;
using StatusComms.Publishing;
using StatusComms.StatusPage;

// A plain measuring harness (no timed assertions): run it against Azurite and copy the figures to
// docs/benchmarks.md.    dotnet run -c Release --project tests/StatusComms.Benchmarks [-- --iterations 300]
if (args.Contains("--first-page"))
{
    // Child mode: how long from this process's start until the first page is rendered.
    double Since() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
    var atMain = Since();
    var renderer = new RazorLightSiteRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
    var atEngine = Since();
    await renderer.WarmUpAsync(CancellationToken.None);
    var atWarm = Since();
    await renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(Scenario.Content(50, 5), new SiteAssets("/assets/site.css"), Scenario.Uptime()), CancellationToken.None);
    Console.Error.WriteLine($"main {atMain:F0} ms, engine {atEngine:F0} ms, templates compiled {atWarm:F0} ms, first page {Since():F0} ms");
    Console.WriteLine((DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture));
    return 0;
}

if (args.Contains("--seed-subscribers"))
{
    var at = Array.IndexOf(args, "--seed-subscribers");
    var seedStore = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } c ? c : "UseDevelopmentStorage=true";
    await FanOutCost.SeedAsync(seedStore, args[at + 1], int.Parse(args[at + 2], CultureInfo.InvariantCulture));
    return 0;
}

if (args.Contains("--freshness"))
{
    // Issue #16: how long a customer behind the CDN can be shown a page from before a publish (EdgeFreshness).
    Console.WriteLine("| Cache-Control | edge sends Age | median | p99 | worst |");
    Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
    foreach (var policy in new[] { StatusComms.Publishing.CachePolicy.Current, "public, max-age=30, stale-while-revalidate=30" })
    {
        foreach (var age in new[] { true, false })
        {
            var f = StatusComms.Publishing.EdgeFreshness.Simulate(policy, TimeSpan.FromMilliseconds(100), age);
            Console.WriteLine($"| `{policy}` | {(age ? "yes" : "no")} | {f.Median.TotalSeconds:0.0} s | {f.P99.TotalSeconds:0.0} s | {f.Worst.TotalSeconds:0.0} s |");
        }
    }

    return 0;
}

if (args.Contains("--candor"))
{
    return CandorCost.Run();
}

if (args.Contains("--console"))
{
    // The comms console's screens, live check and page weight (docs/benchmarks.md, "Comms console").
    var store = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } conn ? conn : "UseDevelopmentStorage=true";
    var requests = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(200);
    var past = args.SkipWhile(a => a != "--past-incidents").Skip(1).Select(int.Parse).FirstOrDefault(1000);
    var subscribers = args.SkipWhile(a => a != "--subscribers").Skip(1).Select(int.Parse).FirstOrDefault(0);
    var delivered = args.SkipWhile(a => a != "--delivered").Skip(1).Select(int.Parse).FirstOrDefault(0);
    return await ConsoleCost.RunAsync(store, requests, past, subscribers, delivered);
}

if (args.Contains("--fan-out"))
{
    // One update to 100,000 confirmed subscribers (docs/benchmarks.md, "E-mail fan-out").
    var store = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } conn ? conn : "UseDevelopmentStorage=true";
    var count = args.SkipWhile(a => a != "--subscribers").Skip(1).Select(int.Parse).FirstOrDefault(100_000);
    var workers = args.SkipWhile(a => a != "--workers").Skip(1).Select(int.Parse).FirstOrDefault(4);
    var f = await FanOutCost.MeasureAsync(store, count, workers);
    Console.WriteLine($"{f.Subscribers:N0} subscribers seeded in {f.SeedSeconds:F0} s");
    Console.WriteLine("| subscribers | SendGrid calls | recipients | most per call | fan-out | end to end | peak working set |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine($"| {f.Subscribers:N0} | {f.Calls} | {f.Recipients:N0} | {f.MaxPerCall:N0} | {f.FanOutSeconds:F1} s | {f.TotalSeconds:F1} s | {f.PeakWorkingSetMb:F0} MB |");
    return 0;
}

if (args.Contains("--sustained"))
{
    // Updates posted at once by several writers, each answered once published (docs/benchmarks.md, issue #14).
    var store = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } conn ? conn : "UseDevelopmentStorage=true";
    var writers = args.SkipWhile(a => a != "--writers").Skip(1).Select(int.Parse).FirstOrDefault(4);
    var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(20);
    return await SustainedCost.RunAsync(store, writers, TimeSpan.FromSeconds(seconds));
}

if (args.Contains("--management-list"))
{
    // The management API's incident list at a fixed request rate (docs/benchmarks.md, issue #14).
    var store = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } conn ? conn : "UseDevelopmentStorage=true";
    var rate = args.SkipWhile(a => a != "--rate").Skip(1).Select(int.Parse).FirstOrDefault(50);
    var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(20);
    var past = args.SkipWhile(a => a != "--past-incidents").Skip(1).Select(int.Parse).FirstOrDefault(1000);
    return await ManagementListCost.RunAsync(store, rate, TimeSpan.FromSeconds(seconds), past);
}

if (args.Contains("--history-cost"))
{
    // Publishing cost at 10 and at 10,000 past incidents (docs/benchmarks.md, "Cost as history grows").
    var store = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } conn ? conn : "UseDevelopmentStorage=true";
    var small = await HistoryCost.MeasureAsync(store, 10, 40);
    var large = await HistoryCost.MeasureAsync(store, 10_000, 40);
    Console.WriteLine("| past incidents | table requests / publish | entities read | blob reads | blob writes | files written | time p50 | time p90 | point read alone | open-incidents query alone |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var f in new[] { small, large })
    {
        Console.WriteLine($"| {f.PastIncidents:N0} | {f.MedianTableRequests:F0} | {f.MedianEntitiesRead:F0} | {f.MedianBlobReads:F0} | {f.MedianBlobWrites:F0} | {f.MedianWritten:F0} | {f.MedianMilliseconds:F1} ms | {f.P90Milliseconds:F1} ms | {f.PointQueryMilliseconds:F1} ms | {f.OpenIncidentsQueryMilliseconds:F1} ms |");
    }

    var transactions = (large.MedianTableRequests + large.MedianBlobReads + large.MedianBlobWrites) / (small.MedianTableRequests + small.MedianBlobReads + small.MedianBlobWrites);
    Console.WriteLine($"ratio 10,000 : 10 — transactions {transactions:F2}, time p50 {large.MedianMilliseconds / small.MedianMilliseconds:F2} (target ≤ 1.2)");
    return 0;
}

var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(300);
var storage = Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";
var name = "bench" + Guid.NewGuid().ToString("N")[..12];
var tableClient = new TableServiceClient(storage).GetTableClient(name);
var container = new BlobServiceClient(storage).GetBlobContainerClient(name);
var time = TimeProvider.System;
try
{
    var table = new StatusTable(tableClient, "bench");
    var components = new TableComponentStore(table);
    var incidents = new TableIncidentStore(table);
    var maintenances = new TableMaintenanceStore(table);
    var ledger = new TablePublicationLedger(table);
    var site = new BlobSiteArtifactStore(container);
    var templates = new RazorLightSiteRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
    await templates.WarmUpAsync(CancellationToken.None);
    var page = new PageSettings("bench", "Benchmark Cloud", "https://status.example.com", "Etc/UTC");
    var publisher = new SitePublisher(components, incidents, maintenances, ledger, templates, site, new StatusComms.Uptime.UptimeRecorder(new TableUptimeStore(table)), page, time);

    Console.WriteLine($"Seeding 50 components, 1,000 past incidents and 3 open ones in table {name} ...");
    var seeded = Stopwatch.StartNew();
    var known = await Scenario.SeedAsync(components, incidents, time, pastIncidents: 1000, openIncidents: 3);
    Console.WriteLine($"  seeded in {seeded.Elapsed.TotalSeconds:F1} s");
    await publisher.PublishAsync(everything: true, CancellationToken.None);

    // 1. Publish latency: from an accepted update (stored) to every artifact written.
    var open = (await incidents.ListOpenAsync(CancellationToken.None)).ToArray();
    var latencies = new List<double>(iterations);
    var phases = new List<(double Reading, double Rendering, double Writing, int Written)>(iterations);
    for (var i = 0; i < iterations + 20; i++)
    {
        var incident = (await incidents.GetAsync(open[i % open.Length].Id, CancellationToken.None))!;
        incident.PostUpdate(new IncidentCommand { Body = $"Update {i}: error rates are falling; next update in 30 minutes.", Author = "bench", NextUpdateAt = time.GetUtcNow().AddMinutes(30) }, known, time.GetUtcNow());
        await incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
        var report = await publisher.PublishAsync(everything: false, CancellationToken.None);
        if (i >= 20)
        {
            latencies.Add(report.Elapsed.TotalMilliseconds);
            phases.Add((report.Reading.TotalMilliseconds, report.Rendering.TotalMilliseconds, report.Writing.TotalMilliseconds, report.Written));
        }
    }

    latencies.Sort();
    double Percentile(double p) => latencies[(int)Math.Ceiling(p / 100 * latencies.Count) - 1];

    // 2. Renders per second on one core (the index of 50 components and 3 open incidents), after warm-up.
    var content = Scenario.Content(50, 3);
    var view = SiteViewBuilder.Index(content, new SiteAssets("/assets/site.css"), Scenario.Uptime());
    for (var i = 0; i < 500; i++)
    {
        await templates.RenderAsync(SiteTemplate.Index, view, CancellationToken.None);
    }

    var renders = 0;
    var renderClock = Stopwatch.StartNew();
    while (renderClock.Elapsed < TimeSpan.FromSeconds(5))
    {
        await templates.RenderAsync(SiteTemplate.Index, view, CancellationToken.None);
        renders++;
    }

    var rendersPerSecond = renders / renderClock.Elapsed.TotalSeconds;
    var indexHtml = await templates.RenderAsync(SiteTemplate.Index, view, CancellationToken.None);
    var indexBytes = System.Text.Encoding.UTF8.GetByteCount(indexHtml);
    var indexGzipped = Gzipped(indexHtml);

    // 3. The candor check of one update (pure CPU), after warm-up.
    var candor = new StatusComms.Candor.CandorCheck(new StatusComms.Candor.CandorOptions());
    var draft = new StatusComms.Candor.CandorDraft
    {
        Title = "Card payments failing in the EU region",
        Body = "Since 09:42 UTC about 30% of card payments in the EU region fail with error 502. Retrying the payment usually works. "
            + "A configuration change removed one of our payment routes; we are restoring it now. We expect payments to recover within 30 minutes. Next update by 10:30 UTC.",
        Stage = StatusComms.Incidents.IncidentStatus.Identified,
        Impact = StatusComms.Incidents.IncidentImpact.Critical,
        AffectedComponents = ["Card payments", "API"],
        NextUpdateAt = time.GetUtcNow().AddMinutes(25),
        Now = time.GetUtcNow(),
    };
    for (var i = 0; i < 2_000; i++)
    {
        candor.Check(draft);
    }

    const int checks = 50_000;
    var checkClock = Stopwatch.StartNew();
    for (var i = 0; i < checks; i++)
    {
        candor.Check(draft);
    }

    var microsecondsPerCheck = checkClock.Elapsed.TotalMicroseconds / checks;

    // 4. Process start to first rendered page, in fresh processes: this build (JIT), and a ReadyToRun publish
    // of it when scripts/benchmark.sh passes one with --ready-to-run <folder>.
    var firstPagesCold = await FirstPageAsync(typeof(Scenario).Assembly.Location, compiled: false);
    var firstPages = await FirstPageAsync(typeof(Scenario).Assembly.Location, compiled: true);
    var readyToRun = args.SkipWhile(a => a != "--ready-to-run").Skip(1).FirstOrDefault();
    var readyToRunAssembly = readyToRun is null ? null : Path.Combine(readyToRun, Path.GetFileName(typeof(Scenario).Assembly.Location));
    var firstPagesReadyToRunCold = readyToRunAssembly is null ? null : await FirstPageAsync(readyToRunAssembly, compiled: false);
    var firstPagesReadyToRun = readyToRunAssembly is null ? null : await FirstPageAsync(readyToRunAssembly, compiled: true);
    Console.WriteLine();
    Console.WriteLine($"| measure | figure | target |");
    Console.WriteLine($"| --- | --- | --- |");
    Console.WriteLine($"| publish latency p50 ({latencies.Count} updates) | {Percentile(50):F1} ms | ≤ 15 ms |");
    Console.WriteLine($"| publish latency p99 | {Percentile(99):F1} ms | ≤ 50 ms |");
    static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
    Console.WriteLine($"| publish p50 by phase: reading / rendering / writing | {Median(phases.Select(p => p.Reading)):F1} / {Median(phases.Select(p => p.Rendering)):F1} / {Median(phases.Select(p => p.Writing)):F1} ms | |");
    Console.WriteLine($"| files written per publish (median) | {Median(phases.Select(p => (double)p.Written)):F0} | |");
    Console.WriteLine($"| index renders per second, one thread | {rendersPerSecond:F0} /s | ≥ 5,000 /s |");
    Console.WriteLine($"| process start to first rendered page, JIT build, templates compiled at start (median of 5) | {firstPagesCold[2]:F0} ms | |");
    Console.WriteLine($"| process start to first rendered page, JIT build, compiled templates on disk (median of 5) | {firstPages[2]:F0} ms | ≤ 1,500 ms |");
    if (firstPagesReadyToRun is not null)
    {
        Console.WriteLine($"| process start to first rendered page, ReadyToRun, templates compiled at start (median of 5) | {firstPagesReadyToRunCold![2]:F0} ms | |");
        Console.WriteLine($"| process start to first rendered page, ReadyToRun, compiled templates on disk (median of 5) | {firstPagesReadyToRun[2]:F0} ms | ≤ 800 ms |");
    }

    Console.WriteLine($"| candor check of one update (mean of {checks:N0}, one thread) | {microsecondsPerCheck:F1} µs | well under 1 ms |");
    Console.WriteLine($"| index.html size (50 components, 3 open incidents) | {indexBytes:N0} bytes, {indexGzipped:N0} gzipped | ≤ 14,336 gzipped |");
    Console.WriteLine($"| template warm-up (compile all) | {templates.WarmUpTime.TotalMilliseconds:F0} ms | |");
    return 0;
}
finally
{
    await tableClient.DeleteAsync();
    await container.DeleteIfExistsAsync();
}

static int Gzipped(string text)
{
    using var buffer = new MemoryStream();
    using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
    {
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    return (int)buffer.Length;
}

static async Task<List<double>> FirstPageAsync(string assembly, bool compiled)
{
    // Cold: no compiled templates on disk, so the child compiles them with Roslyn (a first start of a build that was
    // not published with --compile-templates). Compiled: the child loads what an earlier start (or the publish) compiled.
    var cache = Path.Combine(Path.GetDirectoryName(assembly)!, StatusComms.Infrastructure.Templates.TemplateEngine.CompiledFolderName);
    var figures = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        if (!compiled && Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }

        var child = Process.Start(new ProcessStartInfo("dotnet", [assembly, "--first-page"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        figures.Add(double.Parse(output.Trim(), CultureInfo.InvariantCulture));
    }

    figures.Sort();
    return figures;
}
