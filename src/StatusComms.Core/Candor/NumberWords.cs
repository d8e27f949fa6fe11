using System.Globalization;

namespace StatusComms.Candor;

/// <summary>Counts as messages write them: "30", "thirty", "an", "half an", "a few".</summary>
internal static class NumberWords
{
    public static double? Parse(string word) => word.Trim().ToLowerInvariant() switch
    {
        "a" or "an" or "one" => 1,
        "half a" or "half an" => 0.5,
        "few" or "a few" => 3,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "forty-five" or "forty five" => 45,
        "fifty" => 50,
        "sixty" => 60,
        "ninety" => 90,
        var digits => double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null,
    };
}
