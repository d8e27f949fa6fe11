using StatusComms.Common;
using StatusComms.CommsConsole;
using StatusComms.Components;

namespace StatusComms.Functions.Console;

/// <summary>GET/POST console/components: add components and groups, rename or describe a component, change its status or group, move it up or down.</summary>
public sealed class ComponentsScreen(ComponentService components, ConsoleService console, ConsoleChromeFactory chrome, ConsoleNotices notices, IConsoleRenderer renderer)
{
    [Function("ConsoleComponents")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleComponents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return await PageAsync(request, notices.Read(request), [], StatusCodes.Status200OK, cancellationToken);
        }

        var form = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        try
        {
            var notice = await ApplyAsync(form, cancellationToken);
            return notices.Redirect(request, "/console/components", notice);
        }
        catch (DomainRuleException rule)
        {
            return await PageAsync(request, null, [rule.Message], StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
    }

    private async Task<string> ApplyAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var action = ConsoleHttp.Value(form, "action");
        var name = ConsoleHttp.Value(form, "name")?.Trim();
        var groupId = ConsoleHttp.Value(form, "group_id") ?? string.Empty;
        switch (action)
        {
            case "add":
                var added = await components.CreateAsync(new NewComponent(name ?? string.Empty, ConsoleHttp.Value(form, "description") is { Length: > 0 } d ? d : null, null, groupId.Length > 0 ? groupId : null, null, null, null), cancellationToken);
                return $"Added {added.Name}.";
            case "add-group":
                var (group, _) = await components.CreateGroupAsync(new NewComponentGroup(name ?? string.Empty, null, []), cancellationToken);
                return $"Added the group {group.Name}.";
        }

        var id = ConsoleHttp.Value(form, "id");
        var listing = await components.ListAsync(cancellationToken);
        var component = id is null ? null : listing.Find(id);
        if (component is null || component.IsGroup)
        {
            throw new DomainRuleException("There is no such component (it may have been deleted meanwhile).");
        }

        switch (action)
        {
            case "save":
                var status = WireName.TryParse<ComponentStatus>(ConsoleHttp.Value(form, "status"), out var s) ? s : throw new DomainRuleException("Choose one of the statuses listed.");
                var description = ConsoleHttp.Value(form, "description");
                await components.UpdateAsync(component.Id, new ComponentChanges(name is { Length: > 0 } ? name : null, description?.Trim(), status, groupId, null, null, null, null), null, cancellationToken);
                return $"Saved {(name is { Length: > 0 } ? name : component.Name)}.";
            case "up" or "down":
                var ordered = listing.Components.Where(c => !c.IsGroup).OrderBy(c => c.Position).ToList();
                var index = ordered.FindIndex(c => c.Id == component.Id);
                var other = action == "up" ? index - 1 : index + 1;
                if (other < 0 || other >= ordered.Count)
                {
                    return $"{component.Name} is already {(action == "up" ? "first" : "last")}.";
                }

                var (a, b) = (ordered[index].Position, ordered[other].Position);
                await components.UpdateAsync(ordered[other].Id, new ComponentChanges(null, null, null, null, null, null, null, a), null, cancellationToken);
                await components.UpdateAsync(component.Id, new ComponentChanges(null, null, null, null, null, null, null, a == b ? a + (action == "up" ? -1 : 1) : b), null, cancellationToken);
                return $"Moved {component.Name} {action}.";
            default:
                throw new DomainRuleException("Use one of the buttons on this page.");
        }
    }

    private async Task<IActionResult> PageAsync(HttpRequest request, string? notice, IReadOnlyList<string> problems, int status, CancellationToken cancellationToken)
    {
        var view = await console.ComponentsAsync(chrome.For(request.HttpContext, ConsoleSection.Components), notice, problems, cancellationToken);
        return ConsoleHttp.Page(request, await renderer.RenderAsync("Components", view, cancellationToken), status);
    }
}
