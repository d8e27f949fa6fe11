using StatusComms.Playbooks;

namespace StatusComms.Functions.Playbooks;

/// <summary>GET playbooks: the team's plan for each scenario, with its steps in order.</summary>
public sealed class ListPlaybooks(PlaybookLibrary playbooks)
{
    [Function(nameof(ListPlaybooks))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Playbooks)] HttpRequest request)
        => ApiResults.Ok(playbooks.All.Select(PlaybookJson.From).ToArray());
}
