using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// What an attacker or a broken client sends: malformed multipart and form bodies on the anonymous endpoints, a
/// malformed If-Match, null inside id lists, oversized fields, a key in the URL. Each is a 4xx in problem+json,
/// never a 500, and nothing is written.
/// </summary>
public sealed class HostileInputTests(SharedRunner runner) : IClassFixture<SharedRunner>
{
    private RunnerHost Host => runner.Host;

    public static TheoryData<string, string> MalformedForms()
    {
        var data = new TheoryData<string, string>();
        string[] bodies =
        [
            "multipart/form-data",                                                                    // no boundary
            "multipart/form-data; boundary=xyz|--xyz\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc", // truncated part
            "multipart/form-data; boundary=xyz|--xyz\r\nbroken header line\r\n\r\nvalue\r\n--xyz--\r\n",
            "multipart/form-data; boundary=" + new string('b', 200) + "|--b\r\n",                   // boundary too long
            "application/x-www-form-urlencoded|" + string.Join('&', Enumerable.Range(0, 1500).Select(i => $"f{i}=1")), // too many fields
        ];
        foreach (var path in new[] { "api/public/subscriptions", "api/public/subscriptions/confirm", "api/public/subscriptions/manage", "api/public/subscriptions/unsubscribe" })
        {
            foreach (var body in bodies)
            {
                data.Add(path, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task A_malformed_form_on_a_public_endpoint_is_a_4xx_not_a_500(string path, string typeAndBody)
    {
        var (type, body) = (typeAndBody.Split('|', 2)[0], typeAndBody.Split('|', 2).ElementAtOrDefault(1) ?? string.Empty);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", type);

        var response = await Host.Anonymous.PostAsync(path, content);

        // A person's browser gets these pages: the refusal may be the page itself (HTML) or problem+json, never a 5xx.
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} {text}");
    }

    [Theory]
    [InlineData("not-an-etag")]
    [InlineData("W/\"datetime'2026-01-01'\", W/\"datetime'2026-01-02'\"")]
    [InlineData("\"unterminated")]
    [InlineData("W/\"\"")]
    public async Task A_malformed_If_Match_is_a_400_on_every_versioned_write(string ifMatch)
    {
        var (incident, _) = await Host.CreateIncidentAsync(new { name = "If-Match probe", body = "Exports take up to ten minutes for all customers; we are looking into it. Next update in 30 minutes." });
        var id = (string)incident["id"]!;
        (string Path, object Body)[] writes =
        [
            ($"incidents/{id}", new { incident = new { name = "x" } }),
            ($"incidents/{id}/incident_updates/{(string)incident["incident_updates"]![0]!["id"]!}", new { incident_update = new { body = "Exports take up to ten minutes; we are looking into it." } }),
            ("components/nosuchcomp", new { component = new { description = "x" } }),
            ("component-groups/nosuchgroup", new { component_group = new { name = "x" } }),
            ("scheduled-maintenances/nosuchmaint", new { scheduled_maintenance = new { body = "x" } }),
            ($"incidents/{id}/postmortem", new { postmortem = new { title = "x" } }),
        ];
        foreach (var (path, body) in writes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, RunnerHost.Api(path)) { Content = RunnerHost.Json(body) };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

            await AssertProblemAsync(await Host.Client.SendAsync(request), 400, path);
        }
    }

    [Theory]
    [InlineData("incidents", """{"incident": {"name": "x", "body": "Exports fail for all customers.", "component_ids": [null]}}""")]
    [InlineData("component-groups", """{"component_group": {"name": "x", "components": [null]}}""")]
    [InlineData("scheduled-maintenances", """{"scheduled_maintenance": {"name": "x", "body": "x", "scheduled_for": "2030-01-01T00:00:00Z", "scheduled_until": "2030-01-01T01:00:00Z", "component_ids": [null]}}""")]
    [InlineData("subscribers", """{"subscriber": {"endpoint": "https://hooks.example.com/x", "component_ids": [null]}}""")]
    [InlineData("subscribers/import", """{"subscribers": [{"email": "a@example.com", "component_ids": [null]}]}""")]
    [InlineData("subscribers/import", """{"subscribers": [null]}""")]
    [InlineData("candor/check", """{"draft": {"body": "x", "component_ids": [null]}}""")]
    public async Task Null_inside_a_list_is_a_400(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        await AssertProblemAsync(await Host.Client.PostAsync(RunnerHost.Api(path), content), 400);
    }

    [Fact]
    public async Task An_override_reason_past_its_limit_is_refused_and_nothing_is_posted()
    {
        var name = "Oversized reason " + Guid.NewGuid().ToString("N")[..6];
        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new { incident = new { name, body = "We are experiencing technical difficulties.", candor_override_reason = new string('r', 40_000) } }));

        await AssertProblemAsync(response, 422);
        Assert.DoesNotContain((await Host.GetJsonAsync(RunnerHost.Api("incidents")))!.AsArray(), i => (string)i!["name"]! == name);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? what = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what} {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, (int)JsonNode.Parse(text)!["status"]!);
    }
}
