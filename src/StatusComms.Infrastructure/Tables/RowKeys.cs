namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Row keys of the page's partition (docs/storage.md). Ids use only [a-z0-9_-], all below '|' (0x7C) and '~' (0x7E)
/// in ordinal order, so "prefix|" .. "prefix|~" bounds exactly the rows under a prefix.
/// </summary>
internal static class RowKeys
{
    public const string Page = "page";
    public const string RangeEnd = "~";

    public static string Component(string id) => $"cmp|{id}";

    public const string Components = "cmp|";

    /// <summary>The next free component position, claimed in the same transaction as each new component.</summary>
    public const string ComponentPositions = "cmp-position";

    public static string Incident(string id) => $"inc|{id}";

    public static string IncidentUpdates(string id) => $"inc|{id}|";

    public static string IncidentUpdate(string id, int sequence) => $"inc|{id}|u|{sequence:D5}";

    public static string OpenIncident(string id) => $"inc-open|{id}";

    public const string OpenIncidents = "inc-open|";

    /// <summary>Newest first: inverted creation ticks sort later incidents before earlier ones.</summary>
    public static string RecentIncident(DateTimeOffset createdAt, string id) => $"inc-recent|{Inverted(createdAt)}|{id}";

    public const string RecentIncidents = "inc-recent|";

    /// <summary>
    /// History rows of incidents created before <paramref name="time"/> sort at or after this key, and rows of those
    /// created at or after it sort before it (later times invert to smaller numbers).
    /// </summary>
    public static string RecentIncidentsBefore(DateTimeOffset time) => $"inc-recent|{Inverted(time)}|{RangeEnd}";

    public static string Maintenance(string id) => $"mnt|{id}";

    public static string MaintenanceUpdates(string id) => $"mnt|{id}|";

    public static string MaintenanceUpdate(string id, int sequence) => $"mnt|{id}|u|{sequence:D5}";

    public static string OpenMaintenance(string id) => $"mnt-open|{id}";

    public const string OpenMaintenances = "mnt-open|";

    public static string RecentMaintenance(DateTimeOffset scheduledFor, string id) => $"mnt-recent|{Inverted(scheduledFor)}|{id}";

    public const string RecentMaintenances = "mnt-recent|";

    public static string PendingIncidentPage(string id) => $"pending|inc|{id}";

    public const string PendingPages = "pending|";

    /// <summary>An update whose notification is not queued yet ("notify|inc-{incident}-{update}").</summary>
    public static string Outbox(string notificationKey) => $"notify|{notificationKey}";

    /// <summary>A nudge sent to the comms team: "{incident}|{update}|soon" or "…|overdue".</summary>
    public static string Nudge(string key) => $"nudge|{key}";

    public const string OutboxEntries = "notify|";

    public const string UptimeState = "uptime|state";

    public const string UptimeDays = "uptime|day|";

    public static string UptimeDay(DateOnly date) => $"uptime|day|{date:yyyy-MM-dd}";

    public static string IdAfter(string rowKey, string prefix) => rowKey[prefix.Length..];

    private static string Inverted(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
