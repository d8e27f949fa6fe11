using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>One component's move recorded by an update (Statuspage's "affected_components" entry).</summary>
public sealed record ComponentChange(string ComponentId, string ComponentName, ComponentStatus OldStatus, ComponentStatus NewStatus);
