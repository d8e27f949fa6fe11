namespace StatusComms.Components;

/// <summary>A new component as a comms lead describes it.</summary>
public sealed record NewComponent(
    string Name,
    string? Description,
    ComponentStatus? Status,
    string? GroupId,
    bool? Showcase,
    bool? OnlyShowIfDegraded,
    DateOnly? StartDate);

/// <summary>Changes to a component; null members stay as they are.</summary>
public sealed record ComponentChanges(
    string? Name,
    string? Description,
    ComponentStatus? Status,
    string? GroupId,
    bool? Showcase,
    bool? OnlyShowIfDegraded,
    DateOnly? StartDate,
    int? Position);

/// <summary>A new group of components.</summary>
public sealed record NewComponentGroup(string Name, string? Description, IReadOnlyList<string> ComponentIds);

/// <summary>A change to a group: a new name or description, and when <see cref="ComponentIds"/> is given, exactly the components it holds.</summary>
public sealed record ComponentGroupChanges(string? Name, string? Description, IReadOnlyList<string>? ComponentIds);
