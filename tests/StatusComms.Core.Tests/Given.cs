using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Core.Tests;

/// <summary>Small builders for realistic test data.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static Component Component(string id, string name, ComponentStatus status = ComponentStatus.Operational, string? groupId = null, bool isGroup = false, int position = 0)
        => new()
        {
            Id = id,
            Name = name,
            Status = status,
            GroupId = groupId,
            IsGroup = isGroup,
            Position = position,
            CreatedAt = Now.AddDays(-30),
            UpdatedAt = Now.AddDays(-30),
        };

    public static IReadOnlyDictionary<string, Component> Components(params Component[] components)
        => components.ToDictionary(c => c.Id);

    public static IncidentCommand Update(string body, IncidentStatus? status = null, Dictionary<string, ComponentStatus>? components = null, DateTimeOffset? nextUpdateAt = null)
        => new()
        {
            Status = status,
            Body = body,
            Components = components ?? [],
            NextUpdateAt = nextUpdateAt,
            Author = "comms-lead",
        };

    public static Incident OpenIncident(IReadOnlyDictionary<string, Component> known, Dictionary<string, ComponentStatus>? components = null, IncidentImpact? impact = null)
        => Incident.Open(
            "inc1",
            "Card payments failing in the EU",
            Update("Card payments in the EU fail with an error. We are investigating.", IncidentStatus.Investigating, components, Now.AddMinutes(30)),
            impact,
            null,
            known,
            Now);
}
