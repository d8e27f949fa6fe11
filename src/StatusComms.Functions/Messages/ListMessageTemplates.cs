using StatusComms.Messages;

namespace StatusComms.Functions.Messages;

/// <summary>GET message-templates?kind=&amp;stage=: the pre-written messages, e.g. every "identified" message.</summary>
public sealed class ListMessageTemplates(MessageLibrary library)
{
    [Function(nameof(ListMessageTemplates))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.MessageTemplates)] HttpRequest request)
    {
        var kind = request.Query["kind"].ToString();
        var stage = request.Query["stage"].ToString();
        var ids = library.List(kind.Length == 0 ? null : kind, stage.Length == 0 ? null : stage);
        return ApiResults.Ok(new MessageTemplateListJson(ids.Select(MessageTemplateJson.From).ToArray(), MessageContext.FieldDescriptions));
    }
}
