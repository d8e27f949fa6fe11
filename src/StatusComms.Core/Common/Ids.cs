using System.Buffers;
using System.Security.Cryptography;

namespace StatusComms.Common;

/// <summary>
/// Identifiers shaped like Statuspage's: 12 lowercase letters and digits. They are also table row-key parts,
/// so anything offered as an id from outside is checked against the same alphabet first.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> Allowed = SearchValues.Create(Alphabet + "-_");

    public static string NewId()
        => RandomNumberGenerator.GetString(Alphabet, 12);

    /// <summary>True when <paramref name="id"/> could be an id of ours: 1–64 of [a-z0-9_-].</summary>
    public static bool IsWellFormed(string? id)
        => !string.IsNullOrEmpty(id) && id.Length <= 64 && !id.AsSpan().ContainsAnyExcept(Allowed);
}
