using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// The functions of this app as their attributes declare them: name, trigger, route or schedule. The local runner
/// hosts exactly these, so routes and schedules are never written down a second time.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionEntry> All { get; } = Discover(typeof(FunctionCatalog).Assembly);

    private static readonly Dictionary<string, FunctionEntry> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function of this name (as the Functions host's FunctionDefinition.Name has it), or null.</summary>
    public static FunctionEntry? Find(string name) => ByName.GetValueOrDefault(name);

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
public sealed record FunctionEntry(string Name, MethodInfo Method, FunctionTrigger Trigger, IReadOnlyList<string> HttpMethods, string? Target, string? Schedule)
{
    /// <summary>
    /// Calls an HTTP function as the Functions host does: a new instance of its class from <paramref name="services"/>,
    /// the request, route values by parameter name (from the request's route values) and the request's cancellation.
    /// </summary>
    public async Task<IActionResult> InvokeHttpAsync(IServiceProvider services, HttpRequest request)
    {
        var instance = ActivatorUtilities.CreateInstance(services, Method.DeclaringType!);
        var arguments = Method.GetParameters().Select(p => Bind(p, request)).ToArray();
        object? returned;
        try
        {
            returned = Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        return returned switch
        {
            Task<IActionResult> pending => await pending,
            IActionResult done => done,
            _ => throw new InvalidOperationException($"{Name} returned {returned?.GetType().Name ?? "null"}, not an IActionResult."),
        };
    }

    private static object? Bind(ParameterInfo parameter, HttpRequest request)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return request.HttpContext.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string) && request.RouteValues.TryGetValue(parameter.Name!, out var value))
        {
            return value?.ToString();
        }

        throw new InvalidOperationException($"Cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
    }
}
