using System.Text.RegularExpressions;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Messages;

/// <summary>Lists the pre-written messages and writes a draft from one for an incident, checked for candor.</summary>
public sealed partial class MessageLibrary(IMessageRenderer renderer, IIncidentStore incidents, IComponentStore components, CandorCheck candor, CandorOptions options, TimeProvider time)
{
    /// <summary>Templates for a kind of event and a stage (either may be null for all).</summary>
    public IReadOnlyList<string> List(string? kind, string? stage)
        => renderer.TemplateIds
            .Where(id => kind is null || id.StartsWith(kind + "/", StringComparison.Ordinal))
            .Where(id => stage is null || id.EndsWith("/" + stage, StringComparison.Ordinal))
            .ToArray();

    /// <returns>The draft, or null when there is no incident with that id.</returns>
    public async Task<MessageDraft?> DraftAsync(string incidentId, string templateId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
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
            IsPlannedWork = templateId.StartsWith("maintenance/", StringComparison.Ordinal),
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

    [GeneratedRegex(@"\[\[([^\]]+)\]\]")]
    private static partial Regex Placeholder();
}
