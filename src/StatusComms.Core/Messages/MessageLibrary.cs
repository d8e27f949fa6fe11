using System.Globalization;
using System.Text.RegularExpressions;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Messages;

/// <summary>Lists the pre-written messages and writes a draft from one for an incident or a maintenance, checked for candor.</summary>
public sealed partial class MessageLibrary(IMessageRenderer renderer, IIncidentStore incidents, IComponentStore components, CandorCheck candor, CandorOptions options, TimeProvider time)
{
    private const string MaintenanceKind = "maintenance/";

    /// <summary>Templates for a kind of event and a stage (either may be null for all).</summary>
    public IReadOnlyList<string> List(string? kind, string? stage)
        => renderer.TemplateIds
            .Where(id => kind is null || id.StartsWith(kind + "/", StringComparison.Ordinal))
            .Where(id => stage is null || id.EndsWith("/" + stage, StringComparison.Ordinal))
            .ToArray();

    /// <returns>The draft, or null when there is no incident with that id.</returns>
    public async Task<MessageDraft?> DraftAsync(string incidentId, string templateId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        Validate(templateId, fields);
        var incidentTask = incidents.GetAsync(incidentId, cancellationToken);
        var known = (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        if (await incidentTask is not { } incident)
        {
            return null;
        }

        return await DraftAsync(incident, known, templateId, fields, cancellationToken);
    }

    /// <summary>Writes a draft for an incident already loaded (the tests render every template this way).</summary>
    public async Task<MessageDraft> DraftAsync(Incident incident, IReadOnlyDictionary<string, Component> known, string templateId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var now = time.GetUtcNow();

        // The next update is promised at the latest time the impact allows; the comms lead can bring it forward.
        var nextUpdateAt = now + options.CadenceFor(incident.Impact);
        var names = incident.Components.Keys.Select(id => known.GetValueOrDefault(id)?.Name).OfType<string>().ToArray();
        var context = new MessageContext(incident.Name, names, StatusPage.StatusLabels.For(incident.Impact), incident.StartedAt, incident.ResolvedAt, now, nextUpdateAt, fields);
        var body = (await renderer.RenderAsync(templateId, context, cancellationToken)).Trim();
        var stage = templateId[(templateId.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var findings = candor.Check(new CandorDraft
        {
            Title = incident.Name,
            Body = body,
            Stage = WireName.TryParse<IncidentStatus>(stage, out var status) ? status : IncidentStatus.Monitoring,
            IsPlannedWork = templateId.StartsWith(MaintenanceKind, StringComparison.Ordinal),
            Impact = incident.Impact,
            AffectedComponents = names,
            PageVocabulary = known.Values.Select(c => c.Name).ToArray(),
            NextUpdateAt = nextUpdateAt,
            Now = now,
            ImpactStartedAt = incident.StartedAt,
            ImpactEndedAt = incident.ResolvedAt ?? now,
        });
        var placeholders = Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct().ToArray();
        return new MessageDraft(templateId, body, nextUpdateAt, placeholders, findings);
    }

    /// <summary>
    /// Writes a draft from a maintenance message (<c>maintenance/{stage}</c>) for a maintenance, stored or previewed: its
    /// components fill themselves, and so do <c>window_start</c> and <c>window_end</c> from its window unless given.
    /// The check judges it as planned work, exactly as posting it would.
    /// </summary>
    public async Task<MessageDraft> DraftMaintenanceAsync(ScheduledMaintenance maintenance, IReadOnlyDictionary<string, Component> known, string templateId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(known);
        Validate(templateId, fields);
        if (!templateId.StartsWith(MaintenanceKind, StringComparison.Ordinal))
        {
            throw new DomainRuleException($"'{templateId}' is not a maintenance message. Maintenance messages: {string.Join(", ", List("maintenance", null))}.");
        }

        var now = time.GetUtcNow();
        var names = maintenance.ComponentIds.Select(id => known.GetValueOrDefault(id)?.Name).OfType<string>().ToArray();
        var filled = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        filled.TryAdd("window_start", WindowTime(maintenance.ScheduledFor, null));
        filled.TryAdd("window_end", WindowTime(maintenance.ScheduledUntil, maintenance.ScheduledFor));
        var context = new MessageContext(maintenance.Name, names, StatusPage.StatusLabels.For(ComponentStatus.UnderMaintenance), maintenance.ScheduledFor, maintenance.ScheduledUntil, now, maintenance.ScheduledUntil, filled);
        var body = (await renderer.RenderAsync(templateId, context, cancellationToken)).Trim();
        var findings = candor.Check(MaintenanceService.CandorDraftOf(maintenance, body, known, now));
        var placeholders = Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct().ToArray();
        return new MessageDraft(templateId, body, maintenance.ScheduledUntil, placeholders, findings);
    }

    /// <summary>
    /// A time of a maintenance window as its messages say it: "Saturday 6 December at 02:00 UTC", or only "04:00 UTC"
    /// when it falls on the same UTC day as <paramref name="sameDayAs"/> (the window's start).
    /// </summary>
    public static string WindowTime(DateTimeOffset at, DateTimeOffset? sameDayAs)
        => sameDayAs is { } day && day.UtcDateTime.Date == at.UtcDateTime.Date
            ? StatusPage.SiteFormat.Clock(at)
            : at.UtcDateTime.ToString("dddd d MMMM 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private void Validate(string templateId, IReadOnlyDictionary<string, string> fields)
    {
        if (!renderer.TemplateIds.Contains(templateId))
        {
            throw new DomainRuleException($"There is no message template '{templateId}'. Templates: {string.Join(", ", renderer.TemplateIds)}.");
        }

        var unknown = fields.Keys.FirstOrDefault(k => !MessageContext.FieldDescriptions.ContainsKey(k));
        if (unknown is not null)
        {
            throw new DomainRuleException($"'{unknown}' is not a field of the message templates. Fields: {string.Join(", ", MessageContext.FieldDescriptions.Keys)}.");
        }
    }

    [GeneratedRegex(@"\[\[([^\]]+)\]\]")]
    private static partial Regex Placeholder();
}
