using StatusComms.Common;

namespace StatusComms.Components;

/// <summary>A part of the product customers recognise ("API", "Dashboard", "EU region"), or a group of them.</summary>
public sealed class Component
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 1000;

    public required string Id { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Id of the group this component is shown under, or null for a top-level component.</summary>
    public string? GroupId { get; set; }

    /// <summary>True for a group container; its children name it in <see cref="GroupId"/>.</summary>
    public bool IsGroup { get; init; }

    public int Position { get; set; }

    /// <summary>The status set on the component itself; what the page shows also accounts for incidents and maintenance.</summary>
    public ComponentStatus Status { get; set; }

    public bool Showcase { get; set; } = true;
    public bool OnlyShowIfDegraded { get; set; }
    public DateOnly? StartDate { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Opaque concurrency token given by the store; null for a component not yet stored.</summary>
    public string? Version { get; set; }

    public static void ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A component needs a name customers recognise.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new DomainRuleException($"A component name has at most {MaxNameLength} characters.");
        }
    }

    public static void ValidateDescription(string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new DomainRuleException($"A component description has at most {MaxDescriptionLength} characters.");
        }
    }
}
