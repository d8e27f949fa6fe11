using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// A host that cannot start because of its settings says so in one line per problem — which setting, what rule,
/// how to set it — instead of an unhandled exception and a stack trace. Both hosts use it.
/// </summary>
public static partial class StartupFailure
{
    /// <summary>The exception, if it is a settings problem, as the lines a person reads; else null.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        if (Chain(exception).OfType<StatusComms.Playbooks.InvalidPlaybookException>().FirstOrDefault() is { } playbook)
        {
            return ["StatusComms cannot start: " + playbook.Message];
        }

        var validation = exception as OptionsValidationException
            ?? (exception as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault()
            ?? exception.InnerException as OptionsValidationException;
        return validation?.Failures.SelectMany(Lines).Select(line => "StatusComms cannot start: " + line).ToArray();
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Writes the lines to standard error and gives the exit code, or returns null when it is no settings problem.</summary>
    public static int? Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Describe(exception) is not { } lines)
        {
            return null;
        }

        foreach (var line in lines)
        {
            error.WriteLine(line);
        }

        return 2;
    }

    // "DataAnnotation validation failed for 'StatusCommsOptions' members: 'ApiKey' with the error: 'The field …'."
    private static IEnumerable<string> Lines(string failure)
    {
        var annotation = Annotation().Match(failure);
        if (!annotation.Success)
        {
            yield return failure;
            yield break;
        }

        var section = annotation.Groups["type"].Value switch
        {
            "StatusCommsOptions" => "StatusComms",
            var other => "StatusComms:" + other.Replace("Options", string.Empty, StringComparison.Ordinal).Replace("Settings", string.Empty, StringComparison.Ordinal),
        };
        foreach (var member in annotation.Groups["member"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = member.Trim('\'');
            yield return $"{section}:{name} (environment: {section.Replace(":", "__", StringComparison.Ordinal)}__{name}): {annotation.Groups["error"].Value.TrimEnd('.')}.";
        }
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<type>\w+)' members: (?<member>.+?) with the error: '(?<error>.+)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Annotation();
}
