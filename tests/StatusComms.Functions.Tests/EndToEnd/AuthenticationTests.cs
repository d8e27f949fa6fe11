using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StatusComms.Functions.Tests.EndToEnd;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task The_management_API_needs_the_key()
    {
        await using var host = await RunnerHost.StartAsync();

        var none = await host.Anonymous.GetAsync(RunnerHost.Api("components"));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, RunnerHost.Api("components"));
        wrong.Headers.Authorization = new AuthenticationHeaderValue("OAuth", "not-the-key-at-all-000");
        var wrongResponse = await host.Anonymous.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(RunnerHost.Api("components"))).StatusCode);

        // A key in the URL is refused, even the right one: URLs are logged.
        var inUrl = await host.Anonymous.GetAsync(RunnerHost.Api($"components?api_key={RunnerHost.ApiKey}"));
        Assert.Equal(HttpStatusCode.BadRequest, inUrl.StatusCode);
        Assert.Contains("rotate", await inUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync(RunnerHost.Api($"components?api_key={RunnerHost.ApiKey}"))).StatusCode);
    }

    [Fact]
    public async Task A_client_principal_header_is_ignored_unless_App_Service_Authentication_is_trusted()
    {
        await using var host = await RunnerHost.StartAsync();

        var response = await host.Anonymous.SendAsync(WithPrincipal("StatusComms.Admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_trusted_principal_needs_the_admin_role_and_becomes_the_author()
    {
        await using var host = await RunnerHost.StartAsync(settings: "--StatusComms:TrustClientPrincipal=true");

        var withoutRole = await host.Anonymous.SendAsync(WithPrincipal("Reader"));
        var admin = WithPrincipal("StatusComms.Admin", HttpMethod.Post, RunnerHost.Api("incidents"));
        admin.Content = RunnerHost.Json(new { incident = new { name = "Exports failing", body = "CSV exports fail for all workspaces.", impact_override = "minor", next_update_at = RunnerHost.Soon() } });
        var created = await host.Anonymous.SendAsync(admin);

        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("\"author\":\"jane@acme.test\"", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage WithPrincipal(string role, HttpMethod? method = null, string? path = null)
    {
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "preferred_username",
            role_typ = "roles",
            claims = new[] { new { typ = "preferred_username", val = "jane@acme.test" }, new { typ = "roles", val = role } },
        };
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path ?? RunnerHost.Api("components"));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal))));
        return request;
    }
}
