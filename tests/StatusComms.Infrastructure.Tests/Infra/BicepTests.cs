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
        var (buildExit, _, buildErrors) = await RunAsync("build", path, "--stdout");
        Assert.True(buildExit == 0 && buildErrors.Trim().Length == 0, $"bicep build {file}:\n{buildErrors}");
        var (lintExit, lintOutput, lintErrors) = await RunAsync("lint", path);
        Assert.True(lintExit == 0 && (lintOutput + lintErrors).Trim().Length == 0, $"bicep lint {file}:\n{lintOutput}{lintErrors}");
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

    [Fact]
    public async Task Azd_passes_every_required_parameter_and_names_no_other_and_its_hooks_are_valid_shell()
    {
        var (exit, template, _) = await RunAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.Equal(0, exit);
        using var built = System.Text.Json.JsonDocument.Parse(template);
        var declared = built.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.TryGetProperty("defaultValue", out _));
        using var file = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(given.Except(declared.Keys));
        Assert.Empty(declared.Where(p => !p.Value).Select(p => p.Key).Except(given));
        var azure = File.ReadAllText(Path.Combine(Infra, "..", "azure.yaml"));
        Assert.Contains("project: ./src/StatusComms.Functions", azure, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Infra, "..", "src", "StatusComms.Functions", "StatusComms.Functions.csproj")));
        foreach (var hook in Directory.EnumerateFiles(Path.Combine(Infra, "hooks"), "*.sh"))
        {
            Assert.Contains($"./infra/hooks/{Path.GetFileName(hook)}", azure, StringComparison.Ordinal);
            using var shell = Process.Start(new ProcessStartInfo("sh", ["-n", hook]) { RedirectStandardError = true })!;
            await shell.WaitForExitAsync();
            Assert.True(shell.ExitCode == 0, $"{hook}: {await shell.StandardError.ReadToEndAsync()}");
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] arguments)
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
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Metadata(string key)
        => typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
