using StatusComms.Candor;

namespace StatusComms.Messages;

/// <summary>A message written from a template for an incident, with the candor check's verdict on it.</summary>
public sealed record MessageDraft(string TemplateId, string Body, DateTimeOffset NextUpdateAt, IReadOnlyList<string> Placeholders, IReadOnlyList<CandorFinding> Findings);
