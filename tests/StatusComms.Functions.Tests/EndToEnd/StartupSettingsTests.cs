using System.Diagnostics;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A host started with a wrong setting says which, in one line, and exits; no stack trace.</summary>
public sealed class StartupSettingsTests
{
    [Fact]
    public async Task A_short_API_key_stops_the_runner_with_one_line_naming_the_setting()
    {
        var (code, lines, output) = await RunAsync(new() { ["StatusComms__ApiKey"] = "short" });

        Assert.Equal(2, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("StatusComms cannot start: StatusComms:ApiKey (environment: StatusComms__ApiKey):", line, StringComparison.Ordinal);
        Assert.Contains("16 characters", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Azure_a_missing_signing_key_stops_the_host_naming_it()
    {
        var (code, lines, _) = await RunAsync(new() { ["StatusComms__ApiKey"] = RunnerHost.ApiKey, ["WEBSITE_SITE_NAME"] = "statuscomms-test", ["StatusComms__Email__Mode"] = "pickup" });

        Assert.Equal(2, code);
        Assert.StartsWith("StatusComms cannot start: StatusComms:Subscriptions:SigningKey (environment: StatusComms__Subscriptions__SigningKey) is required in Azure", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Azure_without_a_SendGrid_key_the_host_stops_naming_it_unless_pickup_is_chosen()
    {
        var signed = new Dictionary<string, string> { ["StatusComms__ApiKey"] = RunnerHost.ApiKey, ["WEBSITE_SITE_NAME"] = "statuscomms-test", ["StatusComms__Subscriptions__SigningKey"] = Convert.ToBase64String(new byte[32]) };
        var (code, lines, _) = await RunAsync(signed);

        Assert.Equal(2, code);
        Assert.StartsWith("StatusComms cannot start: StatusComms:Email:SendGridApiKey (environment: StatusComms__Email__SendGridApiKey) is required in Azure", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Contains("StatusComms:Email:Mode=pickup", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nudge_webhook_that_is_not_https_stops_the_runner_naming_it()
    {
        var (code, lines, _) = await RunAsync(new() { ["StatusComms__ApiKey"] = RunnerHost.ApiKey, ["StatusComms__Nudges__WebhookUrl"] = "http://hooks.slack.test/services/T0/B0/x" });

        Assert.Equal(2, code);
        Assert.StartsWith("StatusComms cannot start: StatusComms:Nudges:WebhookUrl (environment: StatusComms__Nudges__WebhookUrl) is the team chat's incoming-webhook URL, absolute and https.", Assert.Single(lines), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string[] ErrorLines, string Output)> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "StatusComms.LocalRunner.dll"), "--StatusComms:Port=0", $"--StatusComms:Storage:ConnectionString={RunnerHost.Storage}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), await output);
    }
}
