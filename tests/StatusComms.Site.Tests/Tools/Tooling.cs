using System.Diagnostics;

namespace StatusComms.Site.Tests.Tools;

/// <summary>Where the checkers live: the repository's node_modules (npm ci), Java, and Debian's Chromium.</summary>
public static class Tooling
{
    /// <summary>The headless flags this machine needs: without the network ones Chromium keeps dialling out.</summary>
    public static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic",
    ];

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Chromium => Required(Environment.GetEnvironmentVariable("CHROME_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium", "Chromium");

    public static string NodeModule(string relative) => Required(Path.Combine(RepositoryRoot, "node_modules", relative), "npm package");

    /// <summary>Runs a program to its end and returns its exit code and output; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:F0} s. {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Required(string path, string what)
        => File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{what} not found at {path}. Run scripts/setup.sh (./test.sh does), which installs Chromium with apt-get and the npm tools from package-lock.json.", path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusComms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with StatusComms.sln) is not above " + AppContext.BaseDirectory);
    }
}
