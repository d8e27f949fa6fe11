namespace StatusComms.Functions.Http;

/// <summary>
/// Fields Statuspage documents for this body that mean nothing here (tweets, backfill flags, metadata). Statuspage
/// clients send them, so they are accepted rather than refused as unknown; they are dropped before the body is
/// read and named in the response's <see cref="RequestBody.IgnoredFieldsHeader"/> so nobody is surprised.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AcceptsAndIgnoresAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}
