using System.Text.RegularExpressions;

namespace StatusComms.Candor;

/// <summary>
/// Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59
/// (Kincaid et al., 1975). Syllables are counted by vowel groups, which is close enough for a warning.
/// </summary>
public static partial class Readability
{
    public static int WordCount(string text) => Word().Count(text);

    public static double GradeLevel(string text)
    {
        var words = Word().Matches(text);
        if (words.Count == 0)
        {
            return 0;
        }

        var sentences = Math.Max(1, SentenceEnd().Count(text));
        var syllables = 0;
        foreach (Match word in words)
        {
            syllables += Syllables(word.Value);
        }

        return (0.39 * words.Count / sentences) + (11.8 * syllables / words.Count) - 15.59;
    }

    private static int Syllables(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length <= 3)
        {
            return 1;
        }

        var groups = VowelGroup().Count(lower);
        if (lower.EndsWith('e') && !lower.EndsWith("le", StringComparison.Ordinal) && groups > 1)
        {
            groups--;
        }

        return Math.Max(1, groups);
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"[.!?]+(\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
