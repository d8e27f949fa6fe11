using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// A subscriber's whole journey and the management API, with every log line the runner writes captured: none holds
/// the API key, a subscription link's token or a webhook's secret, while the lines for those requests are there.
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string PublicBase = "https://status.acme.test/";

    [Fact]
    public async Task No_log_line_holds_a_key_a_token_or_a_secret()
    {
        var capture = new CapturedLogs();
        await using var host = await RunnerHost.StartAsync(services => services.AddSingleton<ILoggerProvider>(capture), "--StatusComms:Webhooks:AllowPrivateTargets=true");
        var secrets = new List<string> { RunnerHost.ApiKey };

        Assert.Equal(HttpStatusCode.Accepted, (await host.Anonymous.PostAsync("api/public/subscriptions", Form(("email", "ada@example.com")))).StatusCode);
        var confirm = Eml.Parse((await host.MailsAsync(1))[0]).Link(PublicBase + "api/public/subscriptions/confirm?token=");
        secrets.Add(Token(confirm));
        await host.Anonymous.GetAsync(confirm[PublicBase.Length..]);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.PostAsync(confirm[PublicBase.Length..], Form(("token", Token(confirm))))).StatusCode);

        await host.CreateIncidentAsync(new { name = "Exports slow", body = "CSV exports take up to ten minutes for all customers; we are looking into it. Next update in 30 minutes." });
        var notification = Eml.Parse((await host.MailsAsync(2))[1]);
        var unsubscribe = notification.Headers["List-Unsubscribe"].Trim('<', '>');
        var manage = notification.Link(PublicBase + "api/public/subscriptions/manage?token=");
        secrets.AddRange([Token(unsubscribe), Token(manage)]);
        await host.Anonymous.GetAsync(manage[PublicBase.Length..]);
        await host.Anonymous.GetAsync(unsubscribe[PublicBase.Length..]);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.PostAsync(unsubscribe[PublicBase.Length..], Form(("List-Unsubscribe", "One-Click")))).StatusCode);

        await host.Anonymous.GetAsync(RunnerHost.Api($"components?api_key={RunnerHost.ApiKey}"));
        await host.Anonymous.PostAsync("console/sign-in", Form(("api_key", RunnerHost.ApiKey), ("name", "Ada")));
        var webhook = await host.Client.PostAsync(RunnerHost.Api("subscribers"), RunnerHost.Json(new { subscriber = new { endpoint = "https://127.0.0.1:9999/hook" } }));
        secrets.Add((string)JsonNode.Parse(await webhook.Content.ReadAsStringAsync())!["secret"]!);

        var lines = capture.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("/api/public/subscriptions/confirm?token=***", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("?api_key=***", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ToArray();
            Assert.True(leaks.Length == 0, $"{leaks.Length} log line(s) hold a secret, first: {leaks.FirstOrDefault()}");
        }
    }

    private static string Token(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary>Every line every logger writes, with its exception, as a log sink would keep it.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => sink.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
