using StatusComms.Components;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST/PATCH components: <c>{"component": {...}}</c>, as in Statuspage's API.</summary>
public sealed record ComponentRequest
{
    public required ComponentFields Component { get; init; }
}

public sealed record ComponentFields
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public ComponentStatus? Status { get; init; }
    public string? GroupId { get; init; }
    public bool? Showcase { get; init; }
    public bool? OnlyShowIfDegraded { get; init; }
    public DateOnly? StartDate { get; init; }
    public int? Position { get; init; }

    public NewComponent ToNewComponent()
        => new(Name ?? string.Empty, Description, Status, GroupId, Showcase, OnlyShowIfDegraded, StartDate);

    public ComponentChanges ToChanges()
        => new(Name, Description, Status, GroupId, Showcase, OnlyShowIfDegraded, StartDate, Position);
}
