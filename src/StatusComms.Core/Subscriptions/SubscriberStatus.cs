using System.Text.Json.Serialization;

namespace StatusComms.Subscriptions;

/// <summary>Where a subscriber is in double opt-in and after. Only <see cref="Confirmed"/> subscribers are sent to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubscriberStatus>))]
public enum SubscriberStatus
{
    /// <summary>Asked to subscribe; the confirmation link has not been followed yet.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("confirmed")]
    Confirmed,

    /// <summary>Unsubscribed themselves (link, one-click header or mail client).</summary>
    [JsonStringEnumMemberName("unsubscribed")]
    Unsubscribed,

    /// <summary>Stopped by a bounce, a drop or a spam report; never sent to again unless they subscribe anew.</summary>
    [JsonStringEnumMemberName("suppressed")]
    Suppressed,
}
