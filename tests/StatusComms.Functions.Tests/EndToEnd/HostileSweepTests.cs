using System.Text;
using System.Text.RegularExpressions;
using StatusComms.Functions.Hosting;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// Every HTTP route of the app (read from the function catalog, so a new one is swept too), with every method it
/// takes, sent broken bodies, types, encodings and headers, with and without the key: not one answer is a 5xx.
/// </summary>
public sealed partial class HostileSweepTests(SharedRunner runner) : IClassFixture<SharedRunner>
{
    private RunnerHost Host => runner.Host;

    private static readonly (string ContentType, byte[] Body)[] Bodies =
    [
        ("application/json", "{"u8.ToArray()),
        ("application/json", "null"u8.ToArray()),
        ("application/json", "[]"u8.ToArray()),
        ("application/json", "{\"incident\": {\"component_ids\": [null], \"components\": {\"x\": null}, \"name\": 7}}"u8.ToArray()),
        ("application/json", Encoding.UTF8.GetBytes(new string('[', 5000))),
        ("application/json", [0xC3, 0x28, 0xFF, 0xFE]),
        ("application/json", Encoding.UTF8.GetBytes("{\"x\": \"" + new string('a', 70_000) + "\"}")),
        ("application/x-www-form-urlencoded", "a[b][c][d][e][f][g][h][i][j][k][l][m][n][o][p][q]=1&%zz=%"u8.ToArray()),
        ("multipart/form-data", "--x\r\n"u8.ToArray()),
        ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"u8.ToArray()),
        ("text/plain; charset=utf-9", "hello"u8.ToArray()),
        ("application/json; charset=utf-16", "{}"u8.ToArray()),
    ];

    public static TheoryData<string, string> Routes()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in FunctionCatalog.All.Where(f => f.Trigger == FunctionTrigger.Http))
        {
            var path = Parameter().Replace(entry.Target!, m => m.Groups["name"].Value switch
            {
                "pageId" => RunnerHost.PageId,
                "format" => "json",
                "name" => "console.css",
                "rest" => "no/such/thing",
                _ => "abc234def567",
            }).Replace(".json", string.Empty, StringComparison.Ordinal);
            foreach (var method in entry.HttpMethods)
            {
                data.Add(method.ToUpperInvariant(), path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task No_broken_request_to_any_route_is_answered_with_a_5xx(string method, string path)
    {
        var failures = new List<string>();
        foreach (var client in new[] { Host.Client, Host.Anonymous })
        {
            foreach (var (type, body) in Bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                request.Headers.TryAddWithoutValidation("If-Match", "W/\"bogus\", \"x");
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", "not-an-address, ::::");
                var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {type} ({body.Length} bytes): {(await response.Content.ReadAsStringAsync())[..Math.Min(200, (int)(response.Content.Headers.ContentLength ?? 200))]}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{method} {path}:\n{string.Join('\n', failures)}");
    }

    [GeneratedRegex(@"\{\*?(?<name>\w+)(:[^{}]*(\{[^{}]*\}[^{}]*)*)?\??\}")]
    private static partial Regex Parameter();
}
