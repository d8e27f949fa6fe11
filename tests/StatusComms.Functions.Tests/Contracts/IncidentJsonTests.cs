using System.Text.Json;
using System.Text.Json.Nodes;
using StatusComms.Components;
using StatusComms.Functions.Contracts;
using StatusComms.Functions.Http;
using StatusComms.Incidents;

namespace StatusComms.Functions.Tests.Contracts;

/// <summary>
/// Every field of a stored incident reaches the management API's JSON under its Statuspage name. The list below is
/// checked against <see cref="IncidentSnapshot"/> itself, so a field added to the domain fails this test until the
/// contract carries it (which is how <c>postmortem_body</c> went missing before: it was passed as null).
/// </summary>
public class IncidentJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly IncidentSnapshot Snapshot = new(
        Id: "inc-1",
        Name: "Checkout errors",
        Status: IncidentStatus.Postmortem,
        Impact: IncidentImpact.Major,
        ImpactOverridden: true,
        CreatedAt: T0,
        UpdatedAt: T0.AddHours(5),
        StartedAt: T0.AddMinutes(-10),
        MonitoringAt: T0.AddHours(1),
        ResolvedAt: T0.AddHours(2),
        Components: new Dictionary<string, ComponentStatus> { ["cmp-1"] = ComponentStatus.PartialOutage },
        PostmortemBody: "A certificate expired; it now renews 30 days ahead. We are sorry.",
        PostmortemPublishedAt: T0.AddHours(4));

    /// <summary>Each snapshot member, the JSON field it reaches, and the value expected there.</summary>
    private static readonly Dictionary<string, (string Field, Func<JsonNode?, bool> Holds)> Mapping = new()
    {
        [nameof(IncidentSnapshot.Id)] = ("id", v => (string?)v == "inc-1"),
        [nameof(IncidentSnapshot.Name)] = ("name", v => (string?)v == "Checkout errors"),
        [nameof(IncidentSnapshot.Status)] = ("status", v => (string?)v == "postmortem"),
        [nameof(IncidentSnapshot.Impact)] = ("impact", v => (string?)v == "major"),
        [nameof(IncidentSnapshot.ImpactOverridden)] = ("impact_override", v => (string?)v == "major"),
        [nameof(IncidentSnapshot.CreatedAt)] = ("created_at", v => Instant(v) == T0),
        [nameof(IncidentSnapshot.UpdatedAt)] = ("updated_at", v => Instant(v) == T0.AddHours(5)),
        [nameof(IncidentSnapshot.StartedAt)] = ("started_at", v => Instant(v) == T0.AddMinutes(-10)),
        [nameof(IncidentSnapshot.MonitoringAt)] = ("monitoring_at", v => Instant(v) == T0.AddHours(1)),
        [nameof(IncidentSnapshot.ResolvedAt)] = ("resolved_at", v => Instant(v) == T0.AddHours(2)),
        [nameof(IncidentSnapshot.Components)] = ("components", v => v is JsonArray { Count: 1 } a && (string?)a[0]!["id"] == "cmp-1"),
        [nameof(IncidentSnapshot.PostmortemBody)] = ("postmortem_body", v => (string?)v == Snapshot.PostmortemBody),
        [nameof(IncidentSnapshot.PostmortemPublishedAt)] = ("postmortem_published_at", v => Instant(v) == T0.AddHours(4)),
    };

    [Fact]
    public void The_mapping_names_every_field_of_a_stored_incident()
    {
        var members = typeof(IncidentSnapshot).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract");
        Assert.Empty(members.Except(Mapping.Keys));
    }

    [Fact]
    public void Every_field_of_a_stored_incident_reaches_the_json_under_its_statuspage_name()
    {
        var incident = Incident.Rehydrate(Snapshot, [], "v1");
        var component = new Component { Id = "cmp-1", Name = "Checkout", Status = ComponentStatus.Operational, CreatedAt = T0, UpdatedAt = T0 };
        var details = new IncidentDetails(incident, new Dictionary<string, Component> { ["cmp-1"] = component });

        var json = JsonNode.Parse(JsonSerializer.Serialize(IncidentJson.From(details, "page-1", "https://status.example.com"), ApiJson.Options))!.AsObject();

        var missing = Mapping
            .Where(m => !json.TryGetPropertyValue(m.Value.Field, out var value) || !m.Value.Holds(value))
            .Select(m => $"{m.Key} → {m.Value.Field}: {json[m.Value.Field]?.ToJsonString() ?? "absent or null"}");
        Assert.Empty(missing);
    }

    private static DateTimeOffset? Instant(JsonNode? value)
        => value is null ? null : DateTimeOffset.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture);
}
