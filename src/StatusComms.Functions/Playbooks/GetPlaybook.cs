using StatusComms.Playbooks;

namespace StatusComms.Functions.Playbooks;

/// <summary>GET playbooks/{id}: one playbook ("payment-failure").</summary>
public sealed class GetPlaybook(PlaybookLibrary playbooks)
{
    [Function(nameof(GetPlaybook))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Playbook)] HttpRequest request, string playbookId)
        => playbooks.Find(playbookId) is { } playbook
            ? ApiResults.Ok(PlaybookJson.From(playbook))
            : Problems.NotFound("playbook", playbookId, request.HttpContext);
}
