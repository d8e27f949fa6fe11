using StatusComms.Components;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST component-groups and PATCH/PUT component-groups/{id}: <c>{"component_group": {"name", "description", "components": [ids]}}</c>.</summary>
public sealed record ComponentGroupRequest
{
    public required ComponentGroupFields ComponentGroup { get; init; }
}

public sealed record ComponentGroupFields
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Components { get; init; }

    public NewComponentGroup ToNewGroup() => new(Name ?? string.Empty, Description, Components ?? []);

    public ComponentGroupChanges ToChanges() => new(Name, Description, Components);
}
