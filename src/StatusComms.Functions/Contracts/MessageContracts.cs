using StatusComms.Messages;

namespace StatusComms.Functions.Contracts;

/// <summary>A pre-written message in the library.</summary>
public sealed record MessageTemplateJson(string Id, string Kind, string Stage)
{
    public static MessageTemplateJson From(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return new MessageTemplateJson(id, id[..slash], id[(slash + 1)..]);
    }
}

/// <summary>The library's templates and the fields a comms lead can fill in them.</summary>
public sealed record MessageTemplateListJson(IReadOnlyList<MessageTemplateJson> Templates, IReadOnlyDictionary<string, string> Fields);

/// <summary>Body of POST incidents/{id}/drafts: <c>{"template": "outage/investigating", "fields": {"symptom": "..."}}</c>.</summary>
public sealed record DraftMessageRequest
{
    public required string Template { get; init; }
    public Dictionary<string, string> Fields { get; init; } = [];
}

/// <summary>A draft written from a template: the text, the promised next update, what is still to fill, the verdict.</summary>
public sealed record MessageDraftJson(string Template, string Body, DateTimeOffset NextUpdateAt, IReadOnlyList<string> Placeholders, bool Publishable, IReadOnlyList<FindingJson> Findings)
{
    public static MessageDraftJson From(MessageDraft draft)
        => new(
            draft.TemplateId,
            draft.Body,
            draft.NextUpdateAt,
            draft.Placeholders,
            !draft.Findings.Any(f => f.Severity == StatusComms.Candor.FindingSeverity.Error),
            draft.Findings.Select(FindingJson.From).ToArray());
}
