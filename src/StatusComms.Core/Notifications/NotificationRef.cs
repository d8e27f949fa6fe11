using StatusComms.Common;

namespace StatusComms.Notifications;

public enum NotificationKind
{
    Incident,
    Maintenance,
}

/// <summary>
/// One published update that subscribers hear about: an incident update or a maintenance update. Its
/// <see cref="Key"/> ("inc-{incident}-{update}") names its fan-out plan and its deliveries in the ledger, so every
/// retry of its fan-out and of its sends finds the same records.
/// </summary>
public sealed record NotificationRef(NotificationKind Kind, string SubjectId, string UpdateId)
{
    public string Key => $"{(Kind == NotificationKind.Incident ? "inc" : "mnt")}-{SubjectId}-{UpdateId}";

    public static NotificationRef? TryParse(string? key)
    {
        var parts = key?.Split('-') ?? [];
        if (parts.Length != 3 || parts[0] is not ("inc" or "mnt") || !Ids.IsWellFormed(parts[1]) || !Ids.IsWellFormed(parts[2]))
        {
            return null;
        }

        return new NotificationRef(parts[0] == "inc" ? NotificationKind.Incident : NotificationKind.Maintenance, parts[1], parts[2]);
    }
}
