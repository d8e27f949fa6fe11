using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Rows to domain objects and back. Enum values are stored as Statuspage's spellings, so the table reads like the
/// API; maps and lists too small for rows of their own are JSON strings.
/// </summary>
internal static class EntityMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // 30,000 UTF-16 characters stay under a string property's 64 KiB; 14 of them under the 1 MiB entity limit.
    private const int DigestChunkChars = 30_000;
    private const int MaxDigestChars = DigestChunkChars * 14;

    public static TableEntity ToEntity(string partitionKey, Component component)
        => new(partitionKey, RowKeys.Component(component.Id))
        {
            ["Name"] = component.Name,
            ["Description"] = component.Description,
            ["GroupId"] = component.GroupId,
            ["IsGroup"] = component.IsGroup,
            ["Position"] = component.Position,
            ["Status"] = WireName.Of(component.Status),
            ["Showcase"] = component.Showcase,
            ["OnlyShowIfDegraded"] = component.OnlyShowIfDegraded,
            ["StartDate"] = component.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["CreatedAt"] = component.CreatedAt,
            ["UpdatedAt"] = component.UpdatedAt,
        };

    public static Component ToComponent(TableEntity row)
        => new()
        {
            Id = RowKeys.IdAfter(row.RowKey, RowKeys.Components),
            Name = row.GetString("Name"),
            Description = row.GetString("Description"),
            GroupId = row.GetString("GroupId"),
            IsGroup = row.GetBoolean("IsGroup") ?? false,
            Position = row.GetInt32("Position") ?? 0,
            Status = WireName.Parse<ComponentStatus>(row.GetString("Status")),
            Showcase = row.GetBoolean("Showcase") ?? true,
            OnlyShowIfDegraded = row.GetBoolean("OnlyShowIfDegraded") ?? false,
            StartDate = row.GetString("StartDate") is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            CreatedAt = row.GetDateTimeOffset("CreatedAt")!.Value,
            UpdatedAt = row.GetDateTimeOffset("UpdatedAt")!.Value,
            Version = row.ETag.ToString(),
        };

    public static TableEntity ToHeader(string partitionKey, IncidentSnapshot incident)
        => new(partitionKey, RowKeys.Incident(incident.Id))
        {
            ["Name"] = incident.Name,
            ["Status"] = WireName.Of(incident.Status),
            ["Impact"] = WireName.Of(incident.Impact),
            ["ImpactOverridden"] = incident.ImpactOverridden,
            ["CreatedAt"] = incident.CreatedAt,
            ["UpdatedAt"] = incident.UpdatedAt,
            ["StartedAt"] = incident.StartedAt,
            ["MonitoringAt"] = incident.MonitoringAt,
            ["ResolvedAt"] = incident.ResolvedAt,
            ["Components"] = JsonSerializer.Serialize(incident.Components.ToDictionary(c => c.Key, c => WireName.Of(c.Value)), Json),
            ["PostmortemBody"] = incident.PostmortemBody,
            ["PostmortemPublishedAt"] = incident.PostmortemPublishedAt,
        };

    public static IncidentSnapshot ToIncidentSnapshot(TableEntity row)
        => new(
            RowKeys.IdAfter(row.RowKey, "inc|"),
            row.GetString("Name"),
            WireName.Parse<IncidentStatus>(row.GetString("Status")),
            WireName.Parse<IncidentImpact>(row.GetString("Impact")),
            row.GetBoolean("ImpactOverridden") ?? false,
            row.GetDateTimeOffset("CreatedAt")!.Value,
            row.GetDateTimeOffset("UpdatedAt")!.Value,
            row.GetDateTimeOffset("StartedAt")!.Value,
            row.GetDateTimeOffset("MonitoringAt"),
            row.GetDateTimeOffset("ResolvedAt"),
            (JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Components") ?? "{}", Json) ?? [])
                .ToDictionary(c => c.Key, c => WireName.Parse<ComponentStatus>(c.Value), StringComparer.Ordinal),
            row.GetString("PostmortemBody"),
            row.GetDateTimeOffset("PostmortemPublishedAt"));

    public static TableEntity ToEntity(string partitionKey, IncidentUpdate update)
        => new(partitionKey, RowKeys.IncidentUpdate(update.IncidentId, update.Sequence))
        {
            ["Id"] = update.Id,
            ["Sequence"] = update.Sequence,
            ["Status"] = WireName.Of(update.Status),
            ["Body"] = update.Body,
            ["ComponentChanges"] = JsonSerializer.Serialize(update.ComponentChanges.Select(c => new StoredChange(c.ComponentId, c.ComponentName, WireName.Of(c.OldStatus), WireName.Of(c.NewStatus))), Json),
            ["Author"] = update.Author,
            ["CreatedAt"] = update.CreatedAt,
            ["DisplayAt"] = update.DisplayAt,
            ["NextUpdateAt"] = update.NextUpdateAt,
            ["DeliverNotifications"] = update.DeliverNotifications,
            ["CandorFindings"] = FindingsJson(update.Review),
            ["CandorOverrideReason"] = update.Review.OverrideReason,
            ["OriginalBody"] = update.OriginalBody,
            ["EditedAt"] = update.EditedAt,
            ["EditedBy"] = update.EditedBy,
        };

    public static IncidentUpdate ToIncidentUpdate(string incidentId, TableEntity row)
        => new()
        {
            Id = row.GetString("Id"),
            IncidentId = incidentId,
            Sequence = row.GetInt32("Sequence")!.Value,
            Status = WireName.Parse<IncidentStatus>(row.GetString("Status")),
            Body = row.GetString("Body"),
            ComponentChanges = (JsonSerializer.Deserialize<List<StoredChange>>(row.GetString("ComponentChanges") ?? "[]", Json) ?? [])
                .Select(c => new ComponentChange(c.Id, c.Name, WireName.Parse<ComponentStatus>(c.Old), WireName.Parse<ComponentStatus>(c.New)))
                .ToArray(),
            Author = row.GetString("Author"),
            CreatedAt = row.GetDateTimeOffset("CreatedAt")!.Value,
            DisplayAt = row.GetDateTimeOffset("DisplayAt")!.Value,
            NextUpdateAt = row.GetDateTimeOffset("NextUpdateAt"),
            DeliverNotifications = row.GetBoolean("DeliverNotifications") ?? true,
            Review = ReviewOf(row),
            OriginalBody = row.GetString("OriginalBody"),
            EditedAt = row.GetDateTimeOffset("EditedAt"),
            EditedBy = row.GetString("EditedBy"),
        };

    /// <summary>
    /// The incident's history index row: its summary, and the incident itself (header and updates) as JSON split over
    /// string properties (Azure caps one at 64 KiB, an entity at 1 MiB), so a list of incidents is one query. An
    /// incident too large for that keeps only its public digest here, with the oldest update bodies dropped, and is
    /// read from its own rows when listed.
    /// </summary>
    public static TableEntity ToRecent(string partitionKey, Incident incident)
    {
        var row = new TableEntity(partitionKey, RowKeys.RecentIncident(incident.CreatedAt, incident.Id))
        {
            ["Id"] = incident.Id,
            ["Name"] = incident.Name,
            ["Status"] = WireName.Of(incident.Status),
            ["Impact"] = WireName.Of(incident.Impact),
            ["CreatedAt"] = incident.CreatedAt,
            ["StartedAt"] = incident.StartedAt,
            ["UpdatedAt"] = incident.UpdatedAt,
            ["ResolvedAt"] = incident.ResolvedAt,
            ["PostmortemPublishedAt"] = incident.PostmortemPublishedAt,
        };
        var record = JsonSerializer.Serialize(new StoredIncident(incident.ToSnapshot(), incident.Updates), Json);
        if (record.Length <= MaxDigestChars)
        {
            WriteChunks(row, "Record", record);
            return row;
        }

        var digest = IncidentDigest.Of(incident);
        var json = JsonSerializer.Serialize(digest, Json);
        for (var keep = digest.Updates.Count; json.Length > MaxDigestChars && keep > 1; keep /= 2)
        {
            json = JsonSerializer.Serialize(digest.WithoutOldBodies(keep / 2), Json);
        }

        WriteChunks(row, "Digest", json);
        return row;
    }

    /// <summary>
    /// The incident on a history index row, or null when the row holds only a digest (or nothing: a row written
    /// before either was stored). It carries <see cref="ListedVersion"/>, which matches no stored version, so it can
    /// be read but a change to it is refused as stale: change an incident read by id.
    /// </summary>
    public static Incident? ToListedIncident(TableEntity row)
        => ReadChunks(row, "Record") is { } json && JsonSerializer.Deserialize<StoredIncident>(json, Json) is { } stored
            ? Incident.Rehydrate(stored.Snapshot, stored.Updates, ListedVersion)
            : null;

    /// <summary>The version of an incident read from a list: a valid entity tag no row ever has.</summary>
    public const string ListedVersion = "W/\"listed\"";

    /// <summary>The public digest on a history index row, or null for a row written before digests were stored.</summary>
    public static IncidentDigest? ToDigest(TableEntity row)
        => ToListedIncident(row) is { } incident ? IncidentDigest.Of(incident)
            : ReadChunks(row, "Digest") is { } json ? JsonSerializer.Deserialize<IncidentDigest>(json, Json)
            : null;

    private static void WriteChunks(TableEntity row, string name, string json)
    {
        var chunks = 0;
        for (var start = 0; start < json.Length; start += DigestChunkChars, chunks++)
        {
            row[$"{name}{chunks}"] = json.Substring(start, Math.Min(DigestChunkChars, json.Length - start));
        }

        row[$"{name}Chunks"] = chunks;
    }

    private static string? ReadChunks(TableEntity row, string name)
        => row.GetInt32($"{name}Chunks") is { } chunks
            ? string.Concat(Enumerable.Range(0, chunks).Select(i => row.GetString($"{name}{i}")))
            : null;

    private sealed record StoredIncident(IncidentSnapshot Snapshot, IReadOnlyList<IncidentUpdate> Updates);

    public static IncidentSummary ToSummary(TableEntity row)
        => new(
            row.GetString("Id"),
            row.GetString("Name"),
            WireName.Parse<IncidentStatus>(row.GetString("Status")),
            WireName.Parse<IncidentImpact>(row.GetString("Impact")),
            row.GetDateTimeOffset("CreatedAt")!.Value,
            row.GetDateTimeOffset("StartedAt")!.Value,
            row.GetDateTimeOffset("UpdatedAt")!.Value,
            row.GetDateTimeOffset("ResolvedAt"),
            row.GetDateTimeOffset("PostmortemPublishedAt"));

    public static TableEntity ToHeader(string partitionKey, MaintenanceSnapshot maintenance)
        => new(partitionKey, RowKeys.Maintenance(maintenance.Id))
        {
            ["Name"] = maintenance.Name,
            ["Status"] = WireName.Of(maintenance.Status),
            ["ScheduledFor"] = maintenance.ScheduledFor,
            ["ScheduledUntil"] = maintenance.ScheduledUntil,
            ["AutoTransition"] = maintenance.AutoTransition,
            ["CreatedAt"] = maintenance.CreatedAt,
            ["UpdatedAt"] = maintenance.UpdatedAt,
            ["ComponentIds"] = JsonSerializer.Serialize(maintenance.ComponentIds, Json),

            // 0: no reminder (a null property is not stored, and a row from before reminders reads as the default).
            ["RemindPriorMinutes"] = maintenance.RemindPriorMinutes ?? 0,
            ["RemindedAt"] = maintenance.RemindedAt,
        };

    public static MaintenanceSnapshot ToMaintenanceSnapshot(TableEntity row)
        => new(
            RowKeys.IdAfter(row.RowKey, "mnt|"),
            row.GetString("Name"),
            WireName.Parse<MaintenanceStatus>(row.GetString("Status")),
            row.GetDateTimeOffset("ScheduledFor")!.Value,
            row.GetDateTimeOffset("ScheduledUntil")!.Value,
            row.GetBoolean("AutoTransition") ?? true,
            row.GetDateTimeOffset("CreatedAt")!.Value,
            row.GetDateTimeOffset("UpdatedAt")!.Value,
            JsonSerializer.Deserialize<List<string>>(row.GetString("ComponentIds") ?? "[]", Json) ?? [],
            row.GetInt32("RemindPriorMinutes") is { } minutes ? (minutes > 0 ? minutes : null) : (int)ScheduledMaintenance.DefaultRemindPrior.TotalMinutes,
            row.GetDateTimeOffset("RemindedAt"));

    public static TableEntity ToEntity(string partitionKey, MaintenanceUpdate update)
        => new(partitionKey, RowKeys.MaintenanceUpdate(update.MaintenanceId, update.Sequence))
        {
            ["Id"] = update.Id,
            ["Sequence"] = update.Sequence,
            ["Status"] = WireName.Of(update.Status),
            ["Body"] = update.Body,
            ["Author"] = update.Author,
            ["CreatedAt"] = update.CreatedAt,
            ["DeliverNotifications"] = update.DeliverNotifications,
            ["CandorFindings"] = FindingsJson(update.Review),
            ["CandorOverrideReason"] = update.Review.OverrideReason,
        };

    public static MaintenanceUpdate ToMaintenanceUpdate(string maintenanceId, TableEntity row)
        => new()
        {
            Id = row.GetString("Id"),
            MaintenanceId = maintenanceId,
            Sequence = row.GetInt32("Sequence")!.Value,
            Status = WireName.Parse<MaintenanceStatus>(row.GetString("Status")),
            Body = row.GetString("Body"),
            Author = row.GetString("Author"),
            CreatedAt = row.GetDateTimeOffset("CreatedAt")!.Value,
            DeliverNotifications = row.GetBoolean("DeliverNotifications") ?? true,
            Review = ReviewOf(row),
        };

    private static string FindingsJson(CandorReview review)
        => JsonSerializer.Serialize(review.Findings.Select(f => new StoredFinding(f.RuleId, f.Severity == FindingSeverity.Error, f.Field, f.Start, f.Length, f.Message, f.Suggestion)), Json);

    private static CandorReview ReviewOf(TableEntity row)
        => new(
            (JsonSerializer.Deserialize<List<StoredFinding>>(row.GetString("CandorFindings") ?? "[]", Json) ?? [])
                .Select(f => new CandorFinding(f.Rule, f.Error ? FindingSeverity.Error : FindingSeverity.Warning, f.Field, f.Start, f.Length, f.Message, f.Suggestion))
                .ToArray(),
            row.GetString("CandorOverrideReason"));

    private sealed record StoredChange(string Id, string Name, string Old, string New);

    private sealed record StoredFinding(string Rule, bool Error, string Field, int Start, int Length, string Message, string Suggestion);
}
