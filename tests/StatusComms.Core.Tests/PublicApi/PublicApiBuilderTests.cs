using System.Text;
using System.Text.Json.Nodes;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.PublicApi;
using StatusComms.StatusPage;

namespace StatusComms.Core.Tests.PublicApi;

public sealed class PublicApiBuilderTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Fact]
    public void Every_file_matches_the_schema_written_from_Statuspage_documentation()
    {
        foreach (var (path, document) in PublicApiBuilder.Build(Content()))
        {
            var json = Encoding.UTF8.GetString(PublicJson.Serialize(document));
            var errors = StatuspageSchemas.Validate(path[PublicApiBuilder.Prefix.Length..], json);
            Assert.True(errors.Count == 0, $"{path}:\n{string.Join('\n', errors)}\n{json}");
        }
    }

    [Fact]
    public void The_schema_check_can_fail_on_our_own_output()
    {
        var json = JsonNode.Parse(File("status.json"))!;
        json["status"]!["indicator"] = "ok";

        Assert.NotEmpty(StatuspageSchemas.Validate("status.json", json.ToJsonString()));
    }

    [Fact]
    public void Summary_has_the_page_status_components_unresolved_incidents_and_current_maintenance()
    {
        var summary = JsonNode.Parse(File("summary.json"))!;

        Assert.Equal(["page", "components", "incidents", "scheduled_maintenances", "status"], summary.AsObject().Select(p => p.Key));
        Assert.Equal("major", (string?)summary["status"]!["indicator"]);
        Assert.Equal("Partial System Outage", (string?)summary["status"]!["description"]);
        Assert.Equal(["inc-open"], summary["incidents"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal(["mnt-active", "mnt-next"], summary["scheduled_maintenances"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal("https://status.acme.test", (string?)summary["page"]!["url"]);
        Assert.Equal("2026-11-25T09:40:00.000Z", (string?)summary["page"]!["updated_at"]); // the newest change: the open incident
    }

    [Fact]
    public void Components_carry_their_displayed_status_and_groups_list_their_members()
    {
        var components = JsonNode.Parse(File("components.json"))!["components"]!.AsArray();

        Assert.Equal(["core", "api", "web", "eu"], components.Select(c => (string?)c!["id"]));
        var core = components[0]!;
        Assert.True((bool)core["group"]!);
        Assert.Equal(["api", "web"], core["components"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("partial_outage", (string?)core["status"]); // worst member
        Assert.Equal("partial_outage", (string?)components[1]!["status"]); // raised by the open incident
        Assert.Equal("core", (string?)components[1]!["group_id"]);
        Assert.False(components[1]!.AsObject().ContainsKey("components"));
        Assert.Equal("under_maintenance", (string?)components[3]!["status"]); // the active window
        Assert.Equal("2026-01-31", (string?)components[1]!["start_date"]);
    }

    [Fact]
    public void Incidents_are_newest_first_with_updates_newest_first_and_nothing_internal()
    {
        var text = File("incidents.json");
        var incidents = JsonNode.Parse(text)!["incidents"]!.AsArray();

        Assert.Equal(["inc-open", "inc-old"], incidents.Select(i => (string?)i!["id"]));
        var updates = incidents[1]!["incident_updates"]!.AsArray();
        Assert.Equal(["resolved", "investigating"], updates.Select(u => (string?)u!["status"]));
        Assert.Equal("https://status.acme.test/incidents/inc-old.html", (string?)incidents[1]!["shortlink"]);
        var affected = incidents[0]!["incident_updates"]![0]!["affected_components"]![0]!;
        Assert.Equal("api", (string?)affected["code"]);
        Assert.Equal("operational", (string?)affected["old_status"]);
        Assert.Equal("partial_outage", (string?)affected["new_status"]);
        Assert.Null(incidents[1]!["incident_updates"]![0]!["affected_components"]);
        Assert.DoesNotContain("comms-lead", text, StringComparison.Ordinal);
        Assert.DoesNotContain("candor", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("next_update", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Maintenance_files_split_upcoming_and_active_by_the_clock()
    {
        Assert.Equal(["mnt-next"], Ids(File("scheduled-maintenances/upcoming.json"), "scheduled_maintenances"));
        Assert.Equal(["mnt-active"], Ids(File("scheduled-maintenances/active.json"), "scheduled_maintenances"));
        var all = JsonNode.Parse(File("scheduled-maintenances.json"))!["scheduled_maintenances"]!.AsArray();
        Assert.Equal(["mnt-next", "mnt-active", "mnt-done"], all.Select(m => (string?)m!["id"]));
        Assert.Equal("completed", (string?)all[2]!["status"]);
        Assert.Equal("maintenance", (string?)all[2]!["impact"]);
        Assert.NotNull((string?)all[2]!["resolved_at"]);
    }

    [Fact]
    public void The_indicator_is_maintenance_only_while_a_window_is_in_progress_and_nothing_else_is_wrong()
    {
        var content = Content() with { OpenIncidents = [] };
        var status = JsonNode.Parse(File("status.json", content))!["status"]!;
        Assert.Equal("maintenance", (string?)status["indicator"]);
        Assert.Equal("Service Under Maintenance", (string?)status["description"]);

        var later = content with { Now = Now.AddDays(3) };
        Assert.Equal("none", (string?)JsonNode.Parse(File("status.json", later))!["status"]!["indicator"]);
    }

    [Fact]
    public void Text_people_typed_is_carried_as_json_strings_never_as_markup()
    {
        var content = Content();
        var text = File("incidents.json", content);
        var body = (string?)JsonNode.Parse(text)!["incidents"]![0]!["incident_updates"]![0]!["body"];
        Assert.Equal("Card payments fail with \"502\" </script><script>alert(1)</script>", body);
        Assert.DoesNotContain("</script>", text, StringComparison.Ordinal); // escaped as \u003C/script\u003E
    }

    internal static string File(string name, SiteContent? content = null)
    {
        var (_, document) = PublicApiBuilder.Build(content ?? Content()).Single(f => f.Path == PublicApiBuilder.Prefix + name);
        return Encoding.UTF8.GetString(PublicJson.Serialize(document));
    }

    private static IEnumerable<string?> Ids(string json, string list) => JsonNode.Parse(json)![list]!.AsArray().Select(i => (string?)i!["id"]);

    internal static SiteContent Content()
    {
        var core = Given.Component("core", "Core platform", isGroup: true, position: 1);
        var api = Given.Component("api", "API", groupId: "core", position: 2);
        api.StartDate = new DateOnly(2026, 1, 31);
        var web = Given.Component("web", "Dashboard", groupId: "core", position: 3);
        var eu = Given.Component("eu", "EU region", position: 4);
        var known = Given.Components(core, api, web, eu);

        var open = Incident.Open(
            "inc-open",
            "Card payments failing",
            Given.Update("Card payments fail with \"502\" </script><script>alert(1)</script>", IncidentStatus.Investigating, new() { ["api"] = ComponentStatus.PartialOutage }, Now.AddMinutes(30)),
            null,
            null,
            known,
            Now.AddMinutes(-20));
        var old = Incident.Open("inc-old", "Slow dashboard", Given.Update("The dashboard is slow to load.", IncidentStatus.Investigating, null, Now.AddDays(-3)), null, null, known, Now.AddDays(-3).AddHours(-1));
        old.PostUpdate(Given.Update("Resolved. We are sorry the dashboard was slow for an hour.", IncidentStatus.Resolved), known, Now.AddDays(-3));

        var done = ScheduledMaintenance.Schedule("mnt-done", "Database upgrade", "We will upgrade the database.", Now.AddDays(-10), Now.AddDays(-10).AddHours(2), ["web"], true, known, "comms-lead", Now.AddDays(-12));
        var active = ScheduledMaintenance.Schedule("mnt-active", "EU network work", "Network work in the EU.", Now.AddHours(-1), Now.AddHours(1), ["eu"], true, known, "comms-lead", Now.AddDays(-2));
        var next = ScheduledMaintenance.Schedule("mnt-next", "API gateway upgrade", "We will upgrade the API gateway.", Now.AddDays(2), Now.AddDays(2).AddHours(1), ["api"], true, known, "comms-lead", Now.AddDays(-1));

        return new SiteContent(
            new PageSettings("acme", "Acme Cloud", "https://status.acme.test", "Etc/UTC"),
            [core, api, web, eu],
            [open],
            [IncidentDigest.Of(open), IncidentDigest.Of(old)],
            [next, active, done],
            Now);
    }
}
