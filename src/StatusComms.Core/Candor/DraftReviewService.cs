using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Candor;

/// <summary>Checks a draft on request, before anything is posted, naming components as customers know them.</summary>
public sealed class DraftReviewService(IComponentStore components, CandorCheck check, TimeProvider time)
{
    public async Task<IReadOnlyList<CandorFinding>> CheckAsync(DraftToCheck draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var known = (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var names = draft.ComponentIds.Select(id => known.TryGetValue(id, out var component)
            ? component.Name
            : throw new DomainRuleException($"There is no component with id '{id}'.")).ToArray();
        return check.Check(new CandorDraft
        {
            Title = draft.Title,
            Body = draft.Body,
            Stage = draft.Stage,
            Impact = draft.Impact,
            AffectedComponents = names,
            PageVocabulary = known.Values.Select(c => c.Name).ToArray(),
            NextUpdateAt = draft.NextUpdateAt,
            Now = time.GetUtcNow(),
            ActionItems = draft.ActionItems,
            IsPostmortemDocument = draft.IsPostmortemDocument,
        });
    }
}

/// <summary>A message to check: its words and the incident context they will be read in.</summary>
public sealed record DraftToCheck(
    string? Title,
    string Body,
    IncidentStatus Stage,
    IncidentImpact Impact,
    IReadOnlyList<string> ComponentIds,
    DateTimeOffset? NextUpdateAt,
    IReadOnlyList<ActionItem> ActionItems,
    bool IsPostmortemDocument);
