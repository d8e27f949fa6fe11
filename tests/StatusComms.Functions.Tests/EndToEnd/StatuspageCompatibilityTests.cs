using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// Statuspage automation unchanged: the reference's curl samples (form-encoded, Rails-style keys), its .json URLs,
/// and errors a client can read under /api/v1 (problem+json, Allow on 405, never the status site's HTML).
/// </summary>
public sealed class StatuspageCompatibilityTests(SharedRunner runner) : IClassFixture<SharedRunner>
{
    private RunnerHost Host => runner.Host;

    [Fact]
    public async Task The_reference_curl_samples_create_and_update_an_incident_form_encoded()
    {
        var api = (string)(await Host.CreateComponentAsync("Checkout"))["id"]!;

        var created = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.CurlForm(
            "incident[name]=Checkout errors for card payments",
            "incident[status]=investigating",
            "incident[impact_override]=major",
            "incident[body]=Since 09:40 UTC about one in three card payments at checkout fails with an error. PayPal works. Next update in 30 minutes.",
            $"incident[component_ids][]={api}",
            $"incident[components][{api}]=partial_outage",
            "incident[deliver_notifications]=true",
            "incident[metadata][jira][issue_id]=OPS-41",
            "incident[auto_tweet_on_creation]=false"));

        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var incident = JsonNode.Parse(text)!;
        Assert.Equal("Checkout errors for card payments", (string)incident["name"]!);
        Assert.Equal("major", (string)incident["impact"]!);
        Assert.Equal("partial_outage", (string)incident["components"]![0]!["status"]!);
        Assert.Equal("incident.metadata, incident.auto_tweet_on_creation", created.Headers.GetValues("StatusComms-Ignored-Fields").Single());

