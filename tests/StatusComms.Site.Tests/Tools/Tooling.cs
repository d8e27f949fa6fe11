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

    /// <summary>
    /// Runs the Nu Html Checker (npm vnu-jar, under Java) on <paramref name="files"/> (HTML; CSS and SVG too when
    /// <paramref name="alsoCssAndSvg"/>) and returns its exit code and every error, as "file:line: message [extract]"
    /// with the file relative to <paramref name="folder"/>.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Errors)> NuHtmlCheckAsync(IReadOnlyList<string> files, string folder, bool alsoCssAndSvg = false)
    {
        string[] options = alsoCssAndSvg ? ["--also-check-css", "--also-check-svg"] : [];
        var (exit, stdout, stderr) = await RunAsync("java", ["-jar", NodeModule("vnu-jar/build/dist/vnu.jar"), "--format", "json", .. options, .. files], TimeSpan.FromMinutes(3));

        // vnu writes its JSON report to stderr; exit 1 means it found an error.
        var report = System.Text.Json.Nodes.JsonNode.Parse(stderr.Length > 0 ? stderr : stdout)!;
        var errors = report["messages"]!.AsArray()
            .Where(m => (string?)m!["type"] is "error" or "non-document-error")
            .Select(m => $"{(Uri.TryCreate((string?)m!["url"], UriKind.Absolute, out var url) ? Path.GetRelativePath(folder, url.LocalPath) : (string?)m["url"] ?? "(no file)")}:{m["lastLine"]}: {m["message"]} [{m["extract"]}]")
            .ToArray();
        return (exit, errors);
    }

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
