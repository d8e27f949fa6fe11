using StatusComms.Components;

namespace StatusComms.Functions.Contracts;

/// <summary>A component as Statuspage's management API returns it.</summary>
public sealed record ComponentJson(
    string Id,
    string PageId,
    string? GroupId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Group,
    string Name,
    string? Description,
    int Position,
    ComponentStatus Status,
    bool Showcase,
    bool OnlyShowIfDegraded,
    string? AutomationEmail,
    DateOnly? StartDate,
    IReadOnlyList<string>? Components)
{
    /// <param name="displayed">The status the page shows (the component's own, raised by open incidents and active maintenance).</param>
    public static ComponentJson From(Component component, string pageId, ComponentStatus displayed, IEnumerable<Component> all)
        => new(
            component.Id,
            pageId,
            component.GroupId,
            component.CreatedAt,
            component.UpdatedAt,
            component.IsGroup,
            component.Name,
            component.Description,
            component.Position,
            displayed,
            component.Showcase,
            component.OnlyShowIfDegraded,
            null,
            component.StartDate,
            component.IsGroup ? all.Where(c => c.GroupId == component.Id).OrderBy(c => c.Position).Select(c => c.Id).ToArray() : null);
}
