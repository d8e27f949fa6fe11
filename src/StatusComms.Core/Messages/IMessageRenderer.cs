namespace StatusComms.Messages;

/// <summary>The library of pre-written messages (templates/messages/{kind}/{stage}.cshtml).</summary>
public interface IMessageRenderer
{
    /// <summary>Template ids, "{kind}/{stage}", e.g. "outage/investigating".</summary>
    IReadOnlyList<string> TemplateIds { get; }

    /// <summary>Renders a template as plain text (the page encodes it when it shows it).</summary>
    Task<string> RenderAsync(string templateId, MessageContext context, CancellationToken cancellationToken);
}
