using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>Bad input gets a clear 4xx problem+json, never a 500, and nothing is stored.</summary>
public sealed class RequestValidationTests : RunnerTest
{
    [Theory]
    [InlineData("{\"incident\": {\"name\": \"x\",", 400, "")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"colour\": \"red\"}}", 400, "colour")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"status\": \"fixed\"}}", 400, "investigating")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"status\": 2}}", 400, "")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"components\": {\"abc\": \"broken\"}}}", 400, "major_outage")]
    [InlineData("{}", 400, "")]
    [InlineData("null", 400, "")]
    [InlineData("[]", 400, "")]
    [InlineData("{\"incident\": {\"name\": \"\", \"body\": \"y\"}}", 422, "name")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"\"}}", 422, "message")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"status\": \"postmortem\"}}", 422, "postmortem")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"component_ids\": [\"nope\"]}}", 422, "nope")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"scheduled_for\": \"2026-12-01T00:00:00Z\"}}", 422, "scheduled_until")]
    [InlineData("{\"incident\": {\"name\": \"x\", \"body\": \"y\", \"next_update_at\": \"tomorrow\"}}", 400, "ISO 8601")]
    public async Task Bad_incident_bodies_get_a_problem_and_store_nothing(string body, int status, string mentions)
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.Contains(mentions, (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[]", await (await Host.Client.GetAsync(RunnerHost.Api("incidents"))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_64_KB_is_refused_with_413()
    {
        var huge = "{\"incident\": {\"name\": \"x\", \"body\": \"" + new string('a', 70 * 1024) + "\"}}";

        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_with_415()
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), new StringContent("incident[name]=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("incidents/doesnotexist")]
    [InlineData("components/doesnotexist")]
    [InlineData("scheduled-maintenances/doesnotexist")]
    [InlineData("incidents/has%7Cpipe")]
    public async Task Unknown_ids_are_404_problems(string path)
    {
        var response = await Host.Client.GetAsync(RunnerHost.Api(path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Updating_an_unknown_incident_is_404()
    {
        var response = await Host.PatchIncidentAsync("doesnotexist", new { body = "x" }, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bad_paging_is_a_4xx()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.GetAsync(RunnerHost.Api("incidents?page=abc"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Host.Client.GetAsync(RunnerHost.Api("incidents?per_page=1000"))).StatusCode);
    }

    [Fact]
    public async Task A_maintenance_needs_a_window()
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new { scheduled_maintenance = new { name = "DB upgrade", body = "Read-only for 30 minutes." } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
