using System.Diagnostics;
using System.Reflection;

namespace StatusComms.Infrastructure.Tests.Infra;

/// <summary>
/// infra/ as a reviewer reads it: every Bicep file builds, and lints clean with every linter rule raised to error
/// (infra/bicepconfig.json), current API versions included. The Bicep CLI comes from its NuGet package, pinned in
/// this project; nothing is downloaded at test time.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Bicep = Metadata("Bicep");
    private static readonly string Infra = Path.Combine(Metadata("RepositoryRoot"), "infra");

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Infra, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Builds_and_lints_clean_with_every_rule_at_error(string file)
    {
        var path = Path.Combine(Infra, file);
        var (buildExit, buildOutput) = await RunAsync("build", path, "--stdout");
        Assert.True(buildExit == 0 && !buildOutput.Contains("Warning", StringComparison.Ordinal), $"bicep build {file}:\n{buildOutput}");
        var (lintExit, lintOutput) = await RunAsync("lint", path);
        Assert.True(lintExit == 0 && lintOutput.Trim().Length == 0, $"bicep lint {file}:\n{lintOutput}");
    }

    [Fact]
    public void The_linter_config_raises_every_rule_to_error_and_asks_for_recent_api_versions()
    {
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "bicepconfig.json")));
        var rules = config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules");
        Assert.All(rules.EnumerateObject(), r => Assert.Equal("error", r.Value.GetProperty("level").GetString()));
        Assert.True(rules.TryGetProperty("use-recent-api-versions", out _));
        Assert.True(rules.EnumerateObject().Count() >= 35);
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Bicep), $"The Bicep CLI is missing at {Bicep}: restore tests/StatusComms.Infrastructure.Tests (its PackageDownload brings it).");
        var start = new ProcessStartInfo(Bicep) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, (arguments[0] == "build" ? string.Empty : await stdout) + await stderr);
    }

    private static string Metadata(string key)
        => typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
