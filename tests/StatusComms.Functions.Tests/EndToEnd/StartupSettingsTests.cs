using System.Diagnostics;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A host started with a wrong setting says which, in one line, and exits; no stack trace.</summary>
public sealed class StartupSettingsTests
{
    [Fact]
    public async Task A_short_API_key_stops_the_runner_with_one_line_naming_the_setting()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "StatusComms.LocalRunner.dll"), "--StatusComms:Port=0", $"--StatusComms:Storage:ConnectionString={RunnerHost.Storage}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["StatusComms__ApiKey"] = "short";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("StatusComms cannot start: StatusComms:ApiKey (environment: StatusComms__ApiKey):", line, StringComparison.Ordinal);
        Assert.Contains("16 characters", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await output, StringComparison.Ordinal);
    }
}
