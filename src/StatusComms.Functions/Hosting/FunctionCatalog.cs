using System.Reflection;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// The functions of this app as their attributes declare them: name, trigger, route or schedule. The local runner
/// hosts exactly these, so routes and schedules are never written down a second time.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionEntry> All { get; } = Discover(typeof(FunctionCatalog).Assembly);

    public static IReadOnlyList<FunctionEntry> Discover(Assembly assembly)
        => assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .Select(x => Describe(x.Function!.Name, x.Method))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();

    private static FunctionEntry Describe(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? ["get", "post", "put", "patch", "delete"]).Select(m => m.ToUpperInvariant()).ToArray();
                return new FunctionEntry(name, method, FunctionTrigger.Http, methods, http.Route ?? name, null);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new FunctionEntry(name, method, FunctionTrigger.Timer, [], null, timer.Schedule);
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new FunctionEntry(name, method, FunctionTrigger.Queue, [], queue.QueueName, null);
            }
        }

        throw new InvalidOperationException($"Function {name} has a trigger the local runner does not know.");
    }
}

public enum FunctionTrigger
{
    Http,
    Timer,
    Queue,
}

/// <param name="Target">The HTTP route (without the "api" prefix) or the queue name.</param>
/// <param name="Schedule">The timer's six-field NCRONTAB expression.</param>
public sealed record FunctionEntry(string Name, MethodInfo Method, FunctionTrigger Trigger, IReadOnlyList<string> HttpMethods, string? Target, string? Schedule);
