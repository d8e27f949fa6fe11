using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using StatusComms.Functions.Hosting;

namespace StatusComms.LocalRunner;

/// <summary>
/// Runs each queue-triggered function as the Functions host's queue extension does: polls its queue (a queue name
/// may hold %AppSetting% expressions, resolved from configuration), binds the message text and its dequeue count,
/// deletes a message once its function returned, makes it visible again when the function threw, and moves it to
/// "{queue}-poison" after maxDequeueCount attempts. Polling backs off to maxPollingInterval while a queue is idle.
/// Those two settings are read from host.json, as the host reads them.
/// </summary>
public sealed partial class QueueListener(IServiceProvider services, QueueServiceClient queues, IConfiguration configuration, ILogger<QueueListener> logger) : BackgroundService
{
    private const int BatchSize = 16;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly (int MaxDequeueCount, TimeSpan MaxPollingInterval) _settings = ReadHostJson();

    /// <summary>The queue a trigger's name stands for here.</summary>
    public static string Resolve(string name, IConfiguration configuration)
        => Setting().Replace(name, m => configuration[m.Groups[1].Value] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The app setting {m.Groups[1].Value} (used in queue name {name}) is not set: the Functions host refuses to start the trigger without it, and so does the runner."));

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(FunctionCatalog.All.Where(f => f.Trigger == FunctionTrigger.Queue).Select(f => ListenAsync(f, stoppingToken)));

    private async Task ListenAsync(FunctionEntry entry, CancellationToken stoppingToken)
    {
        var name = Resolve(entry.Target!, configuration);
        var queue = queues.GetQueueClient(name);
        var poison = queues.GetQueueClient(name + "-poison");
        var idle = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                var messages = (await queue.ReceiveMessagesAsync(BatchSize, Lease, stoppingToken)).Value;
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _settings.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(100);
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken }, (m, token) => new ValueTask(HandleAsync(entry, queue, poison, m, token)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The queue being briefly unreachable must not stop the listener; the host retries too.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, exception, name);
                await Task.Delay(_settings.MaxPollingInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HandleAsync(FunctionEntry entry, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await FunctionInvoker.InvokeQueueAsync(entry, services, message.MessageText, message.DequeueCount, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again when its lease ends.
        }
#pragma warning disable CA1031 // As the host: a failed function is logged and its message retried or poisoned.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFunctionFailed(logger, exception, entry.Name, message.DequeueCount);
            if (message.DequeueCount >= _settings.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
        }
    }

    private static (int, TimeSpan) ReadHostJson()
    {
        var (count, polling) = (5, TimeSpan.FromMinutes(1));
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (File.Exists(hostJson))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(hostJson));
            if (document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var settings))
            {
                if (settings.TryGetProperty("maxDequeueCount", out var max))
                {
                    count = max.GetInt32();
                }

                if (settings.TryGetProperty("maxPollingInterval", out var interval) && TimeSpan.TryParse(interval.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    polling = parsed;
                }
            }
        }

        return (count, polling);
    }

    [GeneratedRegex("%([A-Za-z0-9_:.-]+)%")]
    private static partial Regex Setting();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue function {Name} failed (dequeue count {DequeueCount})")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string name, long dequeueCount);
}
