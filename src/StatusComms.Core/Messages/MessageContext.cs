using System.Globalization;

namespace StatusComms.Messages;

/// <summary>
/// What a message template is filled from: the incident itself, plus details only the comms lead knows (what
/// customers see, the workaround, the cause…). Whatever is not known stays a visible, named placeholder
/// <c>[[name]]</c>, which the candor check refuses to publish.
/// </summary>
public sealed class MessageContext
{
    private readonly IReadOnlyDictionary<string, string> _fields;

    public MessageContext(
        string incidentName,
        IReadOnlyList<string> components,
        string impact,
        DateTimeOffset startedAt,
        DateTimeOffset? endedAt,
        DateTimeOffset now,
        DateTimeOffset nextUpdateAt,
        IReadOnlyDictionary<string, string> fields)
    {
        EndedAt = endedAt;
        IncidentName = incidentName;
        Components = components;
        Impact = impact;
        StartedAt = startedAt;
        Now = now;
        NextUpdateAt = nextUpdateAt;
        _fields = fields;
    }

    /// <summary>The details a comms lead can fill, with what each means; templates use these names only.</summary>
    public static IReadOnlyDictionary<string, string> FieldDescriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["symptom"] = "What customers see, e.g. \"requests fail with error 503\"",
        ["share"] = "Who or how much is affected, e.g. \"about 30% of API requests\"",
        ["region"] = "The region affected, e.g. \"the EU region (Frankfurt)\"",
        ["workaround"] = "What customers can do meanwhile",
        ["cause"] = "The cause in plain words",
        ["fix"] = "What we are doing or did to fix it",
        ["provider"] = "The third-party provider",
        ["data"] = "Which data was exposed or changed, and whose",
        ["customer_action"] = "What customers must do (security and data incidents)",
        ["authority"] = "The authority notified and when (security and data incidents)",
        ["window_start"] = "Maintenance window start, e.g. \"Saturday 6 December, 02:00 UTC\"",
        ["window_end"] = "Maintenance window end",
        ["new_window_end"] = "The new end of an extended maintenance",
        ["change"] = "What the maintenance changes for customers",
        ["prevention"] = "What we are changing so it does not happen again",
    };

    public string IncidentName { get; }
    public IReadOnlyList<string> Components { get; }
    public string Impact { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset Now { get; }
    public DateTimeOffset NextUpdateAt { get; }

    /// <summary>When the incident was resolved, if it is.</summary>
    public DateTimeOffset? EndedAt { get; }

    /// <summary>The affected components, as customers read them ("API and Dashboard").</summary>
    public string ComponentList => Components.Count switch
    {
        0 => "[[components]]",
        1 => Components[0],
        _ => string.Join(", ", Components.Take(Components.Count - 1)) + " and " + Components[^1],
    };

    /// <summary>"is" or "are", to agree with <see cref="ComponentList"/>.</summary>
    public string Is => Components.Count > 1 ? "are" : "is";

    /// <summary>"works" or "work", to agree with <see cref="ComponentList"/>.</summary>
    public string Works => Components.Count > 1 ? "work" : "works";

    public string Started => Clock(StartedAt);

    /// <summary>"09:42 to 10:31 UTC": when it started and when it ended (or now, while it lasts).</summary>
    public string Window => string.Create(CultureInfo.InvariantCulture, $"{StartedAt.UtcDateTime:HH:mm} to {Clock(EndedAt ?? Now)}");

    public string NextUpdate => Clock(NextUpdateAt);

    /// <summary>How long it has lasted so far, or lasted in all once resolved.</summary>
    public string Duration => StatusPage.SiteFormat.Duration((EndedAt ?? Now) - StartedAt);

    /// <summary>The day it started, for postmortems written later ("25 November").</summary>
    public string Day => StartedAt.UtcDateTime.ToString("d MMMM", CultureInfo.InvariantCulture);

    /// <summary>A detail the comms lead filled in, or its named placeholder.</summary>
    public string Field(string name)
        => _fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : $"[[{name}]]";

    private static string Clock(DateTimeOffset time) => StatusPage.SiteFormat.Clock(time);

    /// <summary>Replaces each <c>[[name]]</c> left in a text by what the comms lead filled in, keeping the rest as they edited it.</summary>
    public static string Fill(string body, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Aggregate(body, (text, field) => text.Replace($"[[{field.Key}]]", field.Value, StringComparison.Ordinal));
    }
}
