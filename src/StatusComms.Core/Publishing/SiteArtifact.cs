namespace StatusComms.Publishing;

/// <summary>One file of the published site.</summary>
/// <param name="Path">Path under the site root, without a leading slash ("incidents/abc.html").</param>
public sealed record SiteArtifact(string Path, ReadOnlyMemory<byte> Content, string ContentType, string CacheControl);
