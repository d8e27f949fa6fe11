using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace StatusComms.Core.Tests.PublicApi;

/// <summary>
/// The Statuspage v2 schemas accept a sample of each file in Statuspage's exact shape (PublicApi/Samples, modelled on
/// payloads real Statuspage pages publish, with invented content) and reject samples broken in one place, naming
/// that place.
/// </summary>
public class StatuspageSchemaTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => [.. StatuspageSchemas.FileNames];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_sample_of_each_file_is_valid(string file)
    {
        Assert.Empty(StatuspageSchemas.Validate(file, Sample(file)));
    }

    [Fact]
    public void Every_file_has_a_sample_and_the_eight_statuspage_files_have_a_schema()
    {
        Assert.Equal(
            [
                "summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json",
                "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json",
            ],
            StatuspageSchemas.FileNames);
        Assert.All(StatuspageSchemas.FileNames, f => Assert.True(File.Exists(SamplePath(f)), f));
    }

    [Fact]
    public void A_file_may_be_named_by_its_api_path_and_an_unknown_file_is_refused()
    {
        Assert.Empty(StatuspageSchemas.Validate("/api/v2/status.json", Sample("status.json")));
        Assert.Throws<ArgumentException>(() => StatuspageSchemas.Validate("incidents/123.json", "{}"));
    }

    [Fact]
    public void Text_that_is_not_json_is_an_error_not_an_exception()
    {
        Assert.Single(StatuspageSchemas.Validate("status.json", "{ \"page\": "));
    }

    /// <summary>One break per case: the file, how to break its sample, and where the error must be reported.</summary>
    private static readonly Dictionary<string, (string File, Action<JsonNode> Break, string At)> Breaks = new()
    {
        ["indicator is not a Statuspage indicator"] =
            ("status.json", d => d["status"]!["indicator"] = "ok", "/status/indicator"),
        ["status has no description"] =
            ("status.json", d => d["status"]!.AsObject().Remove("description"), "/status"),
        ["status.json has no status"] =
            ("status.json", d => d.AsObject().Remove("status"), "(root)"),
        ["page has no time_zone"] =
            ("summary.json", d => d["page"]!.AsObject().Remove("time_zone"), "/page"),
        ["page url is not a url"] =
            ("components.json", d => d["page"]!["url"] = "status.northwind.example", "/page/url"),
        ["incident impact is not an impact"] =
            ("incidents.json", d => d["incidents"]![0]!["impact"] = "severe", "/incidents/0/impact"),
        ["incident impact maintenance belongs to maintenances only"] =
            ("incidents.json", d => d["incidents"]![0]!["impact"] = "maintenance", "/incidents/0/impact"),
        ["incident status is not an incident status"] =
            ("incidents.json", d => d["incidents"]![1]!["status"] = "closed", "/incidents/1/status"),
        ["affected component new_status is not a component status"] =
            ("incidents.json",
             d => d["incidents"]![0]!["incident_updates"]![0]!["affected_components"]![0]!["new_status"] = "broken",
             "/incidents/0/incident_updates/0/affected_components/0/new_status"),
        ["affected component has no code"] =
            ("incidents.json",
             d => d["incidents"]![0]!["incident_updates"]![0]!["affected_components"]![0]!.AsObject().Remove("code"),
             "/incidents/0/incident_updates/0/affected_components/0"),
        ["update deliver_notifications is a string"] =
            ("incidents.json", d => d["incidents"]![1]!["incident_updates"]![0]!["deliver_notifications"] = "true",
             "/incidents/1/incident_updates/0/deliver_notifications"),
        ["update leaves out tweet_id instead of writing null"] =
            ("incidents.json", d => d["incidents"]![1]!["incident_updates"]![1]!.AsObject().Remove("tweet_id"),
             "/incidents/1/incident_updates/1"),
        ["incident has no components"] =
            ("incidents.json", d => d["incidents"]![2]!.AsObject().Remove("components"), "/incidents/2"),
        ["timestamp is yesterday"] =
            ("incidents.json", d => d["incidents"]![1]!["created_at"] = "yesterday", "/incidents/1/created_at"),
        ["nullable timestamp is not a timestamp"] =
            ("incidents.json", d => d["incidents"]![1]!["resolved_at"] = "2026-11-19", "/incidents/1/resolved_at"),
        ["timestamp has .NET's seven-digit fraction"] =
            ("status.json", d => d["page"]!["updated_at"] = "2026-11-25T06:42:17.3180000-07:00", "/page/updated_at"),
        ["timestamp has no offset"] =
            ("status.json", d => d["page"]!["updated_at"] = "2026-11-25T06:42:17.318", "/page/updated_at"),
        ["incidents.json holds more than 50 incidents"] =
            ("incidents.json", d => Repeat(d["incidents"]!.AsArray(), 51), "/incidents"),
        ["component position is a string"] =
            ("components.json", d => d["components"]![1]!["position"] = "1", "/components/1/position"),
        ["component position is zero"] =
            ("components.json", d => d["components"]![1]!["position"] = 0, "/components/1/position"),
        ["component status is not a component status"] =
            ("summary.json", d => d["components"]![2]!["status"] = "degraded", "/components/2/status"),
        ["component leaves out description instead of writing null"] =
            ("components.json", d => d["components"]![2]!.AsObject().Remove("description"), "/components/2"),
        ["component start_date has a time"] =
            ("components.json", d => d["components"]![1]!["start_date"] = "2023-04-17T00:00:00Z", "/components/1/start_date"),
        ["group component has no components"] =
            ("components.json", d => d["components"]![0]!.AsObject().Remove("components"), "/components/0"),
        ["group component is inside a group"] =
            ("components.json", d => d["components"]![0]!["group_id"] = "h5r0xk2t9c3d", "/components/0/group_id"),
        ["plain component lists components"] =
            ("components.json", d => d["components"]![1]!["components"] = new JsonArray(), "/components/1/components"),
        ["unresolved.json lists a resolved incident"] =
            ("incidents/unresolved.json", d => d["incidents"]![0]!["status"] = "resolved", "/incidents/0/status"),
        ["summary lists a resolved incident"] =
            ("summary.json", d => d["incidents"]![0]!["status"] = "postmortem", "/incidents/0/status"),
        ["summary lists a completed maintenance"] =
            ("summary.json", d => d["scheduled_maintenances"]![0]!["status"] = "completed", "/scheduled_maintenances/0/status"),
        ["maintenance has no scheduled_until"] =
            ("scheduled-maintenances.json", d => d["scheduled_maintenances"]![0]!.AsObject().Remove("scheduled_until"),
             "/scheduled_maintenances/0"),
        ["maintenance status is an incident status"] =
            ("scheduled-maintenances.json", d => d["scheduled_maintenances"]![2]!["status"] = "resolved",
             "/scheduled_maintenances/2/status"),
        ["maintenance update status is an incident status"] =
            ("scheduled-maintenances.json",
             d => d["scheduled_maintenances"]![1]!["incident_updates"]![0]!["status"] = "investigating",
             "/scheduled_maintenances/1/incident_updates/0/status"),
        ["upcoming.json lists a maintenance in progress"] =
            ("scheduled-maintenances/upcoming.json", d => d["scheduled_maintenances"]![0]!["status"] = "in_progress",
             "/scheduled_maintenances/0/status"),
        ["active.json lists a maintenance still scheduled"] =
            ("scheduled-maintenances/active.json", d => d["scheduled_maintenances"]![0]!["status"] = "scheduled",
             "/scheduled_maintenances/0/status"),
        ["optional postmortem field has the wrong type"] =
            ("incidents.json", d => d["incidents"]![2]!["postmortem_published_at"] = "soon", "/incidents/2/postmortem_published_at"),
    };

    public static TheoryData<string> BreakNames => [.. Breaks.Keys];

    [Theory]
    [MemberData(nameof(BreakNames))]
    public void A_sample_broken_in_one_place_is_rejected_there(string name)
    {
        var (file, breakIt, at) = Breaks[name];
        var document = JsonNode.Parse(Sample(file))!;
        breakIt(document);

        var errors = StatuspageSchemas.Validate(file, document.ToJsonString());
        foreach (var error in errors)
        {
            output.WriteLine(error);
        }

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.StartsWith(at + ": ", StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, (string File, Action<JsonNode> Change)> Variants = new()
    {
        ["indicator maintenance, as live pages send during a maintenance"] =
            ("status.json", d => d["status"] = new JsonObject { ["indicator"] = "maintenance", ["description"] = "Service Under Maintenance" }),
        ["timestamps in UTC with Z, with +00:00, and without fraction"] =
            ("incidents.json", d =>
            {
                d["page"]!["updated_at"] = "2026-11-25T13:42:17.318Z";
                d["incidents"]![0]!["created_at"] = "2026-11-25T12:41:09.214+00:00";
                d["incidents"]![0]!["started_at"] = "2026-11-25T12:41:09Z";
            }),
        ["an update that changed no component has affected_components null"] =
            ("incidents/unresolved.json", d => d["incidents"]![0]!["incident_updates"]![0]!["affected_components"] = null),
        ["a maintenance with an incident impact, as older maintenances have"] =
            ("scheduled-maintenances/upcoming.json", d => d["scheduled_maintenances"]![0]!["impact"] = "minor"),
        ["postmortem fields of the management API, when present"] =
            ("incidents.json", d =>
            {
                var incident = d["incidents"]![2]!;
                incident["postmortem_body"] = "Certificates now renew 30 days ahead.";
                incident["postmortem_body_last_updated_at"] = "2026-10-06T10:05:41.640-06:00";
                incident["postmortem_published_at"] = "2026-10-06T10:05:41.640-06:00";
                incident["postmortem_ignored"] = false;
                incident["postmortem_notified_subscribers"] = true;
                incident["postmortem_notified_twitter"] = false;
            }),
        ["an unknown field Statuspage may add later"] =
            ("summary.json", d => d["incidents"]![0]!["reminder_intervals"] = "[3, 6, 12, 24]"),
        ["empty lists"] =
            ("summary.json", d =>
            {
                d["incidents"] = new JsonArray();
                d["scheduled_maintenances"] = new JsonArray();
            }),
        ["exactly 50 incidents"] =
            ("incidents.json", d => Repeat(d["incidents"]!.AsArray(), 50)),
    };

    public static TheoryData<string> VariantNames => [.. Variants.Keys];

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void A_sample_varied_the_way_statuspage_varies_is_still_valid(string name)
    {
        var (file, change) = Variants[name];
        var document = JsonNode.Parse(Sample(file))!;
        change(document);

        Assert.Empty(StatuspageSchemas.Validate(file, document.ToJsonString()));
    }

    /// <summary>Ordering is beyond JSON Schema; the samples keep Statuspage's: updates and lists newest first.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void The_samples_list_updates_and_entries_newest_first(string file)
    {
        var document = JsonNode.Parse(Sample(file))!;
        foreach (var list in new[] { "incidents", "scheduled_maintenances" })
        {
            if (document[list] is not JsonArray entries)
            {
                continue;
            }

            var key = list == "incidents" ? "created_at" : "scheduled_for";
            AssertDescending(entries.Select(e => e![key]!.GetValue<string>()), $"{file} {list}");
            foreach (var entry in entries)
            {
                AssertDescending(
                    entry!["incident_updates"]!.AsArray().Select(u => u!["display_at"]!.GetValue<string>()),
                    $"{file} {entry["id"]} incident_updates");
            }
        }
    }

    private static void AssertDescending(IEnumerable<string> timestamps, string what)
    {
        var times = timestamps.Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(times.SequenceEqual(times.OrderByDescending(t => t)), $"{what} are not newest first");
    }

    private static void Repeat(JsonArray list, int count)
    {
        var first = list[0]!;
        list.Clear();
        for (var i = 0; i < count; i++)
        {
            var copy = first.DeepClone();
            copy["id"] = $"copy{i:D8}";
            list.Add(copy);
        }
    }

    private static string SamplePath(string file) =>
        Path.Combine(AppContext.BaseDirectory, "PublicApi", "Samples", file.Replace('/', Path.DirectorySeparatorChar));

    private static string Sample(string file) => File.ReadAllText(SamplePath(file));
}
