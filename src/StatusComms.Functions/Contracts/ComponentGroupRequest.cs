using StatusComms.Components;

namespace StatusComms.Functions.Contracts;

/// <summary>
/// Body of POST component-groups and PATCH/PUT component-groups/{id}: <c>{"component_group": {"name", "description",
/// "components": [ids]}}</c>. Statuspage's reference puts <c>description</c> beside <c>component_group</c> (its Terraform
/// provider sends it there), its live API reads it inside; both are taken. <c>components_group</c> is taken for
/// <c>component_group</c>, as atlassian-python-api spells it when it creates a group.
/// </summary>
public sealed record ComponentGroupRequest
{
    public ComponentGroupFields? ComponentGroup { get; init; }

    public ComponentGroupFields? ComponentsGroup { get; init; }

    public string? Description { get; init; }

    /// <summary>The group's fields, wherever the client put them.</summary>
    public ComponentGroupFields Fields
    {
        get
        {
            var fields = (ComponentGroup, ComponentsGroup) switch
            {
                ({ }, { }) => throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid JSON", "Send component_group once (components_group is another spelling of it)."),
                ({ } group, null) => group,
                (null, { } group) => group,
                _ => throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid JSON", "The body needs {\"component_group\": {\"name\", \"components\"}}."),
            };
            return fields.Description is null && Description is not null ? fields with { Description = Description } : fields;
        }
    }
}

public sealed record ComponentGroupFields
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Components { get; init; }

    public NewComponentGroup ToNewGroup() => new(Name ?? string.Empty, Description, Components ?? []);

    public ComponentGroupChanges ToChanges() => new(Name, Description, Components);
}