        var id = (string)incident["id"]!;
        var updated = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}.json"), RunnerHost.CurlForm(
            "incident[status]=identified",
            "incident[body]=A certificate on our card processor link expired at 09:38 UTC. We are installing a new one. Next update in 20 minutes."));
        Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());

        var read = await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}.json"));
        Assert.Equal("identified", (string)read!["status"]!);
        Assert.Equal(2, read["incident_updates"]!.AsArray().Count);
    }

    [Fact]
    public async Task Incidents_are_searched_with_q_and_paged_with_limit()
    {
        var token = "zq" + Guid.NewGuid().ToString("N")[..8];
        var (named, _) = await Host.CreateIncidentAsync(new { name = $"Exports {token} delayed", body = "CSV exports take up to 2 hours for all customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var (worded, _) = await Host.CreateIncidentAsync(new { name = "Login slow", body = $"Sign-in takes 20 seconds for customers on plan {token.ToUpperInvariant()}.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        await Host.CreateIncidentAsync(new { name = "Search slow", body = "Search takes 10 seconds for all customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });

        var found = (await Host.GetJsonAsync(RunnerHost.Api($"incidents?q={token}")))!.AsArray().Select(i => (string)i!["id"]!).ToArray();
        var first = (await Host.GetJsonAsync(RunnerHost.Api($"incidents?q={token}&limit=1")))!.AsArray();
        var second = (await Host.GetJsonAsync(RunnerHost.Api($"incidents?q={token}&limit=1&page=2")))!.AsArray();

        Assert.Equal([(string)worded["id"]!, (string)named["id"]!], found);
        Assert.Equal((string)worded["id"]!, (string)Assert.Single(first)!["id"]!);
        Assert.Equal((string)named["id"]!, (string)Assert.Single(second)!["id"]!);
        Assert.Single((await Host.GetJsonAsync(RunnerHost.Api("incidents?limit=1")))!.AsArray());
        Assert.Contains((await Host.GetJsonAsync(RunnerHost.Api("incidents/unresolved.json")))!.AsArray(), i => (string)i!["id"]! == (string)named["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.GetAsync(RunnerHost.Api("incidents?limit=101"))).StatusCode);
    }

    /// <summary>What atlassian-python-api (Statuspage's most used Python client) sends where it departs from the reference.</summary>
    [Fact]
    public async Task What_the_python_client_sends_is_taken_as_it_sends_it()
    {
        // A group: "components_group", and the description beside it (where the reference documents it).
        var member = (string)(await Host.CreateComponentAsync("Python client member"))["id"]!;
        var group = await Host.Client.PostAsync(RunnerHost.Api("component-groups"), RunnerHost.Json(new { description = "Payment services", components_group = new { name = "Payments", components = new[] { member } } }));
        var text = await group.Content.ReadAsStringAsync();
        Assert.True(group.StatusCode == HttpStatusCode.Created, text);
        Assert.Equal(("Payments", "Payment services"), ((string)JsonNode.Parse(text)!["name"]!, (string)JsonNode.Parse(text)!["description"]!));
        var both = await Host.Client.PostAsync(RunnerHost.Api("component-groups"), RunnerHost.Json(new { component_group = new { name = "A", components = new[] { member } }, components_group = new { name = "B", components = new[] { member } } }));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);

        // An update edited at "incidents_update".
        var (incident, _) = await Host.CreateIncidentAsync(new { name = "Refunds delayed", body = "Refunds take up to two hours to reach cards; we are investigating. Next update in 30 minutes." });
        var edited = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{(string)incident["id"]!}/incidents_update/{(string)incident["incident_updates"]![0]!["id"]!}"), RunnerHost.Json(new { incident_update = new { body = "Refunds take up to two hours to reach cards since 08:10 UTC; we are investigating. Next update in 30 minutes." } }));
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());

        // Planned work marked with impact_override "maintenance", as Statuspage's enum has it.
        var start = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.UtcNow.AddDays(2).AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var planned = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new { incident = new { name = "Refund database upgrade", status = "scheduled", impact_override = "maintenance", scheduled_for = start, scheduled_until = end, body = "Refunds are queued for up to one hour while we upgrade their database; none are lost." } }));
        Assert.True(planned.StatusCode == HttpStatusCode.Created, await planned.Content.ReadAsStringAsync());
        Assert.Equal("maintenance", (string)(await planned.Content.ReadFromJsonAsync<JsonNode>())!["impact"]!);
        var noWindow = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.CurlForm("incident[name]=Upgrade", "incident[impact_override]=maintenance", "incident[body]=Upgrading."));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noWindow.StatusCode);
        var badImpact = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.CurlForm("incident[name]=Upgrade", "incident[impact_override]=severe", "incident[body]=Upgrading."));
        Assert.Equal(HttpStatusCode.BadRequest, badImpact.StatusCode);
        Assert.Contains("none, minor, major, critical, maintenance", await badImpact.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_component_group_is_a_resource_read_changed_and_deleted_by_its_id()
    {
        var a = (string)(await Host.CreateComponentAsync("Group member A"))["id"]!;
        var b = (string)(await Host.CreateComponentAsync("Group member B"))["id"]!;
        var c = (string)(await Host.CreateComponentAsync("Group member C"))["id"]!;
        var created = await Host.Client.PostAsync(RunnerHost.Api("component-groups"), RunnerHost.Json(new { component_group = new { name = "Data plane", components = new[] { a, b } } }));
        var group = (string)(await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;

        var read = (await Host.GetJsonAsync(RunnerHost.Api($"component-groups/{group}")))!;
        Assert.Equal(new[] { a, b }.Order(), read["components"]!.AsArray().Select(x => (string)x!).Order());

        // Terraform's update, form-encoded as a curl sample: exactly these members, a new name.
        var changed = await Host.Client.PatchAsync(RunnerHost.Api($"component-groups/{group}.json"), RunnerHost.CurlForm("component_group[name]=Data plane (EU)", $"component_group[components][]={b}", $"component_group[components][]={c}"));
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        read = (await Host.GetJsonAsync(RunnerHost.Api($"component-groups/{group}")))!;
        Assert.Equal("Data plane (EU)", (string)read["name"]!);
        Assert.Equal(new[] { b, c }.Order(), read["components"]!.AsArray().Select(x => (string)x!).Order());
        Assert.Null((string?)(await Host.GetJsonAsync(RunnerHost.Api($"components/{a}")))!["group_id"]);

        Assert.Equal(HttpStatusCode.NoContent, (await Host.Client.DeleteAsync(RunnerHost.Api($"component-groups/{group}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync(RunnerHost.Api($"component-groups/{group}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.DeleteAsync(RunnerHost.Api($"component-groups/{group}"))).StatusCode);
        Assert.Null((string?)(await Host.GetJsonAsync(RunnerHost.Api($"components/{c}")))!["group_id"]);

        // A component is not a group.
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync(RunnerHost.Api($"component-groups/{a}"))).StatusCode);
    }

    [Fact]
    public async Task Planned_work_posted_as_an_incident_is_a_scheduled_maintenance_listed_among_planned_incidents()
    {
        var dashboard = (string)(await Host.CreateComponentAsync("Reporting dashboard"))["id"]!;
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var stamp = (DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var created = await Host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new
        {
            incident = new
            {
                name = "Reporting dashboard upgrade",
                status = "scheduled",
                body = "The reporting dashboard is read-only for up to one hour while we move it to new servers. The API keeps working.",
                scheduled_for = stamp(start),
                scheduled_until = stamp(start.AddHours(1)),
                scheduled_remind_prior = true,
                scheduled_auto_in_progress = true,
                scheduled_auto_completed = true,
                component_ids = new[] { dashboard },
            },
        }));

        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var maintenance = JsonNode.Parse(text)!;
        var id = (string)maintenance["id"]!;
        Assert.Equal("maintenance", (string)maintenance["impact"]!);
        Assert.Equal("scheduled", (string)maintenance["status"]!);
        Assert.Equal(dashboard, (string)maintenance["components"]![0]!["id"]!);
        Assert.False(created.Headers.Contains("StatusComms-Ignored-Fields")); // scheduled_remind_prior is honoured: a reminder 60 minutes before
        Assert.True((bool)maintenance["scheduled_remind_prior"]!);

        async Task<string[]> Listed(string view) => (await Host.GetJsonAsync(RunnerHost.Api($"incidents/{view}")))!.AsArray().Select(m => (string)m!["id"]!).ToArray();
        Assert.Contains(id, await Listed("scheduled"));
        Assert.Contains(id, await Listed("upcoming.json"));
        Assert.DoesNotContain(id, await Listed("active_maintenance"));
        Assert.Equal("Reporting dashboard upgrade", (string)(await Host.GetJsonAsync(RunnerHost.Api($"incidents/{id}")))!["name"]!);

        // The work starts early: the client moves it on through incidents/{id}, as it would on Statuspage.
        var started = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}"), RunnerHost.CurlForm(
            "incident[status]=in_progress",
            "incident[body]=The upgrade has started. The reporting dashboard is read-only until it ends, within the hour; the API keeps working."));
        Assert.True(started.StatusCode == HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        Assert.Equal("in_progress", (string)(await started.Content.ReadFromJsonAsync<JsonNode>())!["status"]!);
        Assert.Contains(id, await Listed("active_maintenance"));
        Assert.DoesNotContain(id, await Listed("upcoming"));

        // An incident's stage is not a maintenance's, nor the other way round; an id that is neither is 404.
        var wrong = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{id}"), RunnerHost.Json(new { incident = new { status = "identified", body = "x" } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var (incident, _) = await Host.CreateIncidentAsync(new { name = "Reports slow", body = "Reports take 30 seconds to load for all customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var planned = await Host.Client.PatchAsync(RunnerHost.Api($"incidents/{(string)incident["id"]!}"), RunnerHost.Json(new { incident = new { status = "in_progress", body = "x" } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, planned.StatusCode);
        var neither = await Host.Client.PatchAsync(RunnerHost.Api("incidents/nosuchincident"), RunnerHost.Json(new { incident = new { status = "identified", body = "x" } }));
        Assert.Equal(HttpStatusCode.NotFound, neither.StatusCode);
    }

    [Fact]
    public async Task A_deleted_incident_leaves_the_page_the_feeds_and_the_API_and_its_record_stays()
    {
        var token = "del" + Guid.NewGuid().ToString("N")[..8];
        var (created, _) = await Host.CreateIncidentAsync(new { name = $"Test incident {token}", body = "Posted by a monitoring test by mistake: nothing is wrong for customers.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;
        Assert.Contains(token, await Host.SiteAsync("/index.html"), StringComparison.Ordinal);
        Assert.NotNull(await Host.SiteAsync($"/incidents/{id}.html"));

        var deleted = await Host.Client.DeleteAsync(RunnerHost.Api($"incidents/{id}"));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(id, (string)(await deleted.Content.ReadFromJsonAsync<JsonNode>())!["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync(RunnerHost.Api($"incidents/{id}"))).StatusCode);
        Assert.DoesNotContain((await Host.GetJsonAsync(RunnerHost.Api("incidents")))!.AsArray(), i => (string)i!["id"]! == id);
        Assert.DoesNotContain((await Host.GetJsonAsync(RunnerHost.Api("incidents/unresolved")))!.AsArray(), i => (string)i!["id"]! == id);
        Assert.DoesNotContain(token, await Host.SiteAsync("/index.html"), StringComparison.Ordinal);
        Assert.DoesNotContain(token, await Host.SiteAsync("/history.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain(token, await Host.SiteAsync("/api/v2/summary.json"), StringComparison.Ordinal);
        Assert.Null(await Host.SiteAsync($"/incidents/{id}.html"));
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.DeleteAsync(RunnerHost.Api($"incidents/{id}"))).StatusCode);

        // The record of what was posted stays, with who deleted it and when.
        var table = (Azure.Data.Tables.TableServiceClient)Host.Services.GetService(typeof(Azure.Data.Tables.TableServiceClient))!;
        var header = Assert.Single(table.GetTableClient(Host.SiteContainer).Query<Azure.Data.Tables.TableEntity>(e => e.RowKey == $"inc|{id}"));
        Assert.Equal("api", header.GetString(StatusComms.Infrastructure.Tables.TableIncidentStore.DeletedByProperty));
        Assert.NotNull(header.GetDateTimeOffset(StatusComms.Infrastructure.Tables.TableIncidentStore.DeletedAtProperty));
    }

    [Fact]
    public async Task Collection_and_item_routes_take_the_json_suffix()
    {
        var component = await Host.CreateComponentAsync("Search");
        var id = (string)component["id"]!;

        var list = await Host.Client.GetAsync(RunnerHost.Api("components.json"));
        var one = await Host.Client.GetAsync(RunnerHost.Api($"components/{id}.json"));
        var posted = await Host.Client.PostAsync(RunnerHost.Api("components.json"), RunnerHost.Json(new { component = new { name = "Search API", description = "Search for customers" } }));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("application/json", list.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await list.Content.ReadFromJsonAsync<JsonArray>())!, c => (string)c!["id"]! == id);
        Assert.Equal(id, (string)(await one.Content.ReadFromJsonAsync<JsonNode>())!["id"]!);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    [Theory]
    [InlineData("GET", "components.xml", 404)]
    [InlineData("GET", "no-such-resource", 404)]
    [InlineData("GET", "incidents/abc/nothing/here", 404)]
    [InlineData("DELETE", "components", 405)]
    [InlineData("PUT", "incidents.json", 405)]
    [InlineData("POST", "incidents/unresolved", 405)]
    public async Task Errors_under_api_v1_are_problem_json_never_the_sites_page(string method, string path, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), RunnerHost.Api(path));
        var response = await Host.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(status, (int)problem["status"]!);
        if (status == 405)
        {
            var allow = response.Content.Headers.Allow.ToArray();
            Assert.NotEmpty(allow);
            Assert.DoesNotContain(method, allow);
            Assert.Contains("GET", allow);
        }
    }

    [Fact]
    public async Task Allow_names_what_the_path_takes()
    {
        var response = await Host.Client.DeleteAsync(RunnerHost.Api("incidents"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_body_in_neither_encoding_is_415_in_problem_json()
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("incidents"), new StringContent("<incident/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-www-form-urlencoded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
