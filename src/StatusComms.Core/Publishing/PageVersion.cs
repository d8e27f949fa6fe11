using System.Globalization;

namespace StatusComms.Publishing;

/// <summary>
/// The page's data version and the latest changes that raised it, oldest first, each written in the same transaction
/// as the change itself. A publisher that read everything at an earlier version learns from them exactly what to read
/// again; when they do not reach back to its version, it reads everything.
/// </summary>
public sealed record PageVersion(long Version, IReadOnlyList<PageChange> Changes)
{
    /// <summary>How many changes the version row keeps.</summary>
    public const int Kept = 64;

    /// <summary>The changes after <paramref name="since"/>, or null when the record does not reach back that far.</summary>
    public IReadOnlyList<PageChange>? ChangesSince(long since)
    {
        if (since == Version)
        {
            return [];
        }

        if (since > Version || Changes.Count == 0 || Changes[0].Version > since + 1 || Changes[^1].Version != Version)
        {
            return null;
        }

        return Changes.Where(c => c.Version > since).ToArray();
    }

    /// <summary>One change per line: "{version} {kind} {id}".</summary>
    public static string Encode(IEnumerable<PageChange> changes)
        => string.Join('\n', changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Version} {(char)c.Kind} {c.Id}")));

    /// <summary>The changes a version row holds; none when any line is unreadable (the publisher then reads everything).</summary>
    public static IReadOnlyList<PageChange> Decode(string? text)
    {
        var changes = new List<PageChange>();
        foreach (var line in (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                || parts[1].Length != 1 || !Enum.IsDefined((PageChangeKind)parts[1][0]))
            {
                return [];
            }

            changes.Add(new PageChange(version, (PageChangeKind)parts[1][0], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null));
        }

        return changes;
    }
}

/// <summary>What one change touched: an incident (by id), the components, or a maintenance (by id).</summary>
public sealed record PageChange(long Version, PageChangeKind Kind, string? Id);

public enum PageChangeKind
{
    Incident = 'i',
    Component = 'c',
    Maintenance = 'm',
}
